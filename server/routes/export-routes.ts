import { Router } from 'express';
import type { Database } from '../db/database';
import { populationStrataCsv, responsesCsv, responsesJson } from '../services/response-export';
import { analystAccess, streamChunks } from './analyst-access';
import { microdataExportQuery } from '../../contracts/exports';
import { parseInput } from '../http/parse-input';

/** Microdata (with the analyst's purpose) and population-strata exports for the analysis CLI; every export is audit-logged. */
export function exportRoutes(db: Database): Router {
  const router = Router();
  router.use('/api/campaigns/:id', ...analystAccess(db));

  router.get('/api/campaigns/:id/responses', async (req, res) => {
    const { purpose } = parseInput(microdataExportQuery, req.query);
    const chunks = await responsesJson(db, req.auth!, req.params.id, purpose);
    res.type('application/json; charset=utf-8').set('Cache-Control', 'no-store');
    await streamChunks(res, chunks);
  });

  router.get('/api/campaigns/:id/responses.csv', async (req, res) => {
    const { purpose } = parseInput(microdataExportQuery, req.query);
    const chunks = await responsesCsv(db, req.auth!, req.params.id, purpose);
    res.type('text/csv; charset=utf-8').set('Cache-Control', 'no-store').attachment('svar.csv');
    await streamChunks(res, chunks);
  });

  router.get('/api/campaigns/:id/population-strata.csv', async (req, res) => {
    const csv = await populationStrataCsv(db, req.auth!, req.params.id);
    res.type('text/csv; charset=utf-8').attachment('befolkning-strata.csv').send(csv);
  });
  return router;
}
