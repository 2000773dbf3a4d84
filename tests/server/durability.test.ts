/**
 * Durability (DOMAIN.md §5): a submission that got a 2xx answer is never
 * lost, and a retried submission is never counted twice. Runs the real
 * server as `npm start` runs it (the build, scripts/run.mjs) as a child process, kills it with SIGKILL in the
 * middle of a burst of concurrent open-link submissions, restarts it on the
 * same data, and checks every acknowledged submission is stored exactly once.
 * Submissions wait in the response pool until their batch is written
 * (docs/privacy.md), so counts after the restart include the waiting ones,
 * and the final check closes the campaign (which writes the last batch) and
 * reads every response.
 * On PostgreSQL (TEST_DATABASE_URL) the child uses a fresh database there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const TOTAL = 400;
const KILL_AFTER_ACKS = 60;
const CONCURRENCY = 32;

let dataDir: string;
let databaseUrl: string | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'durability-'));
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `durability_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    };
  }
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await dropDatabase?.();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the built server (as `npm start`: scripts/run.mjs) in its own node process and resolves with its port once it logs "listening". */
function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dataDir,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    BUILD_CLIENT: 'false',
    LOG_LEVEL: 'info',
    ADMIN_EMAIL: 'admin@durability.se',
    ADMIN_PASSWORD: 'durability-password-1',
    // Durability, not limits: the burst comes from one address.
    OPEN_LINK_SUBMISSIONS_PER_ADDRESS: '0',
    OPEN_LINK_SUBMISSIONS_PER_LINK: '0',
    // Respondents are told apart by X-Forwarded-For, so the per-address rate limit does not trip.
    TRUST_PROXY: 'true',
  };
  if (databaseUrl) Object.assign(env, { DATABASE_URL: databaseUrl, CODE_SECRET: 'durability-test-secret-0123456789abcdef' });
  const child = spawn(process.execPath, ['scripts/run.mjs', 'server'], { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time: ${stderr}`)), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'listening') {
          clearTimeout(timer);
          resolve({ child, url: `http://127.0.0.1:${entry.port}` });
        }
      } catch {
        // not a log line
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
}

/** A distinct, valid answer set for submission i of the demo survey, so each stored response can be recognised. */
function answersFor(i: number) {
  const kon = ['kvinna', 'man', 'annat', 'vill_inte_svara'][Math.floor(i / 68) % 4];
  const psykiskt = ['ja', 'nej', 'vill_inte_svara'][Math.floor(i / 272) % 3];
  return { kon, alder: 18 + (i % 68), psykiskt_12m: psykiskt, fysiskt_12m: 'nej' };
}
const keyOf = (answers: Record<string, unknown>) => `${answers.kon}|${answers.alder}|${answers.psykiskt_12m}|${answers.fysiskt_12m}`;

