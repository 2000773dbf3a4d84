/**
 * Several server processes on one PostgreSQL database enforce one set of
 * attempt limits (issue 11, item 6): the counts live in the database, so an
 * attacker gains nothing by spreading attempts over the processes behind a
 * load balancer. Two real server processes (`tsx server/main.ts`) share the
 * test database; on the embedded database there is only ever one process,
 * so this runs under `npm run test:pg`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test-server';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const ADMIN = { email: 'admin@test.se', password: 'test-password-123' };

interface Process {
  child: ChildProcess;
  url: string;
}

function startProcess(env: Record<string, string>): Promise<Process> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'listening') resolve({ child, url: `http://127.0.0.1:${entry.port}` });
      } catch {
        // not a log line
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

describe.skipIf(!onPostgres)('two server processes on one PostgreSQL database', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const processes: Process[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    db = await openTestDatabase();
    const location = db.location;
    if (location?.kind !== 'postgresql') throw new Error('expected PostgreSQL');
    const shared = {
      DATABASE_URL: location.url,
      CODE_SECRET: randomBytes(32).toString('base64url'),
      PORT: '0',
      HOST: '127.0.0.1',
      BUILD_CLIENT: 'false',
      LOG_LEVEL: 'info',
      TRUST_PROXY: 'true',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    };
    // One after the other: the first migrates and seeds the empty database. (Seeding is not serialised like the
    // migrations; two processes starting together on an empty database race to create the first admin.)
    const started = [];
    for (let i = 0; i < 2; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'two-processes-'));
      dirs.push(dir);
      started.push(await startProcess({ ...shared, DATA_DIR: dir }));
    }
    processes.push(...started);
  }, 120_000);

  afterAll(async () => {
    for (const { child } of processes) child.kill('SIGTERM');
    await Promise.all(processes.map(({ child }) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  const call = (process: Process, method: string, path: string, from: string, body?: unknown) =>
    fetch(process.url + path, {
      method,
      headers: { 'x-forwarded-for': from, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then((response) => response.status);

  it('failed logins from one address count once across both processes', async () => {
    const attacker = '192.0.2.10';
    const statuses = [];
    // 30 failures, alternating between the processes: each saw only 15.
    for (let i = 0; i < 30; i++) statuses.push(await call(processes[i % 2], 'POST', '/api/auth/login', attacker, { email: `ingen${i}@example.se`, password: 'fel-lösenord-123' }));
    expect(statuses).toEqual(Array(30).fill(401));
    expect(await call(processes[0], 'POST', '/api/auth/login', attacker, ADMIN)).toBe(429);
    expect(await call(processes[1], 'POST', '/api/auth/login', attacker, ADMIN)).toBe(429);
    expect(await call(processes[1], 'POST', '/api/auth/login', '192.0.2.11', ADMIN)).toBe(200);
  });

  it('the back-off of an account and address holds on the other process', async () => {
    const attacker = '192.0.2.20';
    for (let i = 0; i < 3; i++) expect(await call(processes[i % 2], 'POST', '/api/auth/login', attacker, { ...ADMIN, password: 'fel-lösenord-123' })).toBe(401);
    // The fourth failure starts the back-off; the attempt right after it, on the other process, is refused.
    await call(processes[1], 'POST', '/api/auth/login', attacker, { ...ADMIN, password: 'fel-lösenord-123' });
    expect(await call(processes[0], 'POST', '/api/auth/login', attacker, ADMIN)).toBe(429);
  });

  it('unknown respondent codes from one address count once across both processes', async () => {
    const guesser = '192.0.2.30';
    const statuses = [];
    for (let i = 0; i < 100; i++) statuses.push(await call(processes[i % 2], 'GET', `/api/respond/ZZZZ-ZZZZ-${'ZZ' + '23456789'[i % 8]}`, guesser));
    expect(statuses).toEqual(Array(100).fill(404));
    expect(await call(processes[0], 'GET', '/api/respond/ZZZZ-ZZZZ-ZZZ', guesser)).toBe(429);
    expect(await call(processes[1], 'GET', '/api/respond/ZZZZ-ZZZZ-ZZZ', guesser)).toBe(429);
    expect(await call(processes[1], 'GET', '/api/respond/ZZZZ-ZZZZ-ZZZ', '192.0.2.31')).toBe(404);
  });
});
