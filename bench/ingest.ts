/**
 * Ingest benchmark (not a test: figures are printed, not asserted).
 *
 *   npm run bench:ingest [-- --seconds 60] [-- --only codes|open|classes]
 *   npm run test:pg -- -- npm run bench:ingest        # PGlite, then PostgreSQL (throwaway cluster)
 *
 * Measures submissions as respondents make them: the server runs as
 * `npm start` runs it (the build, `node scripts/run.mjs server`, its own
 * process, restarted once on its data after the set-up), and this process
 * is the load generator. 64 concurrent clients submit valid answer sets over
 * loopback HTTP, each from a source address of its own (127.x.y.z, over a
 * kept-alive connection; after `--per-address` submissions, default 16, a
 * client moves to a new address and connection, as the next respondents
 * would), so per-address limits apply as in the field (no X-Forwarded-For
 * unless BENCH_VIA_PROXY=1):
 *
 *   - personal codes: POST /api/respond/:code/submit (80,000 codes issued for the demo template);
 *   - open link: POST /api/open/:slug/submit;
 *   - class links: POST /api/open/:token/submit over 400 classes of 200 pupils.
 *
 * Before the first load, the generator warms its own HTTP client for 2 s against a stand-in server in
 * its own process (the server under test sees none of it), so that a cold generator sending late is not
 * counted as the server's latency; BENCH_COLD_GENERATOR=1 leaves that out.
 * Each run lasts `--seconds` (default 60) at `--rate` (below). Prints submissions per second,
 * p50/p99/max latency, the number of requests over 1 s, the worst seconds,
 * and the batches written into `responses` (progress). Target on 2 cores:
 * ≥ 1,000/s with p99 < 100 ms and nothing over 1 s.
 * BENCH_FINE=1 adds the first 3 s by 100 ms (requests and their worst latency), where a cold start shows.
 * Set BENCH_PROFILE=<folder> to write a V8 CPU profile of the server (and of the database's worker thread) there,
 * BENCH_SERVER_LOG=<file> to keep the server's log lines (with BENCH_LOG_LEVEL=debug: each batch's milliseconds).
 * ENGINE_WARM_UP_ROWS=<n> is passed on to the server (its engine warm-up; 0 = none), and
 * BENCH_NODE_FLAGS="<flags>" are added to its node command line (e.g. V8's WebAssembly flags).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';

const CLIENTS = 64;
/** The tail is also printed without the first seconds after the server's restart. */
const SETTLED_AFTER_MS = 5000;
const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const SECONDS = Number(argument('--seconds') ?? 60);
const ONLY = argument('--only');
/**
 * `--rate R` (default 1000): the load offered, submissions per second, spread
 * over the 64 clients as wrk2 does: request j is due at j / R seconds, and its
 * latency counts from when it was due, so a stalled server is not excused by
 * clients that waited for it (no coordinated omission). `--rate 0`: each
 * client sends its next request as soon as its last is answered (a closed
 * loop, which measures the most the server takes, at saturation).
 */
const RATE = Number(argument('--rate') ?? 1000);
const CODES = Math.max(20_000, Math.ceil(SECONDS * 1_400 / 8) * 8);
const ADMIN = { email: 'admin@bench.se', password: 'bench-password-123' };

const adminAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
/** BENCH_VIA_PROXY=1: respondents' addresses in X-Forwarded-For over kept-alive connections (TRUST_PROXY=true), as behind a load balancer. */
const VIA_PROXY = process.env.BENCH_VIA_PROXY === '1';
/** Submissions from one source address (and connection) before its client moves to a new one. */
const PER_ADDRESS = Number(argument('--per-address') ?? 16);
const CLASSES = 400;
const PUPILS_PER_CLASS = 200;

interface Reply {
  status: number;
  body: string;
}

