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
 *   { id, op: 'warm-up', rows }              the engine's warm-up (warmEngine below)
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

/** The scratch schema of the engine's warm-up: synthetic rows only, dropped when it ends. */
const WARM_UP_SCHEMA = 'engine_warm_up';
/** Submissions per statement in the warm-up, about what a batch holds at 1,000 submissions/s. */
const WARM_UP_BATCH = 20;
/** Submissions between the warm-up's moves and table rewrites. */
const WARM_UP_MOVE_EVERY = 500;

/**
 * Runs `rows` synthetic submissions through statements shaped like the
 * server's (code lookups by hash, a bitmap update with PL/pgSQL, pooled
 * jsonb answers with receipts, shuffled moves, VACUUM FULL) in a scratch
 * schema, then drops it. V8 compiles PostgreSQL's WebAssembly lazily and
 * optimises a function only once it has run a while; without this, the
 * first seconds of load after a restart ran each statement 3–6 times
 * slower and submissions waited 150–300 ms (bench/ingest.ts). Nothing of
 * the real tables is read or written, and the synthetic rows leave the
 * write-ahead log at the start-up scrub's checkpoint.
 */
async function warmEngine(rows) {
  const started = performance.now();
  const s = WARM_UP_SCHEMA;
  await db.exec(`drop schema if exists ${s} cascade; create schema ${s};
    create table ${s}.codes (code_hash text primary key, campaign_id uuid not null, stratum_key text not null, slot integer not null);
    create table ${s}.usage (campaign_id uuid not null, stratum_key text not null, completed bytea not null, primary key (campaign_id, stratum_key));
    create table ${s}.pool (id bigserial primary key, campaign_id uuid not null, stratum jsonb not null, answers jsonb not null, submitted date not null default current_date);
    create table ${s}.receipts (campaign_id uuid not null, receipt_hash text not null, primary key (campaign_id, receipt_hash));
    create table ${s}.responses (id uuid primary key default gen_random_uuid(), campaign_id uuid not null, stratum jsonb not null, answers jsonb not null, batch date);
    create table ${s}.records (campaign_id uuid not null, segment integer not null, columns bytea not null);`);
  const campaign = '00000000-0000-4000-8000-000000000001';
  await db.query(`insert into ${s}.usage select $1::uuid, 'k' || n, decode(repeat('00', 512), 'hex') from generate_series(0, 15) n`, [campaign]);
  for (let first = 0; first < rows; first += WARM_UP_BATCH) {
    const n = Math.min(WARM_UP_BATCH, rows - first);
    const hashes = Array.from({ length: n }, (_, k) => `warm-up-${first + k}`);
    const strata = hashes.map((_, k) => `k${(first + k) % 16}`);
    const slots = hashes.map((_, k) => Math.floor((first + k) / 16) % 4096);
    await db.query(`insert into ${s}.codes select * from unnest($1::text[], $2::uuid[], $3::text[], $4::int[]) on conflict do nothing`, [
      hashes,
      hashes.map(() => campaign),
      strata,
      slots,
    ]);
    await db.query(`select c.code_hash, c.slot, get_bit(u.completed, c.slot) as used from ${s}.codes c join ${s}.usage u using (campaign_id, stratum_key) where c.code_hash = any($1::text[])`, [hashes]);
    await db.query(
      `with input as (select * from unnest($1::text[], $2::text[], $3::int[], $4::jsonb[]) with ordinality as t(code_hash, stratum_key, slot, answers, n)),
        groups as (select stratum_key, array_agg(slot) as slots from input group by stratum_key),
        bits as (update ${s}.usage u set completed = set_bits(u.completed, g.slots) from groups g where u.campaign_id = $5 and u.stratum_key = g.stratum_key returning u.stratum_key),
        done as (select i.* from input i join bits b using (stratum_key)),
        receipts as (insert into ${s}.receipts select $5, md5(code_hash) from done on conflict do nothing)
       insert into ${s}.pool (campaign_id, stratum, answers) select $5, jsonb_build_object('omrade', stratum_key), answers from done order by n returning id`,
      [hashes, strata, slots, hashes.map((_, k) => JSON.stringify({ kon: k % 2 ? 'kvinna' : 'man', alder: 18 + ((first + k) % 68), fraga: 'nej' })), campaign],
    );
    if ((first + n) % WARM_UP_MOVE_EVERY === 0 || first + n >= rows) {
      await db.query(
        `with moved as (delete from ${s}.pool where campaign_id = $1 returning stratum, answers)
         insert into ${s}.responses (campaign_id, stratum, answers, batch) select $1, stratum, answers, current_date from moved order by random()`,
        [campaign],
      );
      await db.query(`insert into ${s}.records select $1, count(*), string_agg(convert_to(answers::text, 'UTF8'), decode('00', 'hex')) from ${s}.responses`, [campaign]);
      for (const table of ['pool', 'receipts', 'usage']) await db.exec(`vacuum full ${s}.${table}`);
    }
  }
  await db.exec(`drop schema ${s} cascade`);
  // The embedded database has no autovacuum: free the catalogue rows that creating and dropping the schema left dead, or every start adds some.
  await db.exec('vacuum pg_catalog.pg_class, pg_catalog.pg_attribute, pg_catalog.pg_attrdef, pg_catalog.pg_type, pg_catalog.pg_depend, pg_catalog.pg_index, pg_catalog.pg_constraint, pg_catalog.pg_namespace, pg_catalog.pg_sequence');
  return { rows: [{ ms: Math.round(performance.now() - started) }], bytea: [] };
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
  if (op === 'warm-up') return warmEngine(message.rows);
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
