/**
 * Backup and restore (`npm run backup -- FILE`, `npm run restore -- FILE`).
 *
 * - **Embedded database (PGlite):** a logical dump: the applied migrations,
 *   every table of the `public` schema in PostgreSQL's COPY text format and
 *   the sequences' positions, gzipped. Restoring replays the same migrations
 *   into an empty data directory, loads the rows, sets the sequences and then
 *   applies any newer migrations. Only live rows are copied: no dead row
 *   versions, free space or write-ahead log (docs/privacy.md).
 * - **PostgreSQL (DATABASE_URL):** `pg_dump --format=plain --no-owner
 *   --no-privileges`, gzipped; restored with `psql --single-transaction` into
 *   an empty database, then newer migrations are applied.
 *
 * The code secret (CODE_SECRET or DATA_DIR/code-secret) is not part of the
 * database and so not of the backup; keep it apart (README).
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip, gunzipSync, gzipSync } from 'node:zlib';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock';
import { migrate } from './migrate';
import { sharedParsers } from './database';
import { pgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

/** First line of a logical dump of the embedded database. */
const MAGIC = 'KARTLAGGNING-BACKUP 1';
/** pg_dump's plain format begins with this comment. */
const PG_DUMP_MARK = '-- PostgreSQL database dump';

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

export interface BackupSummary {
  driver: 'pglite' | 'postgresql';
  /** Tables and their row counts (PGlite dumps; for pg_dump the counts at the time of the dump). */
  tables: { name: string; rows: number }[];
  migrations: string[];
  bytes: number;
}

interface DumpHeader {
  createdAt: string;
  driver: 'pglite';
  migrations: string[];
  tables: { name: string; columns: string[]; rows: number; bytes: number }[];
  sequences: { name: string; lastValue: number | null; isCalled: boolean }[];
}

/** Settings that make COPY text the same whatever the session's defaults. */
const STABLE_TEXT = "set datestyle = 'ISO, YMD'; set timezone = 'UTC'; set intervalstyle = 'postgres'; set extra_float_digits = 1;";

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function publicTables(db: Pick<PGlite, 'query'>): Promise<{ name: string; columns: string[] }[]> {
  const rows = (
    await db.query<{ name: string; columns: string[] }>(
      `select c.relname as name, array_agg(a.attname::text order by a.attnum) as columns
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = 'public' and c.relkind in ('r', 'p')
        group by c.relname order by c.relname`,
    )
  ).rows;
  return rows;
}

/** Writes a logical dump of the PGlite database in `pgliteDir` to `file` (the server must be stopped). */
export async function backupPglite(pgliteDir: string, file: string): Promise<BackupSummary> {
  if (!existsSync(join(pgliteDir, 'PG_VERSION'))) throw new BackupError(`No embedded database in ${pgliteDir}.`);
  const unlock = lockDataDir(pgliteDir);
  const db = await PGlite.create(pgliteDir);
  try {
    await db.exec(`${STABLE_TEXT} begin isolation level repeatable read read only;`);
    const migrations = (await db.query<{ name: string }>('select name from schema_migrations order by name')).rows.map((r) => r.name);
    const tables = await publicTables(db);
    const sequences = (
      await db.query<{ name: string; lastValue: number | null; isCalled: boolean }>(
        `select sequencename as name, last_value::float8 as "lastValue", last_value is not null as "isCalled"
           from pg_sequences where schemaname = 'public' order by sequencename`,
      )
    ).rows;
    const sections: Buffer[] = [];
    const header: DumpHeader = { createdAt: new Date().toISOString(), driver: 'pglite', migrations, tables: [], sequences };
    for (const table of tables) {
      const list = table.columns.map(quoteIdent).join(', ');
      const result = await db.query(`copy public.${quoteIdent(table.name)} (${list}) to '/dev/blob'`);
      const data = Buffer.from(await (result.blob ?? new Blob([])).arrayBuffer());
      const rows = data.length === 0 ? 0 : data.toString('utf8').split('\n').length - 1;
      header.tables.push({ name: table.name, columns: table.columns, rows, bytes: data.length });
      sections.push(data);
    }
    await db.exec('commit');
    const body = Buffer.concat([Buffer.from(`${MAGIC}\n${JSON.stringify(header)}\n`, 'utf8'), ...sections]);
    const packed = gzipSync(body, { level: 6 });
    const temporary = `${file}.partial`;
    await writeFile(temporary, packed, { mode: 0o600 });
    await rename(temporary, file);
    return { driver: 'pglite', tables: header.tables.map(({ name, rows }) => ({ name, rows })), migrations, bytes: packed.length };
  } finally {
    await db.close();
    unlock();
  }
}

