import type { Queryable } from '../db/database';

/** One bucket's count in its current window. */
export interface AttemptCount {
  attempts: number;
  /** Seconds since the window started. */
  windowAgeSeconds: number;
  /** Seconds since the last counted attempt. */
  sinceLastSeconds: number;
}

interface CountRow {
  key_hash: string;
  attempts: number;
  window_age: number;
  since_last: number;
}

const toCount = (row: CountRow): AttemptCount => ({ attempts: row.attempts, windowAgeSeconds: row.window_age, sinceLastSeconds: row.since_last });

/**
 * Counts one attempt in each bucket (one statement): a bucket whose window
 * (seconds) has passed starts again at 1. Times are the database's, so all
 * processes agree.
 */
export async function countAttempts(db: Queryable, buckets: readonly { keyHash: string; windowSeconds: number }[]): Promise<Map<string, AttemptCount>> {
  const rows = await db.query<CountRow>(
    `insert into attempt_counters as c (key_hash, window_seconds, window_start, attempts, last_attempt)
     select key_hash, window_seconds, now(), 1, now() from unnest($1::text[], $2::float8[]) as b(key_hash, window_seconds)
     on conflict (key_hash) do update set
       window_seconds = excluded.window_seconds,
       attempts = case when c.window_start <= now() - make_interval(secs => excluded.window_seconds) then 1 else c.attempts + 1 end,
       window_start = case when c.window_start <= now() - make_interval(secs => excluded.window_seconds) then now() else c.window_start end,
       last_attempt = now()
     returning key_hash, attempts, extract(epoch from now() - window_start)::float8 as window_age,
               extract(epoch from now() - last_attempt)::float8 as since_last`,
    [buckets.map((b) => b.keyHash), buckets.map((b) => b.windowSeconds)],
  );
  return new Map(rows.map((row) => [row.key_hash, toCount(row)]));
}

/** The buckets' counts in their current windows; buckets absent or whose window has passed are left out (count 0). */
export async function readAttemptCounts(db: Queryable, keyHashes: readonly string[]): Promise<Map<string, AttemptCount>> {
  const rows = await db.query<CountRow>(
    `select key_hash, attempts, extract(epoch from now() - window_start)::float8 as window_age,
            extract(epoch from now() - last_attempt)::float8 as since_last
       from attempt_counters
      where key_hash = any($1::text[]) and window_start > now() - make_interval(secs => window_seconds)`,
    [keyHashes],
  );
  return new Map(rows.map((row) => [row.key_hash, toCount(row)]));
}

/** Forgets buckets (after a successful login: the account and the pair). */
export async function clearAttemptCounts(db: Queryable, keyHashes: readonly string[]): Promise<void> {
  await db.query('delete from attempt_counters where key_hash = any($1::text[])', [keyHashes]);
}

/** Deletes buckets whose window ended more than a day ago. */
export async function purgeAttemptCounts(db: Queryable): Promise<void> {
  await db.query(`delete from attempt_counters where window_start < now() - make_interval(secs => window_seconds) - interval '1 day'`);
}
