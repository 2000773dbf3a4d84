import type { Queryable } from '../db/database';

/**
 * Tables whose rows hold per-code or per-submission state for a short time
 * (waiting submissions, usage bitmaps, per-class submission counters, drafts,
 * paper entries). Their dead row versions, and the free space of their
 * pages, would keep old values (and so arrival order) after a plain VACUUM;
 * VACUUM FULL writes live rows to new files and removes the old ones.
 */
export const TRANSIENT_TABLES = ['response_pool', 'code_usage', 'class_link_usage', 'drafts', 'paper_entries'] as const;
export type TransientTable = (typeof TRANSIENT_TABLES)[number];

/** The transient tables every web submission writes to: rewritten after each batch. */
export const PER_SUBMISSION_TABLES: readonly TransientTable[] = ['response_pool', 'code_usage', 'class_link_usage'];

/** Rewrites transient tables (VACUUM FULL, one statement each; cannot run inside a transaction). */
export async function rewriteTransientTables(db: Queryable, tables: readonly TransientTable[] = TRANSIENT_TABLES): Promise<void> {
  for (const table of TRANSIENT_TABLES) if (tables.includes(table)) await db.exec(`vacuum full ${table}`);
}

/** Rewrites the codes table and its indexes after codes were deleted, and the planner statistics catalogue. */
export async function rewriteCodeTables(db: Queryable): Promise<void> {
  await db.exec('vacuum full codes');
  await rewriteTransientTables(db);
}

/** Rewrites pg_statistic (superuser only), which may keep sample values of dropped tables. */
export async function rewriteStatistics(db: Queryable): Promise<void> {
  await db.exec('vacuum full pg_statistic');
}

/**
 * Ends the current write-ahead-log segment and checkpoints, so that the old
 * segments (with the records of everything before) are removed. With
 * `wal_recycle = off` (set by the embedded driver) they are deleted rather
 * than renamed for reuse with their old contents. Needs superuser or the
 * pg_checkpoint role and pg_switch_wal's grant on PostgreSQL.
 */
export async function purgeWriteAheadLog(db: Queryable): Promise<void> {
  await switchWriteAheadLog(db);
  await checkpoint(db);
}

/** Ends the current write-ahead-log segment (the first half of {@link purgeWriteAheadLog}). */
export async function switchWriteAheadLog(db: Queryable): Promise<void> {
  await db.exec('select pg_switch_wal()');
}

/** Checkpoints, which removes the segments before it (the second half of {@link purgeWriteAheadLog}). */
export async function checkpoint(db: Queryable): Promise<void> {
  await db.exec('checkpoint');
}

/**
 * Calls the procedural-language helper once, so that the embedded database
 * loads PL/pgSQL at start-up rather than inside the first submission.
 */
export async function loadProceduralLanguage(db: Queryable): Promise<void> {
  await db.query("select set_bits(''::bytea, '{}'::int[])");
}

/**
 * Tables the retention job (gallring) deletes from. After a deletion their
 * files are rewritten (VACUUM FULL), so the deleted rows do not stay behind
 * as dead tuples, and their planner statistics are dropped or taken again,
 * so no sampled value of a deleted row stays in pg_statistic.
 */
export const RETENTION_TABLES = [
  'responses',
  'response_pool',
  'submission_receipts',
  'drafts',
  'paper_entries',
  'codes',
  'code_usage',
  'screening_registrations',
  'screening_registration_changes',
  'registered_tables',
  'population_tables',
  'audit_log',
] as const;
export type RetentionTable = (typeof RETENTION_TABLES)[number];

/** Rewrites the given retention tables (VACUUM FULL, one statement each; not inside a transaction). */
export async function rewriteRetentionTables(db: Queryable, tables: readonly RetentionTable[]): Promise<void> {
  for (const table of RETENTION_TABLES) if (tables.includes(table)) await db.exec(`vacuum full ${table}`);
}

/** Takes the planner statistics of the given retention tables again, replacing samples of deleted rows. */
export async function analyzeRetentionTables(db: Queryable, tables: readonly RetentionTable[]): Promise<void> {
  for (const table of RETENTION_TABLES) if (tables.includes(table)) await db.exec(`analyze ${table}`);
}

/** Drops the planner statistics (sampled values) of the given retention tables (superuser only; the embedded database). */
export async function dropRetentionStatistics(db: Queryable, tables: readonly RetentionTable[]): Promise<void> {
  const names = RETENTION_TABLES.filter((table) => tables.includes(table));
  await db.query('delete from pg_statistic where starelid = any($1::regclass[])', [names]);
}
