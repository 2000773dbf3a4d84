/**
 * Test harness: a real server on port 0 with a real database, PGlite in
 * memory by default, or a fresh database on the PostgreSQL server named by
 * TEST_DATABASE_URL (set by `npm run test:pg`). No mocks of our database.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pg from 'pg';
import { createApp } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import type { Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { openPgliteDatabase } from '../../server/db/pglite-database';
import { openPostgresDatabase } from '../../server/db/postgres-database';
import { createLogger } from '../../server/log';
import { seed } from '../../server/seed';
import type { ResponseStore } from '../../server/services/response-store';

export const ADMIN = { email: 'admin@test.se', password: 'test-password-123' };

/** Where a test database lives: a PGlite data directory, or a database on the PostgreSQL server. */
export type TestDatabaseLocation = { kind: 'pglite'; dataDir: string } | { kind: 'postgresql'; url: string; name: string };

/**
 * A fresh, empty database of the driver under test: PGlite in memory (or in
 * `options.pgliteDir` on disk), or a new database on TEST_DATABASE_URL's server.
 */
export async function openTestDatabase(
  options: { pgliteDir?: string } = {},
): Promise<Database & { drop(): Promise<void>; location: TestDatabaseLocation | undefined }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const db = await openPgliteDatabase(options.pgliteDir ?? 'memory://');
    const location = options.pgliteDir ? ({ kind: 'pglite', dataDir: options.pgliteDir } as const) : undefined;
    return Object.assign(db, { drop: () => db.close(), location });
  }
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgresDatabase(url.toString());
  let closing: Promise<void> | undefined;
  const closePool = db.close;
  const close = () => (closing ??= closePool());
  return Object.assign(db, {
    close,
    location: { kind: 'postgresql', url: url.toString(), name } as const,
    async drop() {
      await close();
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  });
}

export interface TestServer {
  url: string;
  db: Database;
  config: Config;
  codeSecret: Buffer;
  /** The app's response store (batches of submissions; see server/services/response-store.ts). */
  responseStore: ResponseStore;
  /** Where the database lives (set when it is on disk or on PostgreSQL). */
  location: TestDatabaseLocation | undefined;
  /** Stops the HTTP server and the response store and closes the database, keeping its data. */
  stop(): Promise<void>;
  /** Deletes the database (PostgreSQL); after `stop`. */
  drop(): Promise<void>;
  /** `stop` then `drop`. */
  close(): Promise<void>;
  /** Logs in and returns a bearer token. */
  login(email?: string, password?: string): Promise<string>;
  /** fetch with JSON body and optional bearer token; returns status and parsed body. */
  request(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
}

/**
 * Starts a test server. Unless `env` says otherwise, every submission is
 * written to `responses` as its own batch right away (RESPONSE_BATCH_SIZE=1,
 * RESPONSE_FLUSH_MS=0) and `request` waits until that is done, so tests of
 * exports, paper entry or progress see each response at once. Tests of the
 * batching itself (anonymity, response store) pass the defaults back in.
 */
/**
 * One HTTP request with a JSON body (a string is sent as it is) and an
 * optional bearer token; the answer's body parsed as JSON, or its text when
 * it is not JSON.
 */
export async function jsonRequest(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(base + path, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

export async function startTestServer(env: Record<string, string> = {}, options: { pgliteDir?: string } = {}): Promise<TestServer> {
  const db = await openTestDatabase(options);
  const config = loadConfig({
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    PORT: '0',
    LOG_LEVEL: 'silent',
    RESPONSE_BATCH_SIZE: '1',
    RESPONSE_FLUSH_MS: '0',
    ...env,
  });
  const log = createLogger(config.logLevel);
  const applied = await migrate(db);
  await seed(db, config, log, applied.includes('001_foundation.sql'), () => undefined);
  const codeSecret = randomBytes(32);
  const app = createApp({ config, db, log, codeSecret });
  await app.start();
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const request: TestServer['request'] = async (method, path, options = {}) => {
    const answer = await jsonRequest(url, method, path, options);
    await app.responseStore.settled();
    return answer;
  };
  return {
    url,
    db,
    config,
    codeSecret,
    responseStore: app.responseStore,
    request,
    async login(email = ADMIN.email, password = ADMIN.password) {
      const response = await request('POST', '/api/auth/login', { body: { email, password } });
      if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.token as string;
    },
    location: db.location,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.stop();
      await db.close();
    },
    async drop() {
      if (db.location?.kind === 'postgresql') await db.drop();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.stop();
      await db.drop();
    },
  };
}
