/**
 * Runs a command against a throwaway PostgreSQL cluster.
 *
 *   tsx scripts/with-postgres.ts                 # the repository test suite (tests/server) on PostgreSQL
 *   npm run test:pg -- <command…>               # any command, with TEST_DATABASE_URL and DATABASE_URL set
 *
 * The cluster lives in a temporary folder, listens on a free loopback port,
 * runs as a non-root user (`postgres` when started as root) and is removed
 * afterwards. Without PostgreSQL binaries the run fails under CI=true and is
 * skipped with a notice otherwise.
 */
import { spawnSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function findBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0], 'bin') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function run(command: string, args: string[], asUser?: string): void {
  const [cmd, argv] = asUser ? ['runuser', ['-u', asUser, '--', command, ...args]] : [command, args];
  const result = spawnSync(cmd, argv, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

async function main(): Promise<number> {
  const binDir = findBinDir();
  if (!binDir) {
    const message = 'PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql).';
    if (process.env.CI) {
      console.error(`FAIL: ${message} The PostgreSQL run is mandatory in CI.`);
      return 1;
    }
    console.log(`NOTICE: ${message} Skipping the PostgreSQL run locally.`);
    return 0;
  }
  // `npm run test:pg -- cmd …` arrives without the `--` (npm consumes it); `tsx scripts/with-postgres.ts -- cmd …` with it.
  const args = process.argv.slice(2);
  if (args[0] === '--') args.shift();
  const command = args.length > 0 ? args : ['npx', 'vitest', 'run', 'tests/server'];
  const asUser = process.getuid?.() === 0 ? 'postgres' : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'kartlaggning-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  const port = await freePort();
  const pgCtl = join(binDir, 'pg_ctl');
  console.log(`Starting throwaway PostgreSQL (${binDir}) on 127.0.0.1:${port}`);
  run(join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'], asUser);
  // wal_recycle=off as docs/privacy.md asks of a production server: removed WAL segments are deleted, not reused with old records.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c wal_recycle=off`;
  run(pgCtl, ['-D', dataDir, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start'], asUser);
  try {
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const child = spawn(command[0], command.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, TEST_DATABASE_URL: url, DATABASE_URL: url },
    });
    return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  } finally {
    spawnSync(asUser ? 'runuser' : pgCtl, asUser ? ['-u', asUser, '--', pgCtl, '-D', dataDir, '-m', 'immediate', 'stop'] : ['-D', dataDir, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`FAIL: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
