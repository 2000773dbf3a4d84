/**
 * Retention (gallring): a kommun's rules delete survey responses, screening
 * registrations, uploaded tables and audit entries when due, log what was
 * deleted, keep published figures, and leave no deleted answer anywhere in
 * the database's files (dead rows, pg_statistic, the write-ahead log).
 * Runs on PGlite on disk, and on PostgreSQL with
 * `npm run test:pg -- npx vitest run tests/server/retention.test.ts`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditResponse } from '../../contracts/admin';
import { campaignDetailResponse } from '../../contracts/fieldwork';
import { publishedFiguresListResponse, publishedFiguresResponse } from '../../contracts/retention';
import { screeningViewResponse } from '../../contracts/screening';
import { createLogger } from '../../server/log';
import { claimDailyRun } from '../../server/queries/retention';
import { retentionDueDate, runRetention } from '../../server/services/retention';
import { swedishToday } from '../../server/services/screening-registrations';
import { newSubmissionId } from './fieldwork-helpers';
import { openRawDatabase, readDatabaseFiles } from './raw-database';
import { startTestServer, type TestDatabaseLocation, type TestServer } from './test-server';

let dir: string;
let server: TestServer;
let admin: string;
let location: TestDatabaseLocation;
const log = createLogger('silent');

const STRATA = [
  { stratum: { kon: 'kvinna', aldersgrupp: '30-44' }, count: 6, N: 5000 },
  { stratum: { kon: 'man', aldersgrupp: '30-44' }, count: 6, N: 5000 },
];

/** A population survey in Örebro with `n` web answers per stratum, each with a unique marker in its free text. */
async function surveyWithAnswers(title: string, perStratum: number): Promise<{ id: string; markers: string[] }> {
  const created = await server.request('POST', '/api/campaigns', { token: admin, body: { templateId: 'befolkningsenkat', title, kommunkod: '1880' } });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const codes = await server.request('POST', `/api/campaigns/${id}/codes`, { token: admin, body: { strata: STRATA } });
  expect(codes.status).toBe(201);
  expect((await server.request('POST', `/api/campaigns/${id}/open`, { token: admin })).status).toBe(200);
  const markers: string[] = [];
  for (const stratum of STRATA) {
    const mine = (codes.body.codes as { code: string; stratum: { kon: string } }[]).filter((c) => c.stratum.kon === stratum.stratum.kon).slice(0, perStratum);
    for (const [i, issued] of mine.entries()) {
      const marker = `GALLRA${randomBytes(8).toString('hex')}`;
      markers.push(marker);
      const answers = { kon: issued.stratum.kon, alder: 35 + i, psykiskt_nagonsin: 'ja', psykiskt_12m: i % 2 === 0 ? 'ja' : 'nej', kommentar: marker };
      const submitted = await server.request('POST', `/api/respond/${issued.code}/submit`, { body: { submissionId: newSubmissionId(), answers } });
      expect(submitted.status).toBe(201);
    }
  }
  return { id, markers };
}

