import { Router } from 'express';
import { openDraftBody, saveDraftBody, submitBody, type SubmitResponse } from '../../contracts/respondent';
import { RESUME_CHECKS_PER_MINUTE } from '../../domain/sealed-draft';
import type { Database } from '../db/database';
import { parseInput } from '../http/parse-input';
import { RateLimiter, rateLimit } from '../http/rate-limit';
import { discardDraft, openSealedDraft, saveSealedDraft } from '../services/drafts';
import { codeHashOf } from '../services/personal-codes';
import { openSurveyByCode, submitByCode } from '../services/respond';
import type { ResponseStore } from '../services/response-store';

export interface RespondLimits {
  /** Requests per client address per minute (all respondent calls together). */
  perClientPerMinute: number;
  /** Requests per second over all clients (protects the database). */
  globalPerSecond: number;
  /** Resume-word checks per code per minute (besides the lock after five wrong words in a row); default 3. */
  resumeChecksPerCodePerMinute?: number;
}

/**
 * Codes have ≈54.5 bits, so guessing is hopeless even without a limit; the
 * limits stop floods. 600 a minute per address leaves room for autosave
 * and for several respondents behind one address.
 */
export const defaultRespondLimits: RespondLimits = {
  perClientPerMinute: 600,
  globalPerSecond: 3000,
  resumeChecksPerCodePerMinute: RESUME_CHECKS_PER_MINUTE,
};

/** Respondent API for personal codes. The code in the path is the credential; it is never logged. */
export function respondRoutes(db: Database, store: ResponseStore, secret: Buffer, limits: RespondLimits = defaultRespondLimits): Router {
  const router = Router();
  router.use(
    '/api/respond',
    rateLimit({ perClient: new RateLimiter(limits.perClientPerMinute, 60_000), global: new RateLimiter(limits.globalPerSecond, 1000) }),
    (_req, res, next) => {
      res.set('Cache-Control', 'no-store');
      next();
    },
  );
  // Keyed by the code's hash (the code itself is not kept in memory), from any address.
  router.use(
    '/api/respond/:code/draft/open',
    rateLimit({
      perClient: new RateLimiter(limits.resumeChecksPerCodePerMinute ?? RESUME_CHECKS_PER_MINUTE, 60_000),
      key: (req) => `code:${codeHashOf(secret, String(req.params.code)) ?? 'malformed'}`,
    }),
  );

  router.get('/api/respond/:code', async (req, res) => {
    res.json(await openSurveyByCode(db, store, secret, req.params.code));
  });

  router.put('/api/respond/:code/draft', async (req, res) => {
    await saveSealedDraft(db, secret, req.params.code, parseInput(saveDraftBody, req.body));
    res.status(204).end();
  });

  router.post('/api/respond/:code/draft/open', async (req, res) => {
    const { verifier } = parseInput(openDraftBody, req.body);
    res.json(await openSealedDraft(db, secret, req.params.code, verifier));
  });

  router.delete('/api/respond/:code/draft', async (req, res) => {
    await discardDraft(db, secret, req.params.code);
    res.status(204).end();
  });

  router.post('/api/respond/:code/submit', async (req, res) => {
    const body = parseInput(submitBody, req.body);
    const outcome = await submitByCode(db, store, secret, req.params.code, body);
    const answer: SubmitResponse = { status: outcome === 'created' ? 'stored' : 'already_stored' };
    res.status(outcome === 'created' ? 201 : 200).json(answer);
  });
  return router;
}
