/**
 * The data directory is the server's own (issue 10, item 7): the probe found
 * the embedded database and the code secret world-readable (644/755). A real
 * server process (`tsx server/main.ts`) starts on a data directory that an
 * earlier, careless installation left open, takes a submission (so the
 * database writes new files), and every folder must then be 0700 and every
 * file 0600: nobody but the server's user can read a byte.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect, it } from 'vitest';

let child: ChildProcess | undefined;
const root = mkdtempSync(join(tmpdir(), 'data-dir-'));
afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child!.once('exit', resolve));
  }
  rmSync(root, { recursive: true, force: true });
});

function modes(dir: string): { path: string; mode: string }[] {
  const out: { path: string; mode: string }[] = [];
  const visit = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    out.push({ path: path.slice(root.length), mode: (stat.mode & 0o777).toString(8) });
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return out;
}

it('makes every folder of DATA_DIR 0700 and every file 0600, also those the database wrote while running', async () => {
  const dataDir = join(root, 'data');
  mkdirSync(join(dataDir, 'old'), { recursive: true });
  writeFileSync(join(dataDir, 'old', 'left-behind.txt'), 'x');
  chmodSync(dataDir, 0o755);
  chmodSync(join(dataDir, 'old'), 0o777);
  chmodSync(join(dataDir, 'old', 'left-behind.txt'), 0o644);

  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', BUILD_CLIENT: 'false', LOG_LEVEL: 'info', ADMIN_PASSWORD: 'test-password-123', ADMIN_EMAIL: 'admin@test.se', RESPONSE_BATCH_SIZE: '1', RESPONSE_FLUSH_MS: '0' };
  delete env.DATABASE_URL;
  child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child!.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'listening') resolve(`http://127.0.0.1:${entry.port}`);
      } catch {
        // not a log line
      }
    });
    child!.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  // Submissions to the demo open link: each is written as a batch and scrubbed, so the database writes new files.
  for (let i = 0; i < 3; i++) {
    const submitted = await fetch(`${url}/api/open/demo/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ submissionId: `data-dir-test-${i}`, answers: { kon: 'kvinna', alder: 30 } }),
    });
    expect(submitted.status).toBe(201);
  }
  // A graceful stop waits for the batches and their scrubs.
  child.kill('SIGTERM');
  await new Promise((resolve) => child!.once('exit', resolve));

  const found = modes(dataDir);
  expect(found.length).toBeGreaterThan(10);
  expect(found.map((f) => f.path)).toEqual(expect.arrayContaining(['/data/code-secret', '/data/old/left-behind.txt']));
  const open = found.filter((f) => {
    const stat = lstatSync(root + f.path);
    return stat.isDirectory() ? f.mode !== '700' : f.mode !== '600';
  });
  expect(open).toEqual([]);
}, 120_000);
