/**
 * Analysis API benchmark (not a test: figures are printed, not asserted).
 *
 *   npx tsx bench/analysis-api.ts [responses]                         # PGlite on disk
 *   npm run test:pg -- -- npx tsx bench/analysis-api.ts [responses]   # on a throwaway PostgreSQL cluster
 *
 * Set-up (in this process, not part of the figures): a campaign of the
 * population questionnaire in Stockholm (0180) with 100,000 synthetic
 * responses bulk-inserted by SQL, an område table and a registered table;
 * a first analysis then computes the responses' analysis records once, as
 * it does for responses written before the records existed (submissions
 * get theirs when their batch is written).
 *
 * Then the server is started as `npm start` runs it (the build, a separate
 * process) on the same data, and POST /api/campaigns/:id/analysis is timed
 * over HTTP: cold (a fresh process: read and decode the stored records,
 * rake, estimate) and warm (decoded records kept in the process), after a
 * restart, and on PostgreSQL also in a second process running beside the
 * first. Each run estimates all 16 indicators overall and by kön,
 * åldersgrupp and område, with the mörkertal against a registered table.
 * Server time is the route's own timing (records + estimates); target ≤ 1 s
 * cold.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { insertRole } from '../server/queries/users';
import { ADMIN, jsonRequest, startTestServer } from '../tests/server/test-server';
import { mulberry32 } from '../analysis/mulberry32';

const n = Number(process.argv[2] ?? 100_000);
const KOMMUN = '0180';

const random = mulberry32(2024);
const forms = ['psykiskt', 'hot', 'fysiskt', 'sexuellt', 'ekonomiskt'];
const hrv = ['hrv_partnerval', 'hrv_vanner', 'hrv_klader', 'hrv_fritid', 'hrv_utbildning', 'hrv_hot_rykte', 'hrv_aktenskap', 'hrv_utlandet', 'hrv_konsstympning'];
const answer = (pJa: number): string | undefined => {
  const u = random();
  return u < pJa ? 'ja' : u < 0.95 ? 'nej' : u < 0.98 ? 'vill_inte_svara' : undefined;
};
function respondent(): Record<string, unknown> {
  const r: Record<string, unknown> = { kon: random() < 0.55 ? 'kvinna' : 'man', alder: 18 + Math.floor(random() * 68), omrade: `omrade_${1 + Math.floor(random() * 3)}` };
  r.hushall = random() < 0.3 ? ['partner', 'barn_under_18'] : ['ensam'];
  for (const f of forms) {
    r[`${f}_nagonsin`] = answer(0.15);
    if (r[`${f}_nagonsin`] === 'ja') r[`${f}_12m`] = answer(0.3);
  }
  for (const h of hrv) r[h] = answer(0.02);
  r.barndom_bevittnat = answer(0.1);
  r.egen_nagonsin = answer(0.05);
  if (forms.some((f) => r[`${f}_nagonsin`] === 'ja')) r.sokt_hjalp = answer(0.12);
  return r;
}

interface Timing {
  loadMs: number;
  readMs: number;
  cached: boolean;
  analysisMs: number;
  recordedNow?: number;
}
type Request = (method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }) => Promise<{ status: number; body: any }>;

async function timeAnalysis(request: Request, token: string, id: string, body: unknown, label: string): Promise<void> {
  const t0 = performance.now();
  const response = await request('POST', `/api/campaigns/${id}/analysis`, { token, body });
  const ms = performance.now() - t0;
  if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
  const timing = response.body.meta.timing as Timing;
  console.log(
    `${label.padEnd(44)} server ${(timing.loadMs + timing.analysisMs).toFixed(0).padStart(5)} ms ` +
      `(records ${timing.loadMs} ms${timing.cached ? ', decoded earlier' : `, read ${timing.readMs} ms`}${timing.recordedNow ? `, ${timing.recordedNow} recorded now` : ''}; ` +
      `estimates ${timing.analysisMs} ms), ${ms.toFixed(0)} ms over HTTP; ${response.body.estimates.length} estimates, ${response.body.darkFigure.length} mörkertal rows`,
  );
}

const dataDir = mkdtempSync(join(tmpdir(), 'bench-analysis-api-'));
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const setup = await startTestServer({}, onPostgres ? {} : { pgliteDir: join(dataDir, 'pglite') });
const request: Request = async (...args) => {
  // The set-up pauses longer than the server's keep-alive, which can reset a pooled socket: retry once.
  try {
    return await setup.request(...args);
  } catch {
    return setup.request(...args);
  }
};
let id = '';
let body: unknown;
try {
  const [admin] = await setup.db.query<{ id: string }>('select id from users limit 1');
  await insertRole(setup.db, admin.id, { role: 'analyst', kommunkod: KOMMUN });
  const token = await setup.login();
  const created = await request('POST', '/api/campaigns', { token, body: { templateId: 'befolkningsenkat', title: 'Bench', kommunkod: KOMMUN } });
  id = created.body.id as string;
  const t0 = performance.now();
  const BATCH = 5000;
  for (let done = 0; done < n; done += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, n - done) }, respondent);
    await setup.db.query(
      `insert into responses (campaign_id, kommunkod, mode, answers)
       select $1, $3, 'web', value from jsonb_array_elements($2::jsonb)`,
      [id, JSON.stringify(batch), KOMMUN],
    );
  }
  console.log(`database:            ${setup.db.kind}`);
  console.log(`stored responses:    ${n} in ${((performance.now() - t0) / 1000).toFixed(1)} s (bulk SQL, set-up)`);
  const population = await request('GET', `/api/population/${KOMMUN}?ageGroups=18-29,30-44,45-64,65-85`, { token });
  const total = population.body.total as number;
  const areas = `omrade,antal\nomrade_1,${Math.round(total * 0.4)}\nomrade_2,${Math.round(total * 0.35)}\nomrade_3,${total - Math.round(total * 0.4) - Math.round(total * 0.35)}\n`;
  await request('POST', `/api/kommuner/${KOMMUN}/population-tables?name=Omr`, { token, body: areas, headers: { 'content-type': 'text/csv' } });
  const reg = await request('POST', `/api/campaigns/${id}/registered-tables?period=2024`, {
    token,
    body: 'indikator,kon,antal\nvald_i_nara_relation,,250\nvald_i_nara_relation,kvinna,190\nvald_i_nara_relation,man,60\n',
    headers: { 'content-type': 'text/csv' },
  });
  body = { by: [['kon'], ['aldersgrupp'], ['omrade']], registeredTableId: reg.body.id };
  await timeAnalysis(request, token, id, body, 'first analysis after the bulk load (set-up)');
} finally {
  await setup.stop();
}

const serverEnv: Record<string, string> =
  setup.location?.kind === 'postgresql'
    ? { DATABASE_URL: setup.location.url, CODE_SECRET: randomBytes(32).toString('base64url') }
    : { DATA_DIR: dataDir };
try {
  for (const round of ['started', 'restarted']) {
    const first = await startServer(serverEnv);
    try {
      const call: Request = (method, path, options) => jsonRequest(first.url, method, path, options);
      const token = await login(first.url);
      await timeAnalysis(call, token, id, body, `cold (${round} server process)`);
      await timeAnalysis(call, token, id, body, 'warm (same process)');
      await timeAnalysis(call, token, id, body, 'warm (same process)');
      if (round === 'started' && serverEnv.DATABASE_URL) {
        const second = await startServer(serverEnv);
        try {
          const other: Request = (method, path, options) => jsonRequest(second.url, method, path, options);
          await timeAnalysis(other, await login(second.url), id, body, 'cold (a second process beside the first)');
        } finally {
          await second.stop();
        }
      }
    } finally {
      await first.stop();
    }
  }
  const memory = process.memoryUsage();
  console.log(`bench process memory: rss ${(memory.rss / 1024 / 1024).toFixed(0)} MB`);
} finally {
  await setup.drop();
  rmSync(dataDir, { recursive: true, force: true });
}

async function login(url: string): Promise<string> {
  const response = await jsonRequest(url, 'POST', '/api/auth/login', { body: ADMIN });
  if (response.status !== 200) throw new Error(`login: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.token as string;
}

/** Starts the built server (`npm start`'s way: node scripts/run.mjs server) as a child process; resolves once it logs "listening". */
function startServer(env: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['scripts/run.mjs', 'server'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', HOST: '127.0.0.1', BUILD_CLIENT: 'false', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
  };
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number; level?: string };
        if (entry.msg === 'listening') resolve({ url: `http://127.0.0.1:${entry.port}`, stop });
        else if (entry.level === 'error') console.error(line);
      } catch {
        // not a log line
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}
