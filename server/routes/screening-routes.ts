import { Router, type Request } from 'express';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { authenticate, requireRole, SESSION_COOKIE } from '../auth/authenticate';
import { parseInput } from '../http/parse-input';
import { SCREENING_FIELD_LABELS } from '../../domain/screening-contact';
import { clientAddress, RateLimiter, rateLimit } from '../http/rate-limit';
import { AttemptGuard, PIN_POLICY } from '../services/attempt-guard';
import {
  createScreener,
  createScreening,
  describeUnitLink,
  listScreeningsFor,
  openUnitLinkSession,
  patchScreening,
  rotateUnitPin,
  screeningAccess,
  screeningAnalystAccess,
  UNIT_LINK_SESSION_HOURS,
  viewScreening,
} from '../services/screening';
import { correctContact, listUnitRegistrations, registerContact, registrationHistory, withdrawContact } from '../services/screening-registrations';
import { exportRegistrationsCsv, followUp, screeningComparison, screeningReport, screeningSummary } from '../services/screening-report';
import { inventorySummary, saveUnitInventory, unitInventory } from '../services/inventory';
import {
  comparisonQuery,
  correctionBody,
  createScreenerBody,
  createScreeningBody,
  inventoryQuery,
  inventoryReportBody,
  patchScreeningBody,
  pinBody,
  registrationBody,
  summaryQuery,
  withdrawBody,
} from '../../contracts/screening';
import { microdataExportQuery } from '../../contracts/exports';

const id = (req: Request) => String(req.params.id);