let closedSurvey: { id: string; markers: string[] };
let openSurvey: { id: string; markers: string[] };
let screeningId: string;
let screeningMarker: string;
let closedOn: string;
let figuresId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'retention-'));
  server = await startTestServer({}, { pgliteDir: join(dir, 'pglite') });
  location = server.location!;
  admin = await server.login();
  expect((await server.request('POST', '/api/admin/setup', { token: admin, body: { kommunkod: '1880', microdataExport: true } })).status).toBe(200);

  closedSurvey = await surveyWithAnswers('Enkät 2024 (stängd)', 6);
  openSurvey = await surveyWithAnswers('Enkät 2026 (pågår)', 2);
  const published = await server.request('POST', `/api/campaigns/${closedSurvey.id}/published-figures`, {
    token: admin,
    body: { title: 'Rapport till socialnämnden 2024', analysis: { indicators: ['psykiskt_12m'], margins: [['kon']], by: [['kon']] } },
  });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  figuresId = published.body.id;
  const registered = await server.request('POST', `/api/campaigns/${closedSurvey.id}/registered-tables?fileName=REG.csv`, {
    token: admin,
    body: 'indikator,antal\npsykiskt_12m,40\n',
    headers: { 'content-type': 'text/csv' },
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  expect((await server.request('POST', `/api/campaigns/${closedSurvey.id}/close`, { token: admin })).status).toBe(200);

  // A screening month in Örebro with one registration whose free text is a marker.
  const today = swedishToday();
  const screening = await server.request('POST', '/api/screening', {
    token: admin,
    body: { title: 'Kartläggning november', periodStart: today, periodEnd: today, units: [{ verksamhet: 'forsorjningsstod', enhet: 'Försörjningsstöd' }], kommunkod: '1880' },
  });
  expect(screening.status).toBe(201);
  screeningId = screening.body.id;
  const view = screeningViewResponse.parse((await server.request('GET', `/api/screening/${screeningId}`, { token: admin })).body);
  const unitId = view.units[0].unitId;
  const self = (await server.request('GET', '/api/me', { token: admin })).body;
  const roles = [...self.roles.map((r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null))), { role: 'screener', kommunkod: '1880', unitId }];
  expect((await server.request('PATCH', `/api/admin/users/${self.user.id}`, { token: admin, body: { roles } })).status).toBe(200);
  screeningMarker = `REGISTR${randomBytes(6).toString('hex')}`;
  const contact = { unitId, datum: today, kon: 'kvinna', aldersgrupp: '30-44', tillfragad: 'nej', orsak_ej_tillfragad: 'annat', orsak_annat_text: screeningMarker };
  const registration = await server.request('POST', `/api/screening/${screeningId}/registrations`, { token: admin, body: contact });
  expect(registration.status, JSON.stringify(registration.body)).toBe(201);
  expect((await server.request('PATCH', `/api/screening/${screeningId}`, { token: admin, body: { status: 'closed' } })).status).toBe(200);

  // A kommun population table, and audit entries three years old (one of no kommun).
  const population = await server.request('POST', '/api/kommuner/1880/population-tables?fileName=omraden.csv', { token: admin, body: 'omrade,antal\nnorr,1000\nsyd,2000\n', headers: { 'content-type': 'text/csv' } });
  expect(population.status).toBe(201);
  await server.db.query(
    `insert into audit_log (at, user_id, kommunkod, action, details) values
       (now() - interval '3 years', null, '1880', 'test.ancient', '{}'), (now() - interval '3 years', null, null, 'test.ancient', '{}'),
       (now() - interval '3 years', null, '0180', 'test.ancient', '{}')`,
  );

  const rules = await server.request('PUT', '/api/admin/kommuner/1880/settings', {
    token: admin,
    body: { retention: { responsesMonths: 12, registrationsMonths: 6, tablesMonths: 12, auditMonths: 24 } },
  });
  expect(rules.status).toBe(200);
  closedOn = campaignDetailResponse.parse((await server.request('GET', `/api/campaigns/${closedSurvey.id}`, { token: admin })).body).retention.closedOn!;
});

