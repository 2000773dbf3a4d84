import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../server/db/migrate';
import { openTestDatabase } from '../test-server';

let drop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await drop?.();
  drop = undefined;
});

describe('migrate', () => {
  it('applies each migration once and records it', async () => {
    const db = await openTestDatabase();
    drop = db.drop;
    const first = await migrate(db);
    expect(first[0]).toBe('001_foundation.sql');
    expect(await migrate(db)).toEqual([]);
    const recorded = await db.query<{ name: string }>('select name from schema_migrations order by name');
    expect(recorded.map((row) => row.name)).toEqual(first);
  });

  it('rolls back a failing migration completely', async () => {
    const db = await openTestDatabase();
    drop = db.drop;
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    writeFileSync(join(dir, '001_ok.sql'), 'create table a (x int);');
    writeFileSync(join(dir, '002_bad.sql'), 'create table b (x int); select * from no_such_table;');
    await expect(migrate(db, dir)).rejects.toThrow(/no_such_table/);
    const tables = await db.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' and table_name in ('a', 'b') order by 1`,
    );
    expect(tables.map((row) => row.table_name)).toEqual(['a']);
    const recorded = await db.query<{ name: string }>('select name from schema_migrations');
    expect(recorded.map((row) => row.name)).toEqual(['001_ok.sql']);
  });

  it('keeps tenancy in the data model: campaigns, responses, uploads and users need a kommun', async () => {
    const db = await openTestDatabase();
    drop = db.drop;
    await migrate(db);
    const rows = await db.query<{ table_name: string; is_nullable: string }>(
      `select table_name, is_nullable from information_schema.columns
        where column_name = 'kommunkod' and table_name in ('campaigns', 'responses', 'uploads', 'users') order by table_name`,
    );
    expect(rows).toEqual(['campaigns', 'responses', 'uploads', 'users'].map((table_name) => ({ table_name, is_nullable: 'NO' })));
  });
});