/** One request; `from` is the respondent's source address, over `agent` (its own connection). */
function request(base: string, method: string, path: string, body?: unknown, options: { headers?: Record<string, string>; from?: string; agent?: http.Agent } = {}): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      base + path,
      {
        method,
        agent: options.agent ?? adminAgent,
        headers: { ...(options.from && VIA_PROXY ? { 'x-forwarded-for': options.from } : {}), ...options.headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
      },
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
  const node = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  if (process.env.BENCH_NODE_FLAGS) node.push(...process.env.BENCH_NODE_FLAGS.split(' '));
  const child = spawn(process.execPath, [...node, 'scripts/run.mjs', 'server'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...(process.env.ENGINE_WARM_UP_ROWS ? { ENGINE_WARM_UP_ROWS: process.env.ENGINE_WARM_UP_ROWS } : {}), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const serverLog = process.env.BENCH_SERVER_LOG;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (serverLog) appendFileSync(serverLog, line + '\n');
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number; level?: string };
        if (entry.msg === 'listening') resolve({ child, url: `http://127.0.0.1:${entry.port}` });
        else if (entry.level === 'error' || entry.level === 'warn') console.error(line);
      } catch {
        // a non-JSON line (e.g. the first-admin notice)
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await gone;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Source address of respondent i: 127.1.0.1, 127.1.0.2, … (the whole 127/8 is loopback on Linux). */
const addressOf = (i: number) => `127.${1 + ((i >> 16) & 127)}.${(i >> 8) & 255}.${(i & 255) || 1}`;

interface Load {
  label: string;
  /** The request of respondent i. */
  submit: (i: number) => { path: string; body: unknown };
  limit: number;
}

/**
 * Runs `load` for `seconds` against the server at `url` and prints its figures
 * (`quiet`: prints nothing, for the generator's own warm-up).
 */
async function drive(url: string, load: Load, { seconds: runSeconds = SECONDS, quiet = false } = {}): Promise<void> {
  const latencies = new Float64Array(load.limit);
  const starts = new Float64Array(load.limit);
  let done = 0;
  let next = 0;
  let failures = 0;
  let errors = 0;
  const statuses = new Map<number, number>();
  const started = performance.now();
  const deadline = started + runSeconds * 1000;
  let addresses = 0;
  const client = async () => {
    let agent: http.Agent | undefined;
    let from = '';
    let used = 0;
    while (performance.now() < deadline && next < load.limit) {
      if (!agent || used === PER_ADDRESS) {
        agent?.destroy();
        from = addressOf(addresses++);
        agent = new http.Agent({ keepAlive: true, maxSockets: 1, ...(VIA_PROXY ? {} : { localAddress: from }) });
        used = 0;
      }
      used++;
      const i = next++;
      const { path, body } = load.submit(i);
      const due = RATE > 0 ? started + (i * 1000) / RATE : 0;
      if (RATE > 0) {
        if (due >= deadline) break;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const t0 = RATE > 0 ? due : performance.now();
      let response: Reply;
      try {
        response = await request(url, 'POST', path, body, { from, agent });
      } catch {
        errors++;
        continue;
      }
      const ms = performance.now() - t0;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status !== 201) {
        if (failures === 0) console.error(`[${load.label}] first non-201 answer: ${response.status} ${response.body.slice(0, 300)}`);
        failures++;
        continue;
      }
      starts[done] = t0 - started;
      latencies[done++] = ms;
    }
  };
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  lag.disable();
  if (quiet) return;
  console.log(`[${load.label}] load generator's own event-loop delay: p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms, max ${(lag.max / 1e6).toFixed(0)} ms`);
  void addresses;
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.slice(0, done).sort();
  const slow = Array.from(latencies.subarray(0, done)).filter((ms) => ms > 1000).length;
  // The worst seconds: where the maxima were.
  const perSecond = new Map<number, number>();
  for (let k = 0; k < done; k++) {
    const second = Math.floor(starts[k] / 1000);
    perSecond.set(second, Math.max(perSecond.get(second) ?? 0, latencies[k]));
  }
  const worst = [...perSecond].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([s, ms]) => `${ms.toFixed(0)} ms at ${s} s`);
  console.log(
    `[${load.label}] ${RATE > 0 ? `offered ${RATE}/s (latency from when each was due)` : 'closed loop (as fast as answered)'}: ${done} submissions in ${seconds.toFixed(1)} s, ${CLIENTS} clients at a time, ${addresses} source addresses (${PER_ADDRESS} submissions each${VIA_PROXY ? ', in X-Forwarded-For' : ''}): ${Math.round(done / seconds)} submissions/s, ` +
      `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[sorted.length - 1]?.toFixed(0)} ms, ${slow} over 1 s; worst seconds: ${worst.join(', ')}` +
      (failures + errors > 0 ? `; ${failures} non-201 answers ${JSON.stringify(Object.fromEntries(statuses))}, ${errors} connection errors` : ''),
  );
  // Where the tail is: submissions/s and p99 per 10 s of the run.
  const windows: string[] = [];
  for (let from = 0; from < SECONDS; from += 10) {
    const inWindow = Array.from(latencies.subarray(0, done)).filter((_, k) => starts[k] >= from * 1000 && starts[k] < (from + 10) * 1000);
    if (inWindow.length === 0) continue;
    const window = Float64Array.from(inWindow).sort();
    const length = Math.min(10, seconds - from);
    windows.push(`${from}–${Math.round(from + length)} s ${Math.round(window.length / length)}/s p99 ${percentile(window, 99).toFixed(0)} ms`);
  }
  console.log(`[${load.label}] by 10 s: ${windows.join('; ')}`);
  // The first seconds after the restart apart: the JIT and the database's caches are still warming up.
  const settled = Float64Array.from(Array.from(latencies.subarray(0, done)).filter((_, k) => starts[k] >= SETTLED_AFTER_MS)).sort();
  if (settled.length > 0 && seconds * 1000 > SETTLED_AFTER_MS) {
    const max = settled[settled.length - 1];
    console.log(`[${load.label}] from ${SETTLED_AFTER_MS / 1000} s on: p50 ${percentile(settled, 50).toFixed(1)} ms, p99 ${percentile(settled, 99).toFixed(1)} ms, max ${max.toFixed(0)} ms`);
  }
  if (process.env.BENCH_FINE) {
    const fine: string[] = [];
    for (let from = 0; from < 3000; from += 100) {
      const inWindow = Array.from(latencies.subarray(0, done)).filter((_, k) => starts[k] >= from && starts[k] < from + 100);
      fine.push(`${from}:${inWindow.length}/${Math.round(Math.max(...inWindow))}`);
    }
    console.log(`[${load.label}] first 3 s by 100 ms (count/max ms): ${fine.join(' ')}`);
  }
}

let generatorWarm = false;
/**
 * Warms this process's own HTTP client for GENERATOR_WARM_UP_S against a
 * stand-in server in this process (201 to everything), so that the load
 * generator's JIT is warm when the measured load starts: latency counts from
 * when each request was due, and a cold generator sends late. The server
 * under test sees none of it. BENCH_COLD_GENERATOR=1 leaves it out.
 */
async function warmGenerator(load: Load): Promise<void> {
  const standIn = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}'));
  });
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
  const { port } = standIn.address() as AddressInfo;
  await drive(`http://127.0.0.1:${port}`, { ...load, label: 'generator warm-up' }, { seconds: GENERATOR_WARM_UP_S, quiet: true });
  standIn.closeAllConnections();
  await new Promise((resolve) => standIn.close(resolve));
  generatorWarm = true;
}
const GENERATOR_WARM_UP_S = 2;

