import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database';
import { parseInput } from '../http/parse-input';
import { openLinkSurvey, submitOpenLink } from '../services/open-link';
import type { ResponseStore } from '../services/response-store';

const submitBody = z.object({
  submissionId: z.string().min(8).max(100),
  answers: z.record(z.string(), z.unknown()),
});

/** Respondent API for open-link campaigns (no personal codes). */
export function openLinkRoutes(db: Database, store: ResponseStore, secret: Buffer): Router {
  const router = Router();
  router.get('/api/open/:slug', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await openLinkSurvey(db, req.params.slug));
  });
  router.post('/api/open/:slug/submit', async (req, res) => {
    const body = parseInput(submitBody, req.body);
    const outcome = await submitOpenLink(db, store, secret, req.params.slug, body);
    res.status(outcome === 'created' ? 201 : 200).json({ status: outcome === 'created' ? 'stored' : 'already_stored' });
  });
  return router;
}
