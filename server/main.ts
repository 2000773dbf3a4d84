import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './log';
import { createApp } from './app';
import { warmHttp } from './http/warm-http';
import { openDatabase } from './db/open-database';
import { migrate } from './db/migrate';
import { seed } from './seed';
import { loadCodeSecret } from './services/code-secret';
import { clientDist, ensureClientBuilt } from './client-build';
import { restrictDataDir } from './db/data-dir';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  // Milliseconds of each start-up step, logged with "listening".
  const steps: Record<string, number> = {};
  let mark = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = Math.round(now - mark);
    mark = now;
  };
  // Files and folders created from here on are the server's own (0600/0700).
  process.umask(0o077);
  restrictDataDir(config.dataDir);
  const db = await openDatabase(config);
  step('database');
  const applied = await migrate(db);
  if (applied.length > 0) log.info('applied migrations', { migrations: applied });
  step('migrations');
  await seed(db, config, log, applied.includes('001_foundation.sql'));
  step('seed');
  // Before the response store's start-up scrub, whose checkpoint takes the warm-up's synthetic rows out of the log.
  // Only speed is at stake: a warm-up that fails is logged and the server starts as it would without it.
  if (db.warmEngine && config.engineWarmUpRows > 0) {
    await db.warmEngine(config.engineWarmUpRows).catch((error: unknown) => log.warn('the engine warm-up failed; starting without it', { error }));
  }
  step('engineWarmUp');
  if (config.buildClient) await ensureClientBuilt(log);
  step('client');
  const app = createApp({ config, db, log, codeSecret: loadCodeSecret(config, log), clientDir: clientDist, dataDir: config.dataDir });
  await app.start();
  step('responseStoreAndWarmUp');
  const warmRequests = await warmHttp(app, config.httpWarmUpMs);
  step('httpWarmUp');
  const server = app.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    log.info('listening', { port, database: db.kind, url: `http://localhost:${port}`, startMs: { process: Math.round(performance.now()), ...steps }, warmUpRequests: warmRequests });
  });
  server.on('error', (error) => {
    log.error('server error', { error });
    process.exit(1);
  });
  const shutdown = (signal: string) => {
    log.info('shutting down', { signal });
    server.close(() => void app.stop().then(() => db.close()).then(() => restrictDataDir(config.dataDir)).finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`Start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