function readDump(raw: Buffer): { header: DumpHeader; sections: Map<string, Buffer> } {
  const firstEnd = raw.indexOf(10);
  const secondEnd = raw.indexOf(10, firstEnd + 1);
  if (firstEnd < 0 || secondEnd < 0 || raw.subarray(0, firstEnd).toString('utf8') !== MAGIC) throw new BackupError('Not a backup of this system.');
  const header = JSON.parse(raw.subarray(firstEnd + 1, secondEnd).toString('utf8')) as DumpHeader;
  const sections = new Map<string, Buffer>();
  let offset = secondEnd + 1;
  for (const table of header.tables) {
    sections.set(table.name, raw.subarray(offset, offset + table.bytes));
    offset += table.bytes;
  }
  if (offset !== raw.length) throw new BackupError('The backup file is damaged (its length does not match its header).');
  return { header, sections };
}

/** The migration files this version of the code has. */
function knownMigrations(): string[] {
  const dir = new URL('./migrations/', import.meta.url);
  return readdirSync(dir).filter((name) => name.endsWith('.sql')).sort();
}

function checkMigrations(inBackup: readonly string[]): void {
  const known = knownMigrations();
  const unknown = inBackup.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new BackupError(`The backup is from a newer version (migrations ${unknown.join(', ')} are unknown here). Update the code first.`);
}

/**
 * Restores a logical dump into `pgliteDir`, which must not exist or be
 * empty: replays the backup's migrations, loads every table, sets the
 * sequences, then applies newer migrations.
 */
export async function restorePglite(file: string, pgliteDir: string): Promise<BackupSummary> {
  if (existsSync(pgliteDir) && readdirSync(pgliteDir).length > 0) {
    throw new BackupError(`${pgliteDir} is not empty. Restore into an empty data directory (move the old one away first).`);
  }
  const packed = await readFile(file);
  const { header, sections } = readDump(gunzipSync(packed));
  checkMigrations(header.migrations);
  mkdirSync(pgliteDir, { recursive: true, mode: 0o700 });
  const unlock = lockDataDir(pgliteDir);
  const raw = await PGlite.create(pgliteDir, { parsers: sharedParsers });
  const db = await pgliteDatabase(raw, unlock);
  try {
    await migrate(db, undefined, { only: header.migrations });
    await raw.transaction(async (tx) => {
      await tx.exec(`${STABLE_TEXT} set local session_replication_role = replica;`);
      await tx.query('delete from schema_migrations');
      for (const table of header.tables) {
        const data = sections.get(table.name)!;
        if (data.length === 0) continue;
        const list = table.columns.map(quoteIdent).join(', ');
        await tx.query(`copy public.${quoteIdent(table.name)} (${list}) from '/dev/blob'`, [], { blob: new Blob([new Uint8Array(data)]) });
      }
      for (const sequence of header.sequences) {
        if (sequence.lastValue === null) continue;
        await tx.query('select setval($1::regclass, $2::bigint, $3)', [`public.${quoteIdent(sequence.name)}`, sequence.lastValue, sequence.isCalled]);
      }
    });
    await migrate(db);
  } catch (error) {
    await db.close();
    await rm(pgliteDir, { recursive: true, force: true });
    throw error;
  }
  await db.close();
  return { driver: 'pglite', tables: header.tables.map(({ name, rows }) => ({ name, rows })), migrations: header.migrations, bytes: packed.length };
}

