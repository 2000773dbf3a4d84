import { Router } from 'express';
import { publishFiguresBody, type PublishedFigures, type PublishedFiguresSummary } from '../../contracts/retention';
import type { Database } from '../db/database';
import { parseInput } from '../http/parse-input';
import { listPublishedFiguresFor, publishedFiguresOf, publishFigures } from '../services/published-figures';
import { analystAccess } from './analyst-access';

/** Figures a report used, kept after retention deletes the microdata. */
export function publishedFiguresRoutes(db: Database): Router {
  const router = Router();
  const access = analystAccess(db);

  router.get('/api/campaigns/:id/published-figures', ...access, async (req, res) => {
    res.json((await listPublishedFiguresFor(db, req.auth!, String(req.params.id))) satisfies readonly PublishedFiguresSummary[]);
  });

  router.post('/api/campaigns/:id/published-figures', ...access, async (req, res) => {
    const input = parseInput(publishFiguresBody, req.body);
    res.status(201).json((await publishFigures(db, req.auth!, String(req.params.id), input)) satisfies PublishedFigures);
  });

  router.get('/api/campaigns/:id/published-figures/:figuresId', ...access, async (req, res) => {
    res.json((await publishedFiguresOf(db, req.auth!, String(req.params.id), String(req.params.figuresId))) satisfies PublishedFigures);
  });
  return router;
}
