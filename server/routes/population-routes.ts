import express, { Router, type Request } from 'express';
import {
  populationQuery,
  populationTablePatchBody,
  populationUploadQuery,
  scbPopulationImportQuery,
  type KommunPopulation,
  type PopulationTableSummary,
  type ScbPopulationImport,
  type ScbPopulationYear,
} from '../../contracts/population';
import type { Database } from '../db/database';
import { authenticate, requireRole } from '../auth/authenticate';
import { HttpError } from '../http/http-error';
import { parseInput } from '../http/parse-input';
import { utf8Only } from '../http/plain-text-input';
import { deletePopulationTableFor, listPopulationTablesFor, populationByAgeGroups, setPopulationTableActiveFor, uploadPopulationTable } from '../services/population-tables';
import { importScbPopulation, listScbPopulationYears } from '../services/scb-population-years';

/** The uploaded CSV text; 415 for anything but a text body. */
export function csvBody(req: Request): string {
  if (typeof req.body !== 'string') throw new HttpError(415, 'unsupported_media_type', 'Skicka filen som text/csv (UTF-8).');
  return req.body;
}

/** Population totals from SCB (the built-in 2019 table and years an admin imports), and a kommun's own uploaded population tables. */
export function populationRoutes(db: Database): Router {
  const router = Router();
  const staff = authenticate(db);
  const analyst = [staff, requireRole('analyst')];
  const csv = express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: '5mb', verify: utf8Only });

  router.get('/api/population/:kommunkod', staff, async (req, res) => {
    const { ageGroups, year } = parseInput(populationQuery, req.query);
    res.set('Cache-Control', 'private, max-age=3600').json((await populationByAgeGroups(db, String(req.params.kommunkod), ageGroups, year)) satisfies KommunPopulation);
  });

  router.get('/api/population-years', staff, async (_req, res) => {
    res.json((await listScbPopulationYears(db)) satisfies readonly ScbPopulationYear[]);
  });

  // SCB's BE0101 download as it is (PX or CSV, any encoding), so the body is read as bytes.
  router.post('/api/admin/population-years', staff, requireRole('admin'), express.raw({ type: () => true, limit: '40mb' }), async (req, res) => {
    const { fileName } = parseInput(scbPopulationImportQuery, req.query);
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new HttpError(415, 'unsupported_media_type', 'Skicka SCB:s fil (PX eller CSV) som innehåll.');
    res.status(201).json({ years: await importScbPopulation(db, req.auth!, req.body, fileName) } satisfies ScbPopulationImport);
  });

  router.get('/api/kommuner/:kommunkod/population-tables', ...analyst, async (req, res) => {
    res.json((await listPopulationTablesFor(db, req.auth!, String(req.params.kommunkod))) satisfies readonly PopulationTableSummary[]);
  });

  router.post('/api/kommuner/:kommunkod/population-tables', ...analyst, csv, async (req, res) => {
    const meta = parseInput(populationUploadQuery, req.query);
    const table = await uploadPopulationTable(db, req.auth!, String(req.params.kommunkod), { ...meta, name: meta.name ?? meta.fileName, csv: csvBody(req) });
    res.status(201).json(table);
  });

  router.patch('/api/kommuner/:kommunkod/population-tables/:id', ...analyst, async (req, res) => {
    const { active } = parseInput(populationTablePatchBody, req.body);
    res.json((await setPopulationTableActiveFor(db, req.auth!, String(req.params.kommunkod), String(req.params.id), active)) satisfies PopulationTableSummary);
  });

  router.delete('/api/kommuner/:kommunkod/population-tables/:id', ...analyst, async (req, res) => {
    await deletePopulationTableFor(db, req.auth!, String(req.params.kommunkod), String(req.params.id));
    res.status(204).end();
  });
  return router;
}
