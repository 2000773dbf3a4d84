/**
 * The embedded database in a worker thread of its own (started by
 * pglite-database.ts), so that PostgreSQL's work in WebAssembly (a batch's
 * statements, a VACUUM FULL, a checkpoint) never holds the event loop that
 * answers HTTP requests. Plain JavaScript: it is loaded by path, from the
 * sources as from the build, without a TypeScript compiler.
 *
 * Messages from the server, each answered with `{ id, rows, bytea }` or
 * `{ id, error }`:
 *   { id, op: 'query', sql, params, tx? }    one statement (in transaction tx)
 *   { id, op: 'exec', sql, tx? }             a script without parameters
 *   { id, op: 'begin', tx }                  answered once tx holds the database
 *   { id, op: 'end', tx, commit }            commits (or rolls back) tx
 *   { id, op: 'close' }
 * Statements outside a transaction wait while one is open: PGlite queues
 * them in arrival order behind its transaction lock.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { sharedParsers, TYPE_OID } from './type-parsers.mjs';

const db = await PGlite.create(workerData.dataDir, { parsers: sharedParsers });
// One session for the life of the process, so these hold for every
// checkpoint: removed write-ahead-log segments are deleted, not renamed for
// reuse with their old records inside (docs/privacy.md), and new segments
// are not pre-filled with 16 MB of zeros.
await db.exec('set wal_recycle = off; set wal_init_zero = off;');

/** Open transactions: tx → its PGlite transaction and how to end it. */
const transactions = new Map();

/** The names of a result's bytea columns: they arrive as Uint8Array and the server makes them Buffers again. */
const byteaColumns = (result) => result.fields.filter((field) => field.dataTypeID === TYPE_OID.bytea).map((field) => field.name);

/** A database error as plain data (message, SQLSTATE code, detail, constraint…), to be rebuilt as an Error. */
function plainError(error) {
  const fields = {};
  if (error && typeof error === 'object') {
    for (const [key, value] of Object.entries(error)) if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  }
  return { message: error instanceof Error ? error.message : String(error), name: error instanceof Error ? error.name : 'Error', fields };
}

function begin(tx) {
  return new Promise((started, failed) => {
    let end;
    const ended = new Promise((resolve, reject) => (end = { commit: resolve, rollback: reject }));
    const done = db
      .transaction(async (handle) => {
        transactions.set(tx, { handle, end, done });
        started();
        await ended;
      })
      .finally(() => transactions.delete(tx));
    done.catch(failed);
    transactions.set(tx, { handle: undefined, end, done });
  });
}

async function run(message) {
  const { op, tx } = message;
  const target = tx === undefined ? db : transactions.get(tx)?.handle;
  if (op === 'query' || op === 'exec') {
    if (!target) throw new Error(`transaction ${tx} is not open`);
    if (op === 'exec') {
      await target.exec(message.sql);
      return { rows: [], bytea: [] };
    }
    const result = await target.query(message.sql, message.params);
    return { rows: result.rows, bytea: byteaColumns(result) };
  }
  if (op === 'begin') {
    await begin(tx);
    return {};
  }
  if (op === 'end') {
    const open = transactions.get(tx);
    if (!open) throw new Error(`transaction ${tx} is not open`);
    if (message.commit) {
      open.end.commit();
      await open.done;
    } else {
      const rolledBack = new Error('rolled back');
      open.end.rollback(rolledBack);
      await open.done.catch((error) => {
        if (error !== rolledBack) throw error;
      });
    }
    return {};
  }
  if (op === 'close') {
    await db.close();
    return {};
  }
  throw new Error(`unknown operation ${op}`);
}

parentPort.on('message', (message) => {
  run(message).then(
    (result) => parentPort.postMessage({ id: message.id, ...result }),
    (error) => parentPort.postMessage({ id: message.id, error: plainError(error) }),
  );
});
parentPort.postMessage({ ready: true });