/** A PostgreSQL client program: from PATH, or the newest /usr/lib/postgresql/<version>/bin. */
export function postgresTool(name: 'pg_dump' | 'psql'): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(root, versions[0], 'bin', name);
  }
  return name;
}

function run(command: string, args: string[], io: { stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: [io.stdin ? 'pipe' : 'ignore', io.stdout ? 'pipe' : 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => reject(new BackupError(`${command} could not be started (${error.message}); install the PostgreSQL client programs.`)));
    const piping: Promise<void>[] = [];
    if (io.stdin) piping.push(pipeline(io.stdin, child.stdin!));
    if (io.stdout) piping.push(pipeline(child.stdout!, io.stdout));
    child.on('exit', (code) => {
      Promise.all(piping).then(
        () => (code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}): ${stderr.trim()}`))),
        (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
      );
    });
  });
}

async function tableCounts(url: string): Promise<{ name: string; rows: number }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (await client.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by tablename`)).rows;
    const counts: { name: string; rows: number }[] = [];
    for (const { name } of tables) {
      const [{ n }] = (await client.query<{ n: string }>(`select count(*) as n from public.${quoteIdent(name)}`)).rows;
      counts.push({ name, rows: Number(n) });
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** `pg_dump` of the database at `url`, gzipped into `file`. */
export async function backupPostgres(url: string, file: string): Promise<BackupSummary> {
  const temporary = `${file}.partial`;
  const gzip = createGzip({ level: 6 });
  const written = pipeline(gzip, createWriteStream(temporary, { mode: 0o600 }));
  try {
    await run(postgresTool('pg_dump'), ['--format=plain', '--no-owner', '--no-privileges', '--quote-all-identifiers', `--dbname=${url}`], { stdout: gzip });
    await written;
  } catch (error) {
    gzip.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
  await rename(temporary, file);
  const tables = await tableCounts(url);
  const migrations = tables.some((t) => t.name === 'schema_migrations') ? await migrationNames(url) : [];
  return { driver: 'postgresql', tables, migrations, bytes: (await readFile(file)).length };
}

async function migrationNames(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ name: string }>('select name from schema_migrations order by name')).rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

/** Loads a gzipped pg_dump into the (empty) database at `url` with psql, then applies newer migrations. */
export async function restorePostgres(file: string, url: string): Promise<BackupSummary> {
  const head = gunzipSync((await readFile(file)).subarray(0, 64 * 1024), { finishFlush: 2 }).toString('utf8');
  if (head.startsWith(MAGIC)) throw new BackupError('This is a backup of an embedded database; restore it without DATABASE_URL (into a data directory).');
  if (!head.includes(PG_DUMP_MARK)) throw new BackupError('Not a pg_dump backup.');
  const existing = await tableCounts(url);
  if (existing.length > 0) throw new BackupError(`The database is not empty (${existing.length} tables). Restore into a new, empty database.`);
  await run(postgresTool('psql'), ['--quiet', '--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '--single-transaction', `--dbname=${url}`], {
    stdin: createReadStream(file).pipe(createGunzip()),
  });
  const migrations = await migrationNames(url);
  checkMigrations(migrations);
  const db = await openPostgresDatabase(url, 1);
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  return { driver: 'postgresql', tables: await tableCounts(url), migrations, bytes: (await readFile(file)).length };
}

/** What kind of backup a file holds. */
export async function backupKind(file: string): Promise<'pglite' | 'postgresql'> {
  const head = gunzipSync((await readFile(file)).subarray(0, 64 * 1024), { finishFlush: 2 }).toString('utf8');
  if (head.startsWith(MAGIC)) return 'pglite';
  if (head.includes(PG_DUMP_MARK)) return 'postgresql';
  throw new BackupError(`${file} is not a backup of this system.`);
}
