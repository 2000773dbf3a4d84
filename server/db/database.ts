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
}

/** PostgreSQL type OIDs that both drivers parse the same way. */
export const TYPE_OID = { bytea: 17, int8: 20, numeric: 1700, date: 1082 } as const;

/**
 * int8 → number (counts are far below 2^53), numeric → number, date →
 * 'YYYY-MM-DD' string, bytea → Buffer (decoded natively: PGlite's own bytea
 * parser takes ~10× longer on the megabytes of analysis records).
 */
export const sharedParsers: Record<number, (value: string) => unknown> = {
  [TYPE_OID.bytea]: (value) => Buffer.from(value.slice(2), 'hex'),
  [TYPE_OID.int8]: (value) => Number(value),
  [TYPE_OID.numeric]: (value) => Number(value),
  [TYPE_OID.date]: (value) => value,
};
