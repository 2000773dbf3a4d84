import { Router } from 'express';
import { submitBody, type SubmitResponse } from '../../contracts/respondent';
import type { Database } from '../db/database';
import { parseInput } from '../http/parse-input';
import { openLinkSurvey, submitOpenLink } from '../services/open-link';
import type { ResponseStore } from '../services/response-store';

/** Respondent API for open-link campaigns (no personal codes). */
export function openLinkRoutes(db: Database, store: ResponseStore, secret: Buffer): Router {
  const router = Router();
  router.get('/api/open/:slug', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await openLinkSurvey(db, store, req.params.slug));
  });
  router.post('/api/open/:slug/submit', async (req, res) => {
    const body = parseInput(submitBody, req.body);
    const outcome = await submitOpenLink(db, store, secret, req.params.slug, body);
    const answer: SubmitResponse = { status: outcome === 'created' ? 'stored' : 'already_stored' };
    res.status(outcome === 'created' ? 201 : 200).json(answer);
  });
  return router;
}
