/**
 * The data-access seam. Two drivers (PGlite and PostgreSQL) implement it with
 * the same SQL, so every query in `server/queries/` runs unchanged on both.
 * Parameters are always passed separately ($1, $2, …); nothing builds SQL
 * from values.
 */
export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * The embedded database only: runs `rows` synthetic submissions in a
   * scratch schema and drops it (pglite-worker.mjs), so that its compiled
   * code is warm before the first respondent. Returns its milliseconds.
   */
  warmEngine?(rows: number): Promise<number>;
}

export { sharedParsers, TYPE_OID } from './type-parsers.mjs';
