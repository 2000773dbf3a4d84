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

export const ADMIN = { email: 'admin@test.se', password: 'test-password-123' };

/** A fresh, migrated, empty database of the driver under test. */
export async function openTestDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const db = await openPgliteDatabase('memory://');
    return Object.assign(db, { drop: () => db.close() });
  }
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgresDatabase(url.toString());
  return Object.assign(db, {
    async drop() {
      await db.close();
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
  close(): Promise<void>;
  /** Logs in and returns a bearer token. */
  login(email?: string, password?: string): Promise<string>;
  /** fetch with JSON body and optional bearer token; returns status and parsed body. */
  request(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const db = await openTestDatabase();
  const config = loadConfig({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, PORT: '0', LOG_LEVEL: 'silent', ...env });
  const log = createLogger(config.logLevel);
  const applied = await migrate(db);
  await seed(db, config, log, applied.includes('001_foundation.sql'), () => undefined);
  const codeSecret = randomBytes(32);
  const app = createApp({ config, db, log, codeSecret });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const request: TestServer['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    const response = await fetch(url + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };
  return {
    url,
    db,
    config,
    codeSecret,
    request,
    async login(email = ADMIN.email, password = ADMIN.password) {
      const response = await request('POST', '/api/auth/login', { body: { email, password } });
      if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.token as string;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.drop();
    },
  };
}