const answersOf = (i: number) => ({ kon: i % 2 ? 'kvinna' : 'man', alder: 18 + (i % 68), psykiskt_12m: i % 5 ? 'nej' : 'ja', fysiskt_12m: i % 7 ? 'nej' : 'vill_inte_svara' });

async function run(label: string, databaseUrl?: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    BUILD_CLIENT: 'false',
    SEED_DEMO: 'false',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    TRUST_PROXY: VIA_PROXY ? 'true' : 'false',
    // The open link's flood limit (300 submissions per link in 10 minutes, for a class in one room) would stop a
    // load test after 300; per address (100 per link in 10 minutes) stays, as each client moves on after --per-address.
    OPEN_LINK_SUBMISSIONS_PER_LINK: '0',
  };
  if (databaseUrl) Object.assign(env, { DATABASE_URL: databaseUrl, CODE_SECRET: randomBytes(32).toString('base64url'), DATABASE_POOL_SIZE: '20' });
  let server = await startServer(env);
  try {
    const login = await request(server.url, 'POST', '/api/auth/login', ADMIN);
    const auth = { authorization: `Bearer ${JSON.parse(login.body).token}` };
    const created = await request(server.url, 'POST', '/api/campaigns', { templateId: 'demo', title: 'Bench' }, { headers: auth });
    const codeCampaign = JSON.parse(created.body).id as string;
    const strata = ['kvinna', 'man'].flatMap((kon) =>
      ['18-29', '30-44', '45-64', '65-85'].map((aldersgrupp) => ({ stratum: { kon, aldersgrupp, omrade: 'norr' }, count: CODES / 8, N: 100_000 })),
    );
    const t0 = performance.now();
    const issued = await request(server.url, 'POST', `/api/campaigns/${codeCampaign}/codes`, { strata }, { headers: auth });
    if (issued.status !== 201) throw new Error(`codes: ${issued.status} ${issued.body}`);
    const codes = (JSON.parse(issued.body).codes as { code: string }[]).map((c) => c.code);
    console.log(`[${label}] issued ${codes.length} codes in ${Math.round(performance.now() - t0)} ms`);
    await request(server.url, 'POST', `/api/campaigns/${codeCampaign}/open`, undefined, { headers: auth });
    const open = await request(server.url, 'POST', '/api/campaigns', { templateId: 'demo', title: 'Bench öppen länk', mode: 'open' }, { headers: auth });
    const openCampaign = JSON.parse(open.body).id as string;
    await request(server.url, 'POST', `/api/campaigns/${openCampaign}/open`, undefined, { headers: auth });
    const campaigns = JSON.parse((await request(server.url, 'GET', '/api/campaigns', undefined, { headers: auth })).body) as { id: string; openSlug: string | null }[];
    const slug = campaigns.find((c) => c.id === openCampaign)?.openSlug;
    if (!slug) throw new Error('the open-link campaign has no slug');

    // Class links: 400 classes of 200 pupils (the most a class takes), so a 60 s run at 1,000/s never fills them all.
    const classCreated = await request(server.url, 'POST', '/api/campaigns', { templateId: 'demo', title: 'Bench klasslänkar', mode: 'classes' }, { headers: auth });
    const classCampaign = JSON.parse(classCreated.body).id as string;
    const classInputs = Array.from({ length: CLASSES }, (_, k) => ({ skola: `Skola ${k % 20}`, klass: `${k}A`, arskurs: String(4 + (k % 6)), elever: PUPILS_PER_CLASS }));
    const classesAdded = await request(server.url, 'POST', `/api/campaigns/${classCampaign}/classes`, { classes: classInputs }, { headers: auth });
    if (classesAdded.status !== 201) throw new Error(`classes: ${classesAdded.status} ${classesAdded.body}`);
    const classTokens = (JSON.parse(classesAdded.body).classes as { link: string }[]).map((c) => c.link.replace(/^\/o\//, ''));
    await request(server.url, 'POST', `/api/campaigns/${classCampaign}/open`, undefined, { headers: auth });

    // As respondents meet it: a server that started from its data directory.
    await stopServer(server.child);
    server = await startServer(env);
    const loads: Load[] = [
      { label: `${label} codes`, limit: codes.length, submit: (i: number) => ({ path: `/api/respond/${codes[i]}/submit`, body: { submissionId: `bench-code-${i}`, answers: answersOf(i) } }) },
      { label: `${label} open link`, limit: 10_000_000, submit: (i: number) => ({ path: `/api/open/${slug}/submit`, body: { submissionId: `bench-open-${i}`, answers: answersOf(i) } }) },
      {
        label: `${label} class links`,
        limit: CLASSES * PUPILS_PER_CLASS,
        submit: (i: number) => ({ path: `/api/open/${classTokens[Math.floor(i / PUPILS_PER_CLASS)]}/submit`, body: { submissionId: `bench-class-${i}`, answers: answersOf(i) } }),
      },
    ].filter((load) => !ONLY || load.label.endsWith(ONLY === 'open' ? 'open link' : ONLY === 'classes' ? 'class links' : ONLY));
    for (const load of loads) {
      if (!generatorWarm && process.env.BENCH_COLD_GENERATOR !== '1') await warmGenerator(load);
      await drive(server.url, load);
    }
    const progress = async (id: string) => JSON.parse((await request(server.url, 'GET', `/api/campaigns/${id}/progress`, undefined, { headers: auth })).body).totals;
    console.log(
      `[${label}] progress after the runs: codes ${JSON.stringify(await progress(codeCampaign))}, open link ${JSON.stringify(await progress(openCampaign))}, class links ${JSON.stringify(await progress(classCampaign))}`,
    );
  } finally {
    await stopServer(server.child);
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
  adminAgent.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
