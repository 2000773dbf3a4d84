import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sharedParsers, type Database, type Queryable } from './database';
import { lockDataDir } from './data-dir-lock';

/**
 * The embedded driver: PostgreSQL compiled to WebAssembly, with its data
 * directory on disk. One connection; PGlite serialises statements itself and
 * holds its lock for the whole of a transaction.
 */
export async function openPgliteDatabase(dataDir: string): Promise<Database> {
  const onDisk = !dataDir.startsWith('memory://');
  if (onDisk) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // One process at a time: a second server, a backup or a restore would corrupt the files.
  const unlock = onDisk ? lockDataDir(dataDir) : () => undefined;
  try {
    return await pgliteDatabase(await PGlite.create(dataDir, { parsers: sharedParsers }), unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

/**
 * The Database seam over an open PGlite (created with `sharedParsers`);
 * `close` closes it and then calls `onClose` (the data directory's lock).
 */
export async function pgliteDatabase(db: PGlite, onClose: () => void = () => undefined): Promise<Database> {
  // One session for the life of the process, so these hold for every
  // checkpoint: removed write-ahead-log segments are deleted, not renamed for
  // reuse with their old records inside (docs/privacy.md), and new segments
  // are not pre-filled with 16 MB of zeros.
  await db.exec('set wal_recycle = off; set wal_init_zero = off;');
  const wrap = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });
  const root = wrap(db);
  return {
    kind: 'pglite',
    query: root.query,
    exec: root.exec,
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    close: async () => {
      try {
        await db.close();
      } finally {
        onClose();
      }
    },
  };
}
