/**
 * The attacker's view of a stopped test database: every file of it (the
 * PGlite data directory, or on PostgreSQL the database's folder and the
 * write-ahead log, read as superuser with pg_read_binary_file) and every
 * tuple of every table, live or dead, read with pageinspect.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pageinspect } from '@electric-sql/pglite/contrib/pageinspect';
import pg from 'pg';
import type { TestDatabaseLocation } from './test-server';

export interface RawQuery {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Opens the stopped database again, with pageinspect, as its superuser. */
export async function openRawDatabase(location: TestDatabaseLocation): Promise<RawQuery> {
  if (location.kind === 'pglite') {
    const db = await PGlite.create(location.dataDir, { extensions: { pageinspect } });
    await db.exec('create extension if not exists pageinspect');
    return {
      query: async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows,
      close: () => db.close(),
    };
  }
  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  await client.query('create extension if not exists pageinspect');
  return {
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    close: () => client.end(),
  };
}

/**
 * Every file of the database, by path: on PGlite the whole data directory;
 * on PostgreSQL the database's own folder, the shared catalogues and pg_wal.
 */
export async function readDatabaseFiles(location: TestDatabaseLocation): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  if (location.kind === 'pglite') {
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        const stat = statSync(path);
        if (stat.isDirectory()) walk(path);
        else if (stat.isFile()) files.set(relative(location.dataDir, path), readFileSync(path));
      }
    };
    walk(location.dataDir);
    return files;
  }
  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  try {
    const [{ oid }] = (await client.query('select oid::text from pg_database where datname = current_database()')).rows;
    for (const dir of [`base/${oid}`, 'global', 'pg_wal']) {
      const names = (await client.query('select name from pg_ls_dir($1) as name', [dir])).rows.map((r) => r.name as string);
      for (const name of names) {
        const path = `${dir}/${name}`;
        // A file the server removed since the listing (e.g. pg_internal.init, dropped at a catalogue's cache invalidation) is on disk no more.
        const gone = (error: unknown) => {
          if ((error as { code?: string }).code === '58P01') return undefined;
          throw error;
        };
        const stat = await client.query('select isdir from pg_stat_file($1)', [path]).catch(gone);
        if (!stat || stat.rows[0].isdir) continue;
        const read = await client.query('select pg_read_binary_file($1) as data', [path]).catch(gone);
        if (read) files.set(path, read.rows[0].data as Buffer);
      }
    }
  } finally {
    await client.end();
  }
  return files;
}

/** The files (all forks and segments) of a relation and of its TOAST table. */
export async function relationFiles(raw: RawQuery, relation: string): Promise<string[]> {
  const rows = await raw.query<{ path: string | null }>(
    `select pg_relation_filepath(c.oid) as path from pg_class c where c.oid = $1::regclass
     union all
     select pg_relation_filepath(c.reltoastrelid) from pg_class c where c.oid = $1::regclass and c.reltoastrelid <> 0`,
    [relation],
  );
  return rows.flatMap((row) => (row.path ? [row.path] : []));
}

/** Does a file path belong to one of the relation base paths (any fork or 1 GB segment)? */
export function belongsTo(path: string, basePaths: readonly string[]): boolean {
  return basePaths.some((base) => path === base || path.startsWith(`${base}.`) || path.startsWith(`${base}_`));
}

export interface RawTuple {
  relation: string;
  block: number;
  lp: number;
  /** 1 normal, 2 redirect, 3 dead, 0 unused. */
  lpFlags: number;
  xmin: string | null;
  xmax: string | null;
  data: Buffer | null;
}

/** Every line pointer of every heap page of every table in the database (live, dead and unused). */
export async function listAllTuples(raw: RawQuery): Promise<RawTuple[]> {
  const relations = await raw.query<{ name: string; blocks: number }>(
    `select c.oid::regclass::text as name, (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as blocks
       from pg_class c where c.relkind in ('r', 't', 'm') and pg_relation_size(c.oid) > 0`,
  );
  const tuples: RawTuple[] = [];
  for (const { name, blocks } of relations) {
    for (let block = 0; block < blocks; block++) {
      const rows = await raw.query<{ lp: number; lp_flags: number; t_xmin: string | null; t_xmax: string | null; t_data: Uint8Array | null }>(
        `select lp, lp_flags, t_xmin::text, t_xmax::text, t_data from heap_page_items(get_raw_page($1::text, $2::int))`,
        [name, block],
      );
      for (const row of rows) {
        tuples.push({
          relation: name,
          block,
          lp: row.lp,
          lpFlags: row.lp_flags,
          xmin: row.t_xmin,
          xmax: row.t_xmax,
          data: row.t_data ? Buffer.from(row.t_data) : null,
        });
      }
    }
  }
  return tuples;
}
