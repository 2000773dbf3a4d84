import { Router, type ErrorRequestHandler } from 'express';
import { openDraftBody, saveDraftBody, submitBody, type SubmitResponse } from '../../contracts/respondent';
import { RESUME_CHECKS_PER_MINUTE } from '../../domain/sealed-draft';
import type { Database } from '../db/database';
import { parseInput } from '../http/parse-input';
import { HttpError } from '../http/http-error';
import { clientAddress, RateLimiter, rateLimit } from '../http/rate-limit';
import { CODE_LOOKUP_POLICY, FailedLookups } from '../services/attempt-guard';
import { discardDraft, openSealedDraft, saveSealedDraft } from '../services/drafts';
import { codeHashOf } from '../services/personal-codes';
import { openSurveyByCode, submitByCode } from '../services/respond';
import type { ResponseStore } from '../services/response-store';

export interface RespondLimits {
  /** Requests per second over all clients (a flood limit that protects this process and its database). */
  globalPerSecond: number;
  /** Resume-word checks per code per minute (besides the lock after five wrong words in a row); default 3. */
  resumeChecksPerCodePerMinute?: number;
}

/**
 * Codes have ≈54.5 bits, so guessing is hopeless; what guessing looks like
 * is many unknown codes from one address, and those are counted (in the
 * database, across processes: `CODE_LOOKUP_POLICY`). Valid codes are never
 * counted, so a class behind one address answers and autosaves freely; only
 * the global flood limit applies to them.
 */
export const defaultRespondLimits: RespondLimits = {
  globalPerSecond: 3000,
  resumeChecksPerCodePerMinute: RESUME_CHECKS_PER_MINUTE,
};

/** An error handler that counts unknown codes (`code_invalid`) per address, and answers 429 instead once the address is over its limit. */
export function countMisses(misses: FailedLookups, errorCode: string): ErrorRequestHandler {
  return async (error: unknown, req, _res, next) => {
    if (!(error instanceof HttpError) || error.code !== errorCode) return next(error);
    next((await misses.missed(clientAddress(req))) ?? error);
  };
}

/** Respondent API for personal codes. The code in the path is the credential; it is never logged. */
export function respondRoutes(db: Database, store: ResponseStore, secret: Buffer, limits: RespondLimits = defaultRespondLimits): Router {
  const router = Router();
  router.use(
    '/api/respond',
    rateLimit({ global: new RateLimiter(limits.globalPerSecond, 1000) }),
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
  router.use('/api/respond', countMisses(new FailedLookups(db, secret, CODE_LOOKUP_POLICY), 'code_invalid'));
  return router;
}
