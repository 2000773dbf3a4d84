import { Router } from 'express';
import type { Database } from '../db/database';
import { populationStrataCsv, responsesCsv, responsesJson } from '../services/response-export';
import { analystAccess, streamChunks } from './analyst-access';
import { parseInput } from '../http/parse-input';
import { csvFormatQuery, microdataCsvQuery, microdataExportQuery, responsesExportQuery } from '../../contracts/exports';
import { microdataScript } from '../services/microdata-scripts';

/** Microdata (with the analyst's purpose and the analysis's weights), its R and SPSS scripts, and population-strata exports; every export is audit-logged. */
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
    const { format, analysis, purpose } = parseInput(microdataCsvQuery, req.query);
    const chunks = await responsesCsv(db, req.auth!, req.params.id, { purpose, dialect: format, analysis });
    res.type('text/csv; charset=utf-8').set('Cache-Control', 'no-store').attachment('svar.csv');
    await streamChunks(res, chunks);
  });

  router.get('/api/campaigns/:id/responses.R', async (req, res) => {
    const { analysis } = parseInput(responsesExportQuery, req.query);
    const script = await microdataScript(db, req.auth!, req.params.id, analysis ?? {}, 'r');
    res.type('text/plain; charset=utf-8').set('Cache-Control', 'no-store').attachment('analys.R').send(script);
  });

  router.get('/api/campaigns/:id/responses.sps', async (req, res) => {
    const { analysis } = parseInput(responsesExportQuery, req.query);
    const syntax = await microdataScript(db, req.auth!, req.params.id, analysis ?? {}, 'spss');
    res.type('text/plain; charset=utf-8').set('Cache-Control', 'no-store').attachment('analys.sps').send(syntax);
  });

  router.get('/api/campaigns/:id/population-strata.csv', async (req, res) => {
    const { format } = parseInput(csvFormatQuery, req.query);
    const csv = await populationStrataCsv(db, req.auth!, req.params.id, format);
    res.type('text/csv; charset=utf-8').attachment('befolkning-strata.csv').send(csv);
  });
  return router;
}