afterAll(async () => {
  await server?.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const count = async (sql: string, params: unknown[] = []) => (await server.db.query<{ n: number }>(sql, params))[0].n;

describe('retention', () => {
  it('states on the campaign when its data will be deleted', async () => {
    const detail = campaignDetailResponse.parse((await server.request('GET', `/api/campaigns/${closedSurvey.id}`, { token: admin })).body);
    expect(closedOn).toBe(swedishToday());
    expect(detail.retention).toEqual({ months: 12, closedOn, deleteOn: retentionDueDate(closedOn, 12), deletedOn: null });
    const running = campaignDetailResponse.parse((await server.request('GET', `/api/campaigns/${openSurvey.id}`, { token: admin })).body);
    expect(running.retention).toEqual({ months: 12, closedOn: null, deleteOn: null, deletedOn: null });
    const screening = screeningViewResponse.parse((await server.request('GET', `/api/screening/${screeningId}`, { token: admin })).body);
    expect(screening.retention).toMatchObject({ months: 6, closedOn, deleteOn: retentionDueDate(closedOn, 6) });
  });

  it('computes due dates like PostgreSQL (the same day, or the last day of a shorter month)', () => {
    expect(retentionDueDate('2024-01-31', 1)).toBe('2024-02-29');
    expect(retentionDueDate('2023-01-31', 1)).toBe('2023-02-28');
    expect(retentionDueDate('2024-11-15', 14)).toBe('2026-01-15');
    expect(retentionDueDate('2024-11-15', 0)).toBe('2024-11-15');
    expect(retentionDueDate(null, 12)).toBeNull();
    expect(retentionDueDate('2024-11-15', null)).toBeNull();
  });

  it('deletes no campaign data before it is due; audit entries go by their own age', async () => {
    const dayBefore = new Date(`${retentionDueDate(closedOn, 6)}T00:00:00Z`);
    dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
    const report = await runRetention(server.db, server.responseStore, log, { today: dayBefore.toISOString().slice(0, 10) });
    expect(report).toMatchObject({ surveys: [], screenings: [], registeredTables: 0, populationTables: 0 });
    expect(await count('select count(*)::int as n from responses where campaign_id = $1', [closedSurvey.id])).toBe(12);
    // Entries of 1880 and of no kommun (the installation's kommun) older than 24 months; 0180 has no rule.
    expect(report.auditEntries).toBe(2);
    expect(await count(`select count(*)::int as n from audit_log where action = 'test.ancient'`)).toBe(1);
    expect(await count(`select count(*)::int as n from audit_log where action = 'test.ancient' and kommunkod = '0180'`)).toBe(1);
  });

  it('deletes what is due on the day, keeps the rest, logs counts, and keeps the published figures', async () => {
    const due = retentionDueDate(closedOn, 12)!;
    const report = await runRetention(server.db, server.responseStore, log, { today: due });
    expect(report.surveys).toEqual([{ campaignId: closedSurvey.id, kommunkod: '1880', responses: 12, codes: 12 }]);
    expect(report.screenings).toEqual([{ campaignId: screeningId, kommunkod: '1880', registrations: 1, changes: 1 }]);
    expect(report.registeredTables).toBe(1);
    expect(report.populationTables).toBe(1);
    expect(report.auditEntries).toBe(0);

    expect(await count('select count(*)::int as n from responses where campaign_id = $1', [closedSurvey.id])).toBe(0);
    expect(await count('select count(*)::int as n from responses where campaign_id = $1', [openSurvey.id])).toBe(4);
    expect(await count('select count(*)::int as n from codes where campaign_id = $1', [closedSurvey.id])).toBe(0);
    expect(await count('select count(*)::int as n from screening_registrations where campaign_id = $1', [screeningId])).toBe(0);

    const detail = campaignDetailResponse.parse((await server.request('GET', `/api/campaigns/${closedSurvey.id}`, { token: admin })).body);
    expect(detail.retention).toEqual({ months: 12, closedOn, deleteOn: null, deletedOn: due });
    expect(detail.codesDeletedOn).not.toBeNull();
    // The counts per stratum stay.
    expect(detail.counts).toMatchObject({ invited: 12, completed: 12 });
    expect((await server.request('POST', `/api/campaigns/${closedSurvey.id}/analysis`, { token: admin, body: {} })).status).toBe(400);

    const list = publishedFiguresListResponse.parse((await server.request('GET', `/api/campaigns/${closedSurvey.id}/published-figures`, { token: admin })).body);
    expect(list.map((f) => f.title)).toEqual(['Rapport till socialnämnden 2024']);
    const figures = publishedFiguresResponse.parse((await server.request('GET', `/api/campaigns/${closedSurvey.id}/published-figures/${figuresId}`, { token: admin })).body);
    const overall = figures.figures.estimates.find((e) => e.indicator === 'psykiskt_12m' && Object.keys(e.domain).length === 0)!;
    expect(overall, JSON.stringify(figures.figures.estimates)).toMatchObject({ suppressed: false });
    expect(overall.n).toBe(12);
    expect(overall.proportion).toBeCloseTo(0.5, 10);

    const entries = auditResponse.parse((await server.request('GET', '/api/admin/audit?action=retention.responses', { token: admin })).body).entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ userId: null, kommunkod: '1880', campaignTitle: 'Enkät 2024 (stängd)', details: { campaignId: closedSurvey.id, responses: 12, codes: 12, months: 12 } });
    const again = await runRetention(server.db, server.responseStore, log, { today: due });
    expect(again.surveys).toEqual([]);
  });

  it('runs once a day however many processes check', async () => {
    expect(await claimDailyRun(server.db, 'test-job', '2030-01-01')).toBe(true);
    expect(await claimDailyRun(server.db, 'test-job', '2030-01-01')).toBe(false);
    expect(await claimDailyRun(server.db, 'test-job', '2029-12-31')).toBe(false);
    expect(await claimDailyRun(server.db, 'test-job', '2030-01-02')).toBe(true);
  });

  it('leaves no deleted answer or registration in any file of the database (dead rows, statistics, write-ahead log)', async () => {
    await server.stop();
    if (location.kind === 'postgresql') {
      const flush = await openRawDatabase(location);
      await flush.query('checkpoint');
      await flush.close();
    }
    const files = await readDatabaseFiles(location);
    const found = (marker: string) => [...files.entries()].filter(([, bytes]) => bytes.includes(Buffer.from(marker, 'utf8'))).map(([path]) => path);
    const left = [...closedSurvey.markers, screeningMarker].flatMap((marker) => found(marker).map((path) => `${marker} in ${path}`));
    expect(left).toEqual([]);
    // The running survey's answers are still there (the search works).
    expect(openSurvey.markers.every((marker) => found(marker).length > 0)).toBe(true);
  });
});
