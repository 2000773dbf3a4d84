/**
 * PostgreSQL type OIDs that both drivers parse the same way, and their
 * parsers. Plain JavaScript, because the embedded database's worker thread
 * (pglite-worker.mjs) loads it without a TypeScript compiler; the server
 * imports it through database.ts.
 */
export const TYPE_OID = Object.freeze({ bytea: 17, int8: 20, numeric: 1700, date: 1082 });

/**
 * int8 → number (counts are far below 2^53), numeric → number, date →
 * 'YYYY-MM-DD' string, bytea → Buffer (decoded natively: PGlite's own bytea
 * parser takes ~10× longer on the megabytes of analysis records).
 */
export const sharedParsers = Object.freeze({
  [TYPE_OID.bytea]: (value) => Buffer.from(value.slice(2), 'hex'),
  [TYPE_OID.int8]: (value) => Number(value),
  [TYPE_OID.numeric]: (value) => Number(value),
  [TYPE_OID.date]: (value) => value,
});
