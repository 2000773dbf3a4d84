import express, { Router, type Request } from 'express';
import { populationQuery, populationUploadQuery, type KommunPopulation, type PopulationTableSummary } from '../../contracts/population';
import type { Database } from '../db/database';
import { authenticate, requireRole } from '../auth/authenticate';
import { HttpError } from '../http/http-error';
import { parseInput } from '../http/parse-input';
import { utf8Only } from '../http/plain-text-input';
import { listPopulationTablesFor, populationByAgeGroups, uploadPopulationTable } from '../services/population-tables';

/** The uploaded CSV text; 415 for anything but a text body. */
export function csvBody(req: Request): string {
  if (typeof req.body !== 'string') throw new HttpError(415, 'unsupported_media_type', 'Skicka filen som text/csv (UTF-8).');
  return req.body;
}

/** Population totals from SCB, and a kommun's own uploaded population tables. */
export function populationRoutes(db: Database): Router {
  const router = Router();
  const staff = authenticate(db);
  const analyst = [staff, requireRole('analyst')];
  const csv = express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: '5mb', verify: utf8Only });

  router.get('/api/population/:kommunkod', staff, (req, res) => {
    const { ageGroups } = parseInput(populationQuery, req.query);
    res.set('Cache-Control', 'private, max-age=3600').json(populationByAgeGroups(String(req.params.kommunkod), ageGroups) satisfies KommunPopulation);
  });

  router.get('/api/kommuner/:kommunkod/population-tables', ...analyst, async (req, res) => {
    res.json((await listPopulationTablesFor(db, req.auth!, String(req.params.kommunkod))) satisfies readonly PopulationTableSummary[]);
  });

  router.post('/api/kommuner/:kommunkod/population-tables', ...analyst, csv, async (req, res) => {
    const meta = parseInput(populationUploadQuery, req.query);
    const table = await uploadPopulationTable(db, req.auth!, String(req.params.kommunkod), { ...meta, name: meta.name ?? meta.fileName, csv: csvBody(req) });
    res.status(201).json(table);
  });
  return router;
}
