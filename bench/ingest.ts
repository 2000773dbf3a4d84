/**
 * Ingest benchmark (not a test: figures are printed, not asserted).
 *
 *   npm run bench:ingest                              # PGlite
 *   npm run test:pg -- -- npm run bench:ingest       # PGlite, then PostgreSQL (throwaway cluster)
 *
 * Starts the real server (server/main.ts) as a child process with a fresh
 * data folder (and, when TEST_DATABASE_URL or DATABASE_URL is set, a second
 * time on a fresh PostgreSQL database), issues 20,000 personal codes for the
 * demo template, opens the campaign, then lets 64 concurrent clients submit
 * valid answer sets to POST /api/respond/:code/submit over loopback HTTP for
 * about 10 seconds. Prints submissions per second and p50/p99 latency.
 * Each simulated respondent has its own address (X-Forwarded-For with
 * TRUST_PROXY=true, as behind a load balancer), so the per-client rate limit
 * applies as in the field. Target: ≥ 1,000/s with p99 < 100 ms on 2 cores.
 * Set BENCH_PROFILE=<folder> to write a V8 CPU profile of the server there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';

const CODES = 20_000;
const CLIENTS = 64;
const SECONDS = 10;
const ADMIN = { email: 'admin@bench.se', password: 'bench-password-123' };

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

function request(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      base + path,
      { method, agent, headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROFILE] : []), '--import', 'tsx', 'server/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number; level?: string };
        if (entry.msg === 'listening') resolve({ child, url: `http://127.0.0.1:${entry.port}` });
        else if (entry.level === 'error') console.error(line);
      } catch {
        // a non-JSON line (e.g. the first-admin notice)
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run(label: string, databaseUrl?: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    BUILD_CLIENT: 'false',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'info',
    TRUST_PROXY: 'true',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  };
  if (databaseUrl) Object.assign(env, { DATABASE_URL: databaseUrl, CODE_SECRET: randomBytes(32).toString('base64url'), DATABASE_POOL_SIZE: '20' });
  const { child, url } = await startServer(env);
  try {
    const login = await request(url, 'POST', '/api/auth/login', ADMIN);
    const auth = { authorization: `Bearer ${JSON.parse(login.body).token}` };
    const created = await request(url, 'POST', '/api/campaigns', { templateId: 'demo', title: 'Bench' }, auth);
    const campaignId = JSON.parse(created.body).id as string;
    const strata = ['kvinna', 'man'].flatMap((kon) =>
      ['18-29', '30-44', '45-64', '65-85'].map((aldersgrupp) => ({ stratum: { kon, aldersgrupp, omrade: 'norr' }, count: CODES / 8, N: 10_000 })),
    );
    let started = performance.now();
    const issued = await request(url, 'POST', `/api/campaigns/${campaignId}/codes`, { strata }, auth);
    if (issued.status !== 201) throw new Error(`codes: ${issued.status} ${issued.body}`);
    const codes = (JSON.parse(issued.body).codes as { code: string }[]).map((c) => c.code);
    console.log(`[${label}] issued ${codes.length} codes in ${Math.round(performance.now() - started)} ms`);
    await request(url, 'POST', `/api/campaigns/${campaignId}/open`, undefined, auth);

    const latencies = new Float64Array(codes.length);
    let done = 0;
    let next = 0;
    let failures = 0;
    const statuses = new Map<number, number>();
    const deadline = performance.now() + SECONDS * 1000;
    started = performance.now();
    const client = async () => {
      while (performance.now() < deadline && next < codes.length) {
        const i = next++;
        const answers = { kon: i % 2 ? 'kvinna' : 'man', alder: 18 + (i % 68), psykiskt_12m: i % 5 ? 'nej' : 'ja', fysiskt_12m: i % 7 ? 'nej' : 'vill_inte_svara' };
        const address = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
        const t0 = performance.now();
        const response = await request(url, 'POST', `/api/respond/${codes[i]}/submit`, { submissionId: `bench-${i}-${campaignId}`, answers }, { 'x-forwarded-for': address });
        const ms = performance.now() - t0;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status !== 201) {
          failures++;
          continue;
        }
        latencies[done++] = ms;
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const seconds = (performance.now() - started) / 1000;
    const sorted = latencies.slice(0, done).sort();
    console.log(
      `[${label}] ${done} submissions in ${seconds.toFixed(2)} s with ${CLIENTS} clients: ${Math.round(done / seconds)} submissions/s, ` +
        `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[sorted.length - 1]?.toFixed(1)} ms` +
        (failures > 0 ? `; ${failures} non-201 answers: ${JSON.stringify(Object.fromEntries(statuses))}` : ''),
    );
    const progress = JSON.parse((await request(url, 'GET', `/api/campaigns/${campaignId}/progress`, undefined, auth)).body);
    console.log(`[${label}] progress after the run: ${JSON.stringify(progress.totals)}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function freshPostgresDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

async function main(): Promise<void> {
  await run('pglite');
  const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (adminUrl) {
    const database = await freshPostgresDatabase(adminUrl);
    try {
      await run('postgresql', database.url);
    } finally {
      await database.drop();
    }
  } else {
    console.log('PostgreSQL: skipped (set TEST_DATABASE_URL, or run `npm run test:pg -- -- npm run bench:ingest`).');
  }
  agent.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
