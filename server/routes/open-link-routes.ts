import { Router } from 'express';
import { submitBody, type SubmitResponse, type SurveyResponse } from '../../contracts/respondent';
import type { Database } from '../db/database';
import { parseInput } from '../http/parse-input';
import { classLinkSurvey, findOpenClassLink, submitClassLink } from '../services/class-links';
import { openLinkSurvey, submitOpenLink } from '../services/open-link';
import type { ResponseStore } from '../services/response-store';

/**
 * Respondent API for open links and class links (no personal codes). A
 * class link's token and an open campaign's slug share the path: the token
 * is looked up first (it is longer than any slug).
 */
export function openLinkRoutes(db: Database, store: ResponseStore, secret: Buffer): Router {
  const router = Router();
  router.get('/api/open/:slug', async (req, res) => {
    const classLink = await findOpenClassLink(db, req.params.slug);
    const survey: SurveyResponse = classLink ? await classLinkSurvey(db, store, classLink) : await openLinkSurvey(db, store, req.params.slug);
    res.set('Cache-Control', 'no-store').json(survey);
  });
  router.post('/api/open/:slug/submit', async (req, res) => {
    const body = parseInput(submitBody, req.body);
    const classLink = await findOpenClassLink(db, req.params.slug);
    const outcome = classLink ? await submitClassLink(db, store, secret, classLink, body) : await submitOpenLink(db, store, secret, req.params.slug, body);
    const answer: SubmitResponse = { status: outcome === 'created' ? 'stored' : 'already_stored' };
    res.status(outcome === 'created' ? 201 : 200).json(answer);
  });
  return router;
}