async function submit(url: string, submissionId: string, i: number, path = '/api/open/demo/submit'): Promise<number> {
  try {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.1.${i >> 8}.${i & 255}` },
      body: JSON.stringify({ submissionId, answers: answersFor(i) }),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0; // connection refused or reset: not acknowledged
  }
}

async function staff(url: string, method: string, path: string, body?: unknown): Promise<any> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@durability.se', password: 'durability-password-1' }),
  });
  const { token } = (await login.json()) as { token: string };
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

async function demoCampaignId(url: string): Promise<string> {
  const campaigns = (await staff(url, 'GET', '/api/campaigns')) as { id: string; openSlug: string }[];
  return campaigns.find((c) => c.openSlug === 'demo')!.id;
}

/** Stored submissions, written and waiting (the monitor's count by mode). */
async function storedCount(url: string, id: string): Promise<number> {
  const progress = await staff(url, 'GET', `/api/campaigns/${id}/progress`);
  return progress.byMode.web + progress.byMode.paper;
}

/** Closes the campaign (writing its last batch) and returns every response's answers. */
async function closeAndRead(url: string, id: string): Promise<Record<string, unknown>[]> {
  await staff(url, 'POST', `/api/campaigns/${id}/close`);
  const responses = (await staff(url, 'GET', `/api/campaigns/${id}/responses?purpose=Test%20av%20exporten`)) as { answers: Record<string, unknown> }[];
  return responses.map((r) => r.answers);
}

/** Submits TOTAL items with CONCURRENCY workers and SIGKILLs the server after KILL_AFTER_ACKS acknowledgements. */
async function burstAndKill(server: { child: ChildProcess; url: string }, send: (i: number) => Promise<number>): Promise<number[]> {
  const status = new Array<number>(TOTAL).fill(-1);
  let acknowledged = 0;
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (next < TOTAL) {
      const i = next++;
      status[i] = await send(i);
      if (status[i] >= 200 && status[i] < 300) acknowledged++;
      if (!killed && acknowledged >= KILL_AFTER_ACKS) {
        killed = true;
        server.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const { child } = server;
  await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));
  expect(child.signalCode).toBe('SIGKILL');
  return status;
}

describe('durability', () => {
  it('keeps every acknowledged submission exactly once across a SIGKILL and retries', { timeout: 180_000 }, async () => {
    const first = await startServer();
    const ids = Array.from({ length: TOTAL }, (_, i) => `durability-${i}-${randomBytes(8).toString('hex')}`);
    const status = await burstAndKill(first, (i) => submit(first.url, ids[i], i));

    const ackedIndexes = status.flatMap((s, i) => (s >= 200 && s < 300 ? [i] : []));
    const unacked = status.flatMap((s, i) => (s >= 200 && s < 300 ? [] : [i]));
    expect(ackedIndexes.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(unacked.length).toBeGreaterThan(0); // the kill really happened mid-burst
    expect(status.every((s) => s === 0 || s === 201)).toBe(true);

    const second = await startServer();
    const id = await demoCampaignId(second.url);
    const afterRestart = await storedCount(second.url, id);
    expect(afterRestart).toBeGreaterThanOrEqual(ackedIndexes.length);
    expect(afterRestart).toBeLessThanOrEqual(TOTAL);

    // Retry the unacknowledged ones with the same submission ids: 201 if lost, 200 if stored before the kill.
    const retried = await Promise.all(unacked.map((i) => submit(second.url, ids[i], i)));
    expect(retried.every((s) => s === 200 || s === 201)).toBe(true);
    // Acknowledged ones are not retried (but for 20, which must be recognised): if one were lost, it would be missing below.
    const again = await Promise.all(ackedIndexes.slice(0, 20).map((i) => submit(second.url, ids[i], i)));
    expect(again.every((s) => s === 200)).toBe(true);

    const final = (await closeAndRead(second.url, id)).map(keyOf);
    expect(final).toHaveLength(TOTAL);
    expect(new Set(final).size).toBe(TOTAL);
    console.log(
      `durability: ${ackedIndexes.length} acknowledged before SIGKILL, ${afterRestart} stored after restart, ` +
        `${retried.filter((s) => s === 200).length} of ${unacked.length} unacknowledged were already stored`,
    );
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
  });

  it('keeps every acknowledged code submission exactly once across a SIGKILL and retries', { timeout: 180_000 }, async () => {
    const first = await startServer();
    const { id } = await staff(first.url, 'POST', '/api/campaigns', { templateId: 'demo', title: 'Hållbarhet' });
    const issued = await staff(first.url, 'POST', `/api/campaigns/${id}/codes`, {
      strata: [{ stratum: { kon: 'kvinna', aldersgrupp: '18-29', omrade: 'norr' }, count: TOTAL }],
    });
    const codes = (issued.codes as { code: string }[]).map((c) => c.code);
    await staff(first.url, 'POST', `/api/campaigns/${id}/open`);
    const ids = codes.map((_, i) => `code-durability-${i}-${randomBytes(8).toString('hex')}`);
    const path = (i: number) => `/api/respond/${codes[i]}/submit`;

    const status = await burstAndKill(first, (i) => submit(first.url, ids[i], i, path(i)));
    const ackedIndexes = status.flatMap((s, i) => (s === 201 ? [i] : []));
    const unacked = status.flatMap((s, i) => (s === 201 ? [] : [i]));
    expect(status.every((s) => s === 0 || s === 201)).toBe(true);
    expect(ackedIndexes.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(unacked.length).toBeGreaterThan(0);

    const second = await startServer();
    const afterRestart = await storedCount(second.url, id);
    expect(afterRestart).toBeGreaterThanOrEqual(ackedIndexes.length);
    // Every acknowledged code is completed under its own submission id: a retry is a 200 repeat.
    const repeats = await Promise.all(ackedIndexes.map((i) => submit(second.url, ids[i], i, path(i))));
    expect(repeats.every((s) => s === 200)).toBe(true);
    const retried = await Promise.all(unacked.map((i) => submit(second.url, ids[i], i, path(i))));
    expect(retried.every((s) => s === 200 || s === 201)).toBe(true);

    const progress = await staff(second.url, 'GET', `/api/campaigns/${id}/progress`);
    expect(progress.totals).toEqual({ invited: TOTAL, started: TOTAL, completed: TOTAL });
    const final = (await closeAndRead(second.url, id)).map(keyOf);
    expect(final).toHaveLength(TOTAL);
    expect(new Set(final).size).toBe(TOTAL);
    console.log(
      `durability (codes): ${ackedIndexes.length} acknowledged before SIGKILL, ${afterRestart} stored after restart, ` +
        `${retried.filter((s) => s === 200).length} of ${unacked.length} unacknowledged were already stored`,
    );
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
  });
});
