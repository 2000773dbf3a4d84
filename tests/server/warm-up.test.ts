import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warmUp } from '../../server/services/warm-up';
import { createLogger } from '../../server/log';
import { startTestServer, type TestServer } from './test-server';

/** The start-up warm-up runs the submission statements on keys that match nothing: it must write nothing. */
describe('warm-up', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('leaves every table that a submission writes to as it was, with no dead rows', async () => {
    const tables = ['response_pool', 'responses', 'submission_receipts', 'code_usage', 'class_link_usage', 'drafts', 'paper_entries', 'response_records'];
    const state = async () =>
      Promise.all(
        tables.map(async (table) => {
          const [row] = await server.db.query<{ rows: number; versions: string }>(
            // Every row version with its transaction id: an insert, update or delete would change it.
            `select count(*)::int as rows, coalesce(string_agg(xmin::text || ':' || ctid::text, ',' order by ctid), '') as versions from ${table}`,
          );
          return `${table} ${row.rows} ${row.versions}`;
        }),
      );
    const before = await state();
    await warmUp(server.db, createLogger('silent'));
    await warmUp(server.db, createLogger('silent'));
    expect(await state()).toEqual(before);
  });
});
