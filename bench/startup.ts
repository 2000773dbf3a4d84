/**
 * Start-up benchmark (not a test: figures are printed, not asserted).
 *
 *   npx tsx bench/startup.ts [responses] [--runs 3]
 *
 * On a built tree (dist/node and dist/client, built first if missing or
 * stale, not timed), creates a data folder with `npm start` once (migrations,
 * first admin, demo campaign), adds 100,000 responses to the demo campaign
 * (so the database is not trivially small), then times `npm start` from the
 * spawn to the first 200 from /healthz, `--runs` times. Target: ≤ 5 s.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openPgliteDatabase } from '../server/db/pglite-database';

const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--runs');
const responses = Number(positional[0] ?? 100_000);
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
const PORT = 18000 + Math.floor(Math.random() * 2000);

const dataDir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
const env = { ...process.env, DATA_DIR: dataDir, PORT: String(PORT), HOST: '127.0.0.1', ADMIN_PASSWORD: 'bench-password-1234', LOG_LEVEL: 'info', DATABASE_URL: '' };

/** `npm start` until /healthz answers 200; returns the milliseconds and the running process. */
async function start(): Promise<{ ms: number; child: ChildProcess; steps: string }> {
  const started = performance.now();
  const child = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  let exited = false;
  let steps = '';
  child.on('exit', () => (exited = true));
  // The server's own account of its start-up steps (the "listening" log line).
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const entry = JSON.parse(line) as { msg?: string; startMs?: Record<string, number> };
      if (entry.msg === 'listening' && entry.startMs) steps = Object.entries(entry.startMs).map(([name, ms]) => `${name} ${ms}`).join(', ');
    } catch {
      // npm's own lines
    }
  });
  for (;;) {
    if (exited) throw new Error('npm start exited');
    try {
      const response = await fetch(`http://127.0.0.1:${PORT}/healthz`);
      if (response.status === 200) return { ms: performance.now() - started, child, steps };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const gone = new Promise((resolve) => child.once('exit', resolve));
  // npm runs node under it in the same (detached) process group.
  process.kill(-child.pid!, 'SIGTERM');
  await gone;
  // npm exits at the signal; the server exits once it has closed its database (and released the lock).
  const lock = join(dataDir, 'pglite.lock');
  for (let waited = 0; existsSync(lock) && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
}

try {
  // A built tree: the CLI and server bundles, and the client.
  spawnSync(process.execPath, ['scripts/node-build.mjs'], { stdio: 'ignore' });
  if (!existsSync('dist/client/index.html')) spawnSync('npx', ['vite', 'build'], { stdio: 'ignore' });

  const first = await start();
  console.log(`start-up: first start on an empty data folder (migrations, admin, demo) ${first.ms.toFixed(0)} ms; steps: ${first.steps}`);
  await stop(first.child);

  const db = await openPgliteDatabase(join(dataDir, 'pglite'));
  const [demo] = await db.query<{ id: string; kommunkod: string }>("select id, kommunkod from campaigns where open_slug = 'demo'");
  await db.query(
    `insert into responses (campaign_id, kommunkod, mode, answers)
     select $1, $2, 'web', jsonb_build_object('kon', case when g % 2 = 0 then 'kvinna' else 'man' end, 'alder', 18 + g % 68, 'psykiskt_12m', 'nej', 'fysiskt_12m', 'nej')
       from generate_series(1, $3::int) g`,
    [demo.id, demo.kommunkod, responses],
  );
  await db.close();
  console.log(`start-up: ${responses} responses added to the demo campaign`);

  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { ms, child, steps } = await start();
    times.push(ms);
    console.log(`start-up: run ${run + 1}: ${ms.toFixed(0)} ms; the server's steps (ms, from its log): ${steps}`);
    await stop(child);
  }
  console.log(`start-up: npm start on the existing data folder to the first 200 from /healthz: ${times.map((t) => `${t.toFixed(0)} ms`).join(', ')} (target ≤ 5000 ms)`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
