/**
 * The role × endpoint matrix (issue 10, item 8), on both drivers: every API
 * route of the app is a row of docs/access-matrix.md, and every kind of
 * caller gets exactly the status the table says. A probe of the running
 * server found no access-control hole (819 calls, 0 wrongly allowed); this
 * keeps it so.
 *
 * To see what the server answers now (after adding a route, say), run with
 * ACCESS_MATRIX_PRINT=1 and audit every cell that differs before copying it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { loadConfig } from '../../../server/config';
import { createLogger } from '../../../server/log';
import { startTestServer, type TestServer } from '../test-server';
import { CALLERS, credentialsOf, formatMatrix, makeFixedUsers, makeFixture, parseMatrix, PROBES, send, type FixedUsers } from './access-matrix';

const docPath = join(import.meta.dirname, '../../../docs/access-matrix.md');
const table = parseMatrix(readFileSync(docPath, 'utf8'));

let server: TestServer;
let users: FixedUsers;

beforeAll(async () => {
  server = await startTestServer();
  users = await makeFixedUsers(server);
});
afterAll(() => server?.close());

/** Every API route the app serves, as `METHOD /path`. */
function appRoutes(): string[] {
  const app = createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), db: server.db, log: createLogger('silent'), codeSecret: Buffer.alloc(32) });
  const found = new Set<string>();
  const visit = (stack: { route?: { path: unknown; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat()) {
          if (typeof path !== 'string' || !(path.startsWith('/api/') || path === '/healthz')) continue;
          for (const method of Object.keys(layer.route.methods)) if (method !== '_all') found.add(`${method.toUpperCase()} ${path}`);
        }
      } else if (layer.handle?.stack) visit(layer.handle.stack as typeof stack);
    }
  };
  visit((app as unknown as { router: { stack: Parameters<typeof visit>[0] } }).router.stack);
  return [...found].sort();
}

describe('the access matrix (docs/access-matrix.md)', () => {
  it('has one row for every API route of the app, a probe for every row, and a column for every kind of caller', () => {
    const rows = table.rows.map((row) => row.label);
    expect([...rows].sort()).toEqual(appRoutes());
    expect(rows.filter((label) => !PROBES[label])).toEqual([]);
    expect(table.callers).toEqual([...CALLERS]);
    for (const row of table.rows) for (const caller of CALLERS) expect(Number.isInteger(row.expected[caller]), `${row.label} × ${caller}`).toBe(true);
  });

  it('answers every caller with the status in the table', async () => {
    const actual = new Map<string, Record<string, number>>(table.rows.map((row) => [row.label, {}]));
    const wrong: string[] = [];
    for (const caller of CALLERS) {
      const made = await makeFixture(server, users.owner);
      const credentials = await credentialsOf(caller, server, users, made);
      for (const row of table.rows) {
        const status = await send(server, PROBES[row.label](made.fixture), credentials);
        actual.get(row.label)![caller] = status;
        if (status !== row.expected[caller]) wrong.push(`${row.label} × ${caller}: expected ${row.expected[caller]}, got ${status}`);
      }
    }
    if (process.env.ACCESS_MATRIX_PRINT) console.log(formatMatrix(CALLERS, table.rows.map((row) => ({ label: row.label, actual: actual.get(row.label)! }))));
    expect(wrong).toEqual([]);
  }, 300_000);
});
