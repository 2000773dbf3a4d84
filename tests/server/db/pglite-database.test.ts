import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/db/database';
import { openPgliteDatabase } from '../../../server/db/pglite-database';

/**
 * The embedded driver runs PGlite in a worker thread (server/db/pglite-worker.mjs):
 * values, errors and transactions must come back as from a database in this thread.
 */
describe('the embedded database in its worker thread', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openPgliteDatabase('memory://');
    await db.exec('create table t (id int primary key, note text)');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('gives bytea as Buffer, int8 and numeric as numbers and dates as text', async () => {
    const [row] = await db.query<{ b: Buffer; n: number; d: string; j: { a: number[] }; empty: Buffer }>(
      "select '\\x00ff10'::bytea as b, 9007199254740991::int8 as n, '2026-12-01'::date as d, '{\"a\":[1,2]}'::jsonb as j, ''::bytea as empty",
    );
    expect(Buffer.isBuffer(row.b)).toBe(true);
    expect(row.b.toString('hex')).toBe('00ff10');
    expect(Buffer.isBuffer(row.empty)).toBe(true);
    expect(row.n).toBe(9007199254740991);
    expect(row.d).toBe('2026-12-01');
    expect(row.j).toEqual({ a: [1, 2] });
  });

  it('passes parameters of every kind (arrays, Buffers, null) and keeps their order', async () => {
    const [row] = await db.query<{ texts: string[]; hex: string; nothing: null }>('select $1::text[] as texts, encode($2::bytea, \'hex\') as hex, $3::text as nothing', [
      ['a', 'ö', ''],
      Buffer.from([1, 2, 3]),
      null,
    ]);
    expect(row).toEqual({ texts: ['a', 'ö', ''], hex: '010203', nothing: null });
  });

  it('rebuilds database errors with their SQLSTATE and constraint', async () => {
    await db.query('insert into t values (1, $1)', ['first']);
    const duplicate = await db.query('insert into t values (1, $1)', ['again']).catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(Error);
    expect(duplicate).toMatchObject({ code: '23505', constraint: 't_pkey' });
    const division = await db.query('select 1 / 0').catch((error: unknown) => error);
    expect(division).toMatchObject({ code: '22012', message: expect.stringMatching(/division by zero/) });
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.transaction(async (tx) => {
      await tx.query('insert into t values (2, $1)', ['committed']);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into t values (3, $1)', ['rolled back']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const rows = await db.query<{ id: number }>('select id from t order by id');
    expect(rows.map((row) => row.id)).toEqual([1, 2]);
  });

  it('keeps other statements out of an open transaction: they run after it, in order', async () => {
    const seen: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.transaction(async (tx) => {
      await tx.query('insert into t values (4, $1)', ['inside']);
      seen.push('inserted');
      await held;
      await tx.query('update t set note = $1 where id = 4', ['inside, later']);
      seen.push('updated');
    });
    // Issued while the transaction is open: it must not see the uncommitted row, nor run inside it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outside = db.query<{ note: string }>('select note from t where id = 4').then((rows) => {
      seen.push(`outside saw ${rows.map((r) => r.note).join(',') || 'nothing'}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual(['inserted']);
    release();
    await Promise.all([transaction, outside]);
    expect(seen).toEqual(['inserted', 'updated', 'outside saw inside, later']);
  });

  it('refuses statements once closed', async () => {
    const other = await openPgliteDatabase('memory://');
    await other.close();
    await expect(other.query('select 1')).rejects.toThrow(/closed/);
  });
});

describe('the embedded database on disk', () => {
  it('keeps its data across a close and reopen, and holds the data directory lock while open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pglite-worker-'));
    try {
      const first = await openPgliteDatabase(join(dir, 'pglite'));
      await first.exec('create table kept (x int); insert into kept values (42);');
      await expect(openPgliteDatabase(join(dir, 'pglite'))).rejects.toThrow(/in use/);
      await first.close();
      const again = await openPgliteDatabase(join(dir, 'pglite'));
      expect(await again.query('select x from kept')).toEqual([{ x: 42 }]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
