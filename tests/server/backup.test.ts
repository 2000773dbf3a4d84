/**
 * Backup and restore round trip, as a kommun's IT runs it: `npm run backup
 * -- FILE` on a populated database (the embedded one in DATA_DIR, or
 * `pg_dump` of DATABASE_URL under `npm run test:pg`), `npm run restore --
 * FILE` into an empty data directory or database, then every table of both
 * is compared row by row.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { openPgliteDatabase } from '../../server/db/pglite-database';
import { openPostgresDatabase } from '../../server/db/postgres-database';
import { newSubmissionId, openCampaignWithCodes } from './fieldwork-helpers';
import { startTestServer, type TestDatabaseLocation } from './test-server';

const run = promisify(execFile);
let dir: string;
let source: TestDatabaseLocation;
let target: TestDatabaseLocation;
const file = () => join(dir, 'backup-2026-01-01.gz');
const cleanups: (() => Promise<void>)[] = [];

/** Runs an npm script as IT would, with the configuration in the environment. */
async function npmRun(script: 'backup' | 'restore', location: TestDatabaseLocation): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    DATABASE_URL: location.kind === 'postgresql' ? location.url : '',
    DATA_DIR: location.kind === 'pglite' ? join(location.dataDir, '..') : join(dir, 'unused'),
    LOG_LEVEL: 'silent',
  };
  try {
    const { stdout, stderr } = await run('npx', ['tsx', `scripts/${script}.ts`, file()], { cwd: process.cwd(), env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function openLocation(location: TestDatabaseLocation): Promise<Database> {
  return location.kind === 'pglite' ? openPgliteDatabase(location.dataDir) : openPostgresDatabase(location.url, 2);
}

/** A new, empty database on the test PostgreSQL server. */
async function emptyPostgresDatabase(): Promise<TestDatabaseLocation> {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `restore_${Math.random().toString(16).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  cleanups.push(async () => {
    const again = new pg.Client({ connectionString: adminUrl });
    await again.connect();
    await again.query(`drop database if exists ${name} with (force)`);
    await again.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { kind: 'postgresql', url: url.toString(), name };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'backup-'));
  const server = await startTestServer({}, { pgliteDir: join(dir, 'a', 'pglite') });
  source = server.location!;
  cleanups.push(() => server.drop());
  // A populated database: setup, settings, accounts, a survey with codes, web and paper answers, a draft-free close, a screening month.
  const admin = await server.login();
  await server.request('POST', '/api/admin/setup', { token: admin, body: { kommunkod: '0580' } });
  await server.request('PUT', '/api/admin/kommuner/0580/settings', { token: admin, body: { areas: [{ code: 'norr', name: 'Norr' }], minCell: 7, retention: { responsesMonths: 36 } } });
  await server.request('POST', '/api/admin/users', { token: admin, body: { email: 'a@test.se', displayName: 'A', kommunkod: '0580', roles: [{ role: 'analyst', kommunkod: '0580' }] } });
  await server.request('POST', '/api/admin/users', { token: admin, body: { email: 'b@test.se', displayName: 'B', kommunkod: '0580', roles: [{ role: 'analyst', kommunkod: '0580' }], invite: 'link' } });
  const campaign = await openCampaignWithCodes(server, admin);
  for (const [i, issued] of campaign.codes.slice(0, 3).entries()) {
    const answers = { kon: issued.stratum.kon, alder: 30 + i, psykiskt_12m: 'ja', fysiskt_12m: 'nej' };
    const response =
      i === 2
        ? await server.request('POST', `/api/campaigns/${campaign.id}/paper`, { token: admin, body: { code: issued.code, answers } })
        : await server.request('POST', `/api/respond/${issued.code}/submit`, { body: { submissionId: newSubmissionId(), answers } });
    expect(response.status).toBe(201);
  }
  await server.request('POST', `/api/campaigns/${campaign.id}/reminders`, { token: admin });
  const today = new Date().toISOString().slice(0, 10);
  await server.request('POST', '/api/screening', { token: admin, body: { title: 'Månad', periodStart: today, periodEnd: today, units: [{ verksamhet: 'lss', enhet: 'LSS' }], kommunkod: '0580' } });
  await server.stop();
  target = source.kind === 'pglite' ? { kind: 'pglite', dataDir: join(dir, 'b', 'pglite') } : await emptyPostgresDatabase();
}, 120_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

/** Every row of every table in the public schema, as text, sorted; the audit entries of the backup itself left out. */
async function allRows(db: Database): Promise<Map<string, string[]>> {
  const tables = await db.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by tablename`);
  const result = new Map<string, string[]>();
  for (const { name } of tables) {
    const filter = name === 'audit_log' ? ` where t.action not in ('backup.create', 'backup.restore')` : '';
    const rows = await db.query<{ row: string }>(`select t::text as row from public.${name} t${filter}`);
    result.set(name, rows.map((r) => r.row).sort());
  }
  return result;
}

describe('npm run backup / npm run restore', () => {
  it('round trip: every table restored exactly, backup and restore audit-logged', async () => {
    const backup = await npmRun('backup', source);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Backup written: .*backup-2026-01-01\.gz \((pglite|postgresql), \d+ tables, \d+ rows, \d+ bytes\)/);
    expect(backup.stdout).toContain('code secret');
    expect(existsSync(file())).toBe(true);

    const restore = await npmRun('restore', target);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/^Restored /);

    const [before, after] = [await openLocation(source), await openLocation(target)];
    try {
      const [a, b] = [await allRows(before), await allRows(after)];
      expect([...b.keys()]).toEqual([...a.keys()]);
      expect(a.size).toBeGreaterThan(20);
      for (const [table, rows] of a) expect(b.get(table), table).toEqual(rows);
      // The populated tables really had rows.
      for (const table of ['users', 'user_roles', 'campaigns', 'codes', 'code_usage', 'responses', 'submission_receipts', 'kommun_settings', 'installation', 'account_invites', 'units', 'audit_log', 'schema_migrations']) {
        expect(a.get(table)!.length, table).toBeGreaterThan(0);
      }
      const backups = await before.query<{ details: { rows: Record<string, number> } }>(`select details from audit_log where action = 'backup.create'`);
      expect(backups).toHaveLength(1);
      expect(backups[0].details.rows.responses).toBe(3);
      expect(await after.query(`select 1 from audit_log where action = 'backup.restore'`)).toHaveLength(1);
      // Identity sequences continue after the restored rows.
      const [{ max }] = await after.query<{ max: number }>('select max(id)::int as max from audit_log');
      const [{ id }] = await after.query<{ id: number }>(`insert into audit_log (action) values ('test.after_restore') returning id::int as id`);
      expect(id).toBeGreaterThan(max);
    } finally {
      await before.close();
      await after.close();
    }
  });

  it('refuses to restore over a database that is not empty, and to back up one that is in use', async () => {
    const again = await npmRun('restore', target);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty/);
    if (source.kind === 'pglite') {
      const open = await openPgliteDatabase(source.dataDir);
      try {
        const busy = await npmRun('backup', source);
        expect(busy.code).toBe(2);
        expect(busy.stderr).toMatch(/in use by process \d+/);
      } finally {
        await open.close();
      }
    }
  });

  // The test server opens an existing data directory only on the embedded driver.
  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))('the restored database serves the same campaigns to a new server', async () => {
    if (target.kind !== 'pglite') throw new Error('expected the embedded driver');
    const server = await startTestServer({}, { pgliteDir: target.dataDir });
    try {
      const token = await server.login();
      const campaigns = (await server.request('GET', '/api/campaigns', { token })).body as { id: string; title: string }[];
      const survey = campaigns.find((c) => c.title === 'Befolkningsenkät 2025')!;
      const detail = await server.request('GET', `/api/campaigns/${survey.id}`, { token });
      expect(detail.body.counts).toMatchObject({ invited: 5, completed: 3, responses: 3 });
      expect((await server.request('GET', '/api/admin/kommuner/0580/settings', { token })).body).toMatchObject({ minCell: 7, retention: { responsesMonths: 36 } });
    } finally {
      await server.stop();
    }
  });
});