/** Screening month: set-up (analysts), registration (screeners of a unit), follow-up, analysis and export. */
export function screeningRoutes(db: Database, config: Config, secret: Buffer): Router {
  const router = Router();
  const cookieOptions = { httpOnly: true, sameSite: 'strict', secure: config.cookieSecure, path: '/' } as const;

  // Unit link + PIN: failing addresses are limited per link (with back-off) and overall; the unit itself is never locked.
  const pins = new AttemptGuard(db, secret, PIN_POLICY);
  const lookups = rateLimit({ perClient: new RateLimiter(60, 60_000) });

  router.get('/api/screening-link/:token', lookups, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await describeUnitLink(db, String(req.params.token)));
  });

  router.post('/api/screening-link/:token/session', async (req, res) => {
    const { pin } = parseInput(pinBody, req.body);
    const session = await openUnitLinkSession(db, String(req.params.token), pin, { guard: pins, address: clientAddress(req) });
    res.cookie(SESSION_COOKIE, session.token, { ...cookieOptions, maxAge: UNIT_LINK_SESSION_HOURS * 3600_000 });
    res.json(session);
  });

  router.use('/api/screening', authenticate(db), requireRole('analyst', 'screener'));

  router.get('/api/screening', async (req, res) => {
    res.json(await listScreeningsFor(db, req.auth!));
  });

  router.post('/api/screening', requireRole('analyst'), async (req, res) => {
    const input = parseInput(createScreeningBody, req.body);
    res.status(201).json({ id: await createScreening(db, req.auth!, input) });
  });

  router.get('/api/screening/:id', async (req, res) => {
    res.json(await viewScreening(db, await screeningAccess(db, req.auth!, id(req))));
  });

  router.patch('/api/screening/:id', async (req, res) => {
    const access = await screeningAnalystAccess(db, req.auth!, id(req));
    await patchScreening(db, req.auth!, access, parseInput(patchScreeningBody, req.body));
    res.json(await viewScreening(db, await screeningAccess(db, req.auth!, id(req))));
  });

  router.post('/api/screening/:id/screeners', async (req, res) => {
    const access = await screeningAnalystAccess(db, req.auth!, id(req));
    res.status(201).json(await createScreener(db, req.auth!, access, parseInput(createScreenerBody, req.body)));
  });

  router.post('/api/screening/:id/units/:unitId/pin', async (req, res) => {
    const access = await screeningAnalystAccess(db, req.auth!, id(req));
    res.set('Cache-Control', 'no-store').json(await rotateUnitPin(db, req.auth!, access, String(req.params.unitId)));
  });

  router.get('/api/screening/:id/units/:unitId/registrations', async (req, res) => {
    const access = await screeningAccess(db, req.auth!, id(req));
    res.json(await listUnitRegistrations(db, access, String(req.params.unitId)));
  });

  router.post('/api/screening/:id/registrations', async (req, res) => {
    const access = await screeningAccess(db, req.auth!, id(req));
    res.status(201).json(await registerContact(db, req.auth!, access, parseInput(registrationBody, req.body, SCREENING_FIELD_LABELS)));
  });

  router.put('/api/screening/:id/registrations/:registrationId', async (req, res) => {
    const access = await screeningAccess(db, req.auth!, id(req));
    res.json(await correctContact(db, req.auth!, access, String(req.params.registrationId), parseInput(correctionBody, req.body, SCREENING_FIELD_LABELS)));
  });

  router.post('/api/screening/:id/registrations/:registrationId/withdraw', async (req, res) => {
    const access = await screeningAccess(db, req.auth!, id(req));
    const { version } = parseInput(withdrawBody, req.body);
    res.json(await withdrawContact(db, req.auth!, access, String(req.params.registrationId), version));
  });

  router.get('/api/screening/:id/registrations/:registrationId/changes', async (req, res) => {
    const access = await screeningAccess(db, req.auth!, id(req));
    res.json(await registrationHistory(db, access, String(req.params.registrationId)));
  });

  router.get('/api/screening/:id/follow-up', async (req, res) => {
    res.json(await followUp(db, await screeningAccess(db, req.auth!, id(req))));
  });

  router.get('/api/screening/:id/summary', async (req, res) => {
    const access = await screeningAnalystAccess(db, req.auth!, id(req));
    res.json(await screeningSummary(db, req.auth!, access, parseInput(summaryQuery, req.query)));
  });

  router.get('/api/screening/:id/comparison', async (req, res) => {
    const access = await screeningAnalystAccess(db, req.auth!, id(req));
    res.json(await screeningComparison(db, access, parseInput(comparisonQuery, req.query)));
  });

  router.get('/api/screening/:id/report', async (req, res) => {
    const access = await screeningAnalystAccess(db, req.auth!, id(req));
    const { minCell } = parseInput(summaryQuery, req.query);
    res.json(await screeningReport(db, req.auth!, access, minCell));
  });

  router.get('/api/screening/:id/units/:unitId/inventory', async (req, res) => {
    const access = await screeningAccess(db, req.auth!, id(req));
    res.json(await unitInventory(db, access, String(req.params.unitId)));
  });

  router.put('/api/screening/:id/units/:unitId/inventory', async (req, res) => {
    const access = await screeningAccess(db, req.auth!, id(req));
    res.json(await saveUnitInventory(db, req.auth!, access, String(req.params.unitId), parseInput(inventoryReportBody, req.body)));
  });

  router.get('/api/screening/:id/inventory', async (req, res) => {
    const access = await screeningAnalystAccess(db, req.auth!, id(req));
    res.json(await inventorySummary(db, req.auth!, access, parseInput(inventoryQuery, req.query)));
  });

  router.get('/api/screening/:id/registrations.csv', async (req, res) => {
    const access = await screeningAnalystAccess(db, req.auth!, id(req));
    const { purpose } = parseInput(microdataExportQuery, req.query);
    const csv = await exportRegistrationsCsv(db, req.auth!, access, purpose);
    res
      .set('Cache-Control', 'no-store')
      .type('text/csv; charset=utf-8')
      .attachment(`kartlaggning-${access.campaign.id.slice(0, 8)}.csv`)
      .send(csv);
  });
  return router;
}
