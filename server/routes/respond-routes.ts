import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database';
import { parseInput } from '../http/parse-input';
import { RateLimiter, rateLimit } from '../http/rate-limit';
import { openSurveyByCode, saveDraftByCode, submitByCode } from '../services/respond';
import type { ResponseStore } from '../services/response-store';

const answersSchema = z.record(z.string(), z.unknown());
const draftBody = z.object({ answers: answersSchema });
const submitBody = z.object({ submissionId: z.string().min(8).max(100), answers: answersSchema });

export interface RespondLimits {
  /** Requests per client address per minute (all respondent calls together). */
  perClientPerMinute: number;
  /** Requests per second over all clients (protects the database). */
  globalPerSecond: number;
}

/**
 * Codes have ≈54.5 bits, so guessing is hopeless even without a limit; the
 * limits stop floods. 600 a minute per address leaves room for autosave
 * and for several respondents behind one address.
 */
export const defaultRespondLimits: RespondLimits = { perClientPerMinute: 600, globalPerSecond: 3000 };

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

  router.get('/api/respond/:code', async (req, res) => {
    res.json(await openSurveyByCode(db, secret, req.params.code));
  });

  router.put('/api/respond/:code/draft', async (req, res) => {
    const { answers } = parseInput(draftBody, req.body);
    await saveDraftByCode(db, secret, req.params.code, answers);
    res.status(204).end();
  });

  router.post('/api/respond/:code/submit', async (req, res) => {
    const body = parseInput(submitBody, req.body);
    const outcome = await submitByCode(db, store, secret, req.params.code, body);
    res.status(outcome === 'created' ? 201 : 200).json({ status: outcome === 'created' ? 'stored' : 'already_stored' });
  });
  return router;
}
