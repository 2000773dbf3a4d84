import express, { Router } from 'express';
import type { Database } from '../db/database';
import type { Logger } from '../log';
import { authenticate, requireRole } from '../auth/authenticate';
import { parseInput } from '../http/parse-input';
import { utf8Only } from '../http/plain-text-input';
import {
  areasCsvQuery,
  auditQuery,
  createUnitBody,
  createUserBody,
  kommunSettingsBody,
  patchUserBody,
  setupBody,
  type AdminUser,
  type AuditLog,
  type CreatedUser,
  type InviteLink,
  type KommunInfo,
  type KommunSettings,
  type ResetPassword,
  type SetupStatus,
  type UnitInfo,
} from '../../contracts/admin';
import { createUser, listUsers, patchUser, reinvite, resetPassword } from '../services/admin-users';
import { auditActions, auditLogCsv, readAuditLog } from '../services/audit';
import {
  addKommunUnit,
  configureInstallation,
  importAreasCsv,
  kommunSettings,
  kommunSettingsFor,
  listKommuner,
  saveKommunSettings,
  setupStatus,
} from '../services/installation';
import { runRetentionNow, type RetentionReport } from '../services/retention';
import type { ResponseStore } from '../services/response-store';
import { csvBody } from './population-routes';

/** Administration (admin only, audit-logged): setup, kommun settings, accounts and roles, the audit log, retention. */
export function adminRoutes(db: Database, store: ResponseStore, log: Logger): Router {
  const router = Router();
  const csv = express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: '1mb', verify: utf8Only });
  const id = (value: unknown) => String(value);

  // Analysts read their kommun's settings: campaign forms start from them.
  router.get('/api/kommuner/:kommunkod/settings', authenticate(db), async (req, res) => {
    res.json((await kommunSettingsFor(db, req.auth!, id(req.params.kommunkod))) satisfies KommunSettings);
  });

  router.use('/api/admin', authenticate(db), requireRole('admin'));

  router.get('/api/admin/users', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json((await listUsers(db)) satisfies readonly AdminUser[]);
  });

  router.post('/api/admin/users', async (req, res) => {
    const input = parseInput(createUserBody, req.body);
    res.status(201).set('Cache-Control', 'no-store').json((await createUser(db, req.auth!, input)) satisfies CreatedUser);
  });

  router.patch('/api/admin/users/:id', async (req, res) => {
    const input = parseInput(patchUserBody, req.body);
    res.json((await patchUser(db, req.auth!, id(req.params.id), input)) satisfies AdminUser);
  });

  router.post('/api/admin/users/:id/password', async (req, res) => {
    res.set('Cache-Control', 'no-store').json((await resetPassword(db, req.auth!, id(req.params.id))) satisfies ResetPassword);
  });

  router.post('/api/admin/users/:id/invite', async (req, res) => {
    res.set('Cache-Control', 'no-store').json((await reinvite(db, req.auth!, id(req.params.id))) satisfies InviteLink);
  });

  router.get('/api/admin/audit', async (req, res) => {
    res.set('Cache-Control', 'no-store').json((await readAuditLog(db, parseInput(auditQuery, req.query))) satisfies AuditLog);
  });

  router.get('/api/admin/audit.csv', async (req, res) => {
    const body = await auditLogCsv(db, req.auth!, parseInput(auditQuery, req.query));
    res.set('Cache-Control', 'no-store').type('text/csv; charset=utf-8').attachment('granskningslogg.csv').send(body);
  });

  router.get('/api/admin/audit/actions', async (_req, res) => {
    res.json((await auditActions(db)) satisfies readonly string[]);
  });

  router.get('/api/admin/setup', async (_req, res) => {
    res.json((await setupStatus(db)) satisfies SetupStatus);
  });

  router.post('/api/admin/setup', async (req, res) => {
    res.json((await configureInstallation(db, req.auth!, parseInput(setupBody, req.body))) satisfies SetupStatus);
  });

  router.get('/api/admin/kommuner', async (_req, res) => {
    res.set('Cache-Control', 'private, max-age=3600').json((await listKommuner(db)) satisfies readonly KommunInfo[]);
  });

  router.get('/api/admin/kommuner/:kommunkod/settings', async (req, res) => {
    res.json((await kommunSettings(db, id(req.params.kommunkod))) satisfies KommunSettings);
  });

  router.put('/api/admin/kommuner/:kommunkod/settings', async (req, res) => {
    const input = parseInput(kommunSettingsBody, req.body);
    res.json((await saveKommunSettings(db, req.auth!, id(req.params.kommunkod), input)) satisfies KommunSettings);
  });

  router.post('/api/admin/kommuner/:kommunkod/areas.csv', csv, async (req, res) => {
    const file = parseInput(areasCsvQuery, req.query).fileName ?? 'omraden.csv';
    res.json((await importAreasCsv(db, req.auth!, id(req.params.kommunkod), csvBody(req), file)) satisfies KommunSettings);
  });

  router.post('/api/admin/kommuner/:kommunkod/units', async (req, res) => {
    const input = parseInput(createUnitBody, req.body);
    res.status(201).json((await addKommunUnit(db, req.auth!, id(req.params.kommunkod), input)) satisfies UnitInfo);
  });

  router.post('/api/admin/retention/run', async (req, res) => {
    res.json((await runRetentionNow(db, store, log, req.auth!)) satisfies RetentionReport);
  });
  return router;
}
