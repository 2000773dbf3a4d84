/** Expired sessions are purged (issue 10, item 7): at start and hourly, with old attempt counts. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { hashToken } from '../../../server/auth/sessions';
import { createLogger } from '../../../server/log';
import { startTestServer, type TestServer } from '../test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

it('deletes expired sessions and attempt counts whose window ended a day ago, and keeps live ones', async () => {
  const live = await server.login();
  const expired = await server.login();
  await server.db.query(`update sessions set expires_at = now() - interval '1 second' where token_hash = $1`, [hashToken(expired)]);
  await server.db.query(
    `insert into attempt_counters (key_hash, window_seconds, window_start, attempts, last_attempt)
     values ('old', 600, now() - interval '2 days', 3, now() - interval '2 days'), ('recent', 600, now(), 1, now())`,
  );
  const app = createApp({ config: server.config, db: server.db, log: createLogger('silent'), codeSecret: server.codeSecret });
  await app.start();
  await app.stop();
  const sessions = await server.db.query<{ token_hash: string }>('select token_hash from sessions');
  expect(sessions.map((s) => s.token_hash)).toContain(hashToken(live));
  expect(sessions.map((s) => s.token_hash)).not.toContain(hashToken(expired));
  const counts = await server.db.query<{ key_hash: string }>('select key_hash from attempt_counters order by key_hash');
  expect(counts.map((c) => c.key_hash)).toContain('recent');
  expect(counts.map((c) => c.key_hash)).not.toContain('old');
});
