import express, { Router } from 'express';
import { estimatesCsv } from '../../analysis/estimates-csv';
import { analysisBody, type AnalysisResult, type AnalysisSetup } from '../../contracts/analysis';
import { registeredUploadQuery, type RegisteredTableSummary } from '../../contracts/population';
import type { Database } from '../db/database';
import { parseInput } from '../http/parse-input';
import { utf8Only } from '../http/plain-text-input';
import { writeAuditLog } from '../queries/audit-log';
import { analysisSetup, runCampaignAnalysis } from '../services/analysis';
import { listRegisteredTablesFor, uploadRegisteredTable } from '../services/analysis-registered';
import { analystAccess } from './analyst-access';
import { csvBody } from './population-routes';

/** Survey analysis of a campaign: set-up, runs (JSON or CSV) and registered counts for the mörkertal. */
export function analysisRoutes(db: Database): Router {
  const router = Router();
  const access = analystAccess(db);
  const csv = express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: '5mb', verify: utf8Only });

  router.get('/api/campaigns/:id/analysis', ...access, async (req, res) => {
    res.json((await analysisSetup(db, req.auth!, String(req.params.id))) satisfies AnalysisSetup);
  });

  router.post('/api/campaigns/:id/analysis', ...access, async (req, res) => {
    const body = parseInput(analysisBody, req.body);
    const result: AnalysisResult = await runCampaignAnalysis(db, req.auth!, String(req.params.id), body);
    res.set('Cache-Control', 'no-store').json(result);
  });

  router.post('/api/campaigns/:id/analysis.csv', ...access, async (req, res) => {
    const body = parseInput(analysisBody, req.body);
    const analysis = await runCampaignAnalysis(db, req.auth!, String(req.params.id), body);
    await writeAuditLog(db, { userId: req.auth!.userId, kommunkod: analysis.meta.campaign.kommunkod, action: 'campaign.analysis_export', details: { campaignId: analysis.meta.campaign.id, format: 'csv' } });
    res.set('Cache-Control', 'no-store').type('text/csv; charset=utf-8').attachment('skattningar.csv').send(estimatesCsv(analysis));
  });

  router.get('/api/campaigns/:id/registered-tables', ...access, async (req, res) => {
    res.json((await listRegisteredTablesFor(db, req.auth!, String(req.params.id))) satisfies readonly RegisteredTableSummary[]);
  });

  router.post('/api/campaigns/:id/registered-tables', ...access, csv, async (req, res) => {
    const meta = parseInput(registeredUploadQuery, req.query);
    const table = await uploadRegisteredTable(db, req.auth!, String(req.params.id), { ...meta, name: meta.name ?? meta.fileName, csv: csvBody(req) });
    res.status(201).json(table);
  });
  return router;
}
