import { Router } from 'express';
import { countyComparisonQuery, countyKommunerQuery, lanKodParam } from '../../contracts/county';
import type { Database } from '../db/database';
import { authenticate, requireRole } from '../auth/authenticate';
import { parseInput } from '../http/parse-input';
import { countyKommuner } from '../services/county';
import { countyComparison } from '../services/county-comparison';

/** County (länsstyrelse) views: aggregates of the viewer's own län only, audit-logged. */
export function countyRoutes(db: Database): Router {
  const router = Router();
  router.use('/api/county', authenticate(db), requireRole('county_viewer'));

  router.get('/api/county/:lanKod/kommuner', async (req, res) => {
    const { lanKod } = parseInput(lanKodParam, req.params);
    const query = parseInput(countyKommunerQuery, req.query);
    res.set('Cache-Control', 'no-store').json(await countyKommuner(db, req.auth!, lanKod, query));
  });

  router.get('/api/county/:lanKod/comparison', async (req, res) => {
    const { lanKod } = parseInput(lanKodParam, req.params);
    const query = parseInput(countyComparisonQuery, req.query);
    res.set('Cache-Control', 'no-store').json(await countyComparison(db, req.auth!, lanKod, query));
  });
  return router;
}
