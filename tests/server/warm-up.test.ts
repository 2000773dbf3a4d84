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

  const tables = ['response_pool', 'responses', 'submission_receipts', 'code_usage', 'class_link_usage', 'drafts', 'paper_entries', 'response_records', 'codes', 'campaigns'];
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

  it('leaves every table that a submission writes to as it was, with no dead rows', async () => {
    const before = await state();
    await warmUp(server.db, createLogger('silent'));
    await warmUp(server.db, createLogger('silent'));
    expect(await state()).toEqual(before);
  });

  // The embedded database's engine warm-up (server/db/pglite-worker.mjs, run by server/main.ts before the start-up scrub).
  it('runs the engine warm-up in a scratch schema that it drops, touching no real table', async () => {
    if (server.db.kind === 'postgresql') {
      // PostgreSQL's server is compiled ahead of time: nothing to warm.
      expect(server.db.warmEngine).toBeUndefined();
      return;
    }
    const before = await state();
    const relations = async () => (await server.db.query<{ n: number }>('select count(*)::int as n from pg_class'))[0].n;
    const relationsBefore = await relations();
    expect(await server.db.warmEngine!(600)).toBeGreaterThan(0);
    // A scratch schema left by a start that crashed is dropped first.
    await server.db.exec('create schema engine_warm_up; create table engine_warm_up.codes (left_over int)');
    await server.db.warmEngine!(40);
    expect(await state()).toEqual(before);
    expect(await server.db.query("select 1 from pg_namespace where nspname = 'engine_warm_up'")).toEqual([]);
    expect(await relations()).toBe(relationsBefore);
    // The catalogue does not grow from start to start: the rows each warm-up leaves dead are freed (there is no autovacuum).
    const catalogue = async () =>
      (await server.db.query<{ bytes: number }>("select (pg_relation_size('pg_catalog.pg_attribute') + pg_relation_size('pg_catalog.pg_class') + pg_relation_size('pg_catalog.pg_depend'))::int as bytes"))[0].bytes;
    const settled = await catalogue();
    for (let start = 0; start < 4; start++) await server.db.warmEngine!(40);
    expect(await catalogue()).toBe(settled);
  });
});
