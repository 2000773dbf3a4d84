import { mkdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database';
import { lockDataDir } from './data-dir-lock';

/**
 * The embedded driver: PostgreSQL compiled to WebAssembly, with its data
 * directory on disk (or `memory://`), run in a worker thread
 * (pglite-worker.mjs). A statement then runs beside the event loop rather
 * than on it: while the database writes a batch or rewrites a table, the
 * server goes on reading and validating requests. One connection; PGlite
 * serialises statements itself and holds its lock for the whole of a
 * transaction.
 */
export async function openPgliteDatabase(dataDir: string): Promise<Database> {
  const onDisk = !dataDir.startsWith('memory://');
  if (onDisk) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // One process at a time: a second server, a backup or a restore would corrupt the files.
  const unlock = onDisk ? lockDataDir(dataDir) : () => undefined;
  try {
    return await workerDatabase(dataDir, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

/**
 * The worker's script, by path from this module: two folders up is the
 * repository root both from server/db/ (sources) and from dist/node/ (the
 * build), so the same path serves both.
 */
const WORKER_SCRIPT = new URL('../../server/db/pglite-worker.mjs', import.meta.url);

interface Answer {
  id: number;
  rows?: Record<string, unknown>[];
  bytea?: string[];
  error?: { message: string; name: string; fields: Record<string, string | number> };
}

/** A database error from the worker, with the fields callers read (`code` is the SQLSTATE). */
function rebuildError(error: NonNullable<Answer['error']>): Error {
  const rebuilt = Object.assign(new Error(error.message), error.fields);
  rebuilt.name = error.name;
  return rebuilt;
}

async function workerDatabase(dataDir: string, onClose: () => void): Promise<Database> {
  const worker = new Worker(WORKER_SCRIPT, { workerData: { dataDir } });
  const pending = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let stopped: Error | undefined;
  const fail = (error: Error) => {
    stopped ??= error;
    for (const { reject } of pending.values()) reject(stopped);
    pending.clear();
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the embedded database stopped while opening (exit ${code})`)));
  });
  await ready;
  // Like a database in this thread, the worker keeps the process alive only while a statement is pending.
  worker.unref();
  const settle = (id: number) => {
    pending.delete(id);
    if (pending.size === 0) worker.unref();
  };
  worker.on('message', (answer: Answer) => {
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    settle(answer.id);
    if (answer.error) waiting.reject(rebuildError(answer.error));
    else waiting.resolve(answer);
  });
  worker.on('error', (error) => fail(new Error(`the embedded database failed: ${error.message}`)));
  worker.on('exit', (code) => fail(new Error(`the embedded database stopped (exit ${code})`)));

  const call = (message: Record<string, unknown>): Promise<Answer> => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    return new Promise<Answer>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  };
  /** Rows as the in-process driver gives them: bytea columns as Buffers (they cross the thread as Uint8Array). */
  const rowsOf = <T>({ rows = [], bytea = [] }: Answer): T[] => {
    for (const name of bytea) {
      for (const row of rows) {
        const value = row[name];
        if (value instanceof Uint8Array) row[name] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      }
    }
    return rows as T[];
  };
  const within = (tx: number | undefined): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return rowsOf<T>(await call({ op: 'query', sql, params, tx }));
    },
    async exec(sql: string) {
      await call({ op: 'exec', sql, tx });
    },
  });
  const root = within(undefined);
  let nextTransaction = 0;
  return {
    kind: 'pglite',
    query: root.query,
    exec: root.exec,
    async transaction(work) {
      const tx = nextTransaction++;
      await call({ op: 'begin', tx });
      let result;
      try {
        result = await work(within(tx));
      } catch (error) {
        await call({ op: 'end', tx, commit: false }).catch(() => undefined);
        throw error;
      }
      await call({ op: 'end', tx, commit: true });
      return result;
    },
    async warmEngine(rows) {
      const [row] = rowsOf<{ ms: number }>(await call({ op: 'warm-up', rows }));
      return row.ms;
    },
    close: async () => {
      try {
        if (!stopped) await call({ op: 'close' });
      } finally {
        fail(new Error('the embedded database is closed'));
        await worker.terminate();
        onClose();
      }
    },
  };
}

/**
 * The Database seam over a PGlite opened in this thread (created with
 * `sharedParsers`), for backup and restore; `close` closes it and then
 * calls `onClose` (the data directory's lock).
 */
export async function pgliteDatabase(db: PGlite, onClose: () => void = () => undefined): Promise<Database> {
  // As in the worker (pglite-worker.mjs): removed log segments are deleted, never reused or pre-filled.
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
