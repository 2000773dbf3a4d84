import type { Queryable } from '../db/database';

export async function writeAuditLog(
  db: Queryable,
  entry: { userId: string | null; kommunkod: string | null; action: string; details?: Record<string, unknown> },
): Promise<void> {
  await db.query('insert into audit_log (user_id, kommunkod, action, details) values ($1, $2, $3, $4)', [
    entry.userId,
    entry.kommunkod,
    entry.action,
    JSON.stringify(entry.details ?? {}),
  ]);
}

export interface AuditFilter {
  action?: string;
  userId?: string;
  kommunkod?: string;
  /** A day (YYYY-MM-DD, Swedish time) or an instant with offset. */
  from?: string;
  /** A day (inclusive) or an instant (exclusive). */
  to?: string;
  /** Only entries older than this id (paging). */
  before?: number;
}

export interface AuditEntryRow {
  id: string;
  at: string;
  userId: string | null;
  email: string | null;
  kommunkod: string | null;
  action: string;
  details: Record<string, unknown>;
  campaignTitle: string | null;
}

/** Audit entries matching every given filter, newest first, at most `limit`. */
export async function listAuditEntries(db: Queryable, filter: AuditFilter, limit: number): Promise<AuditEntryRow[]> {
  return db.query<AuditEntryRow>(
    `select a.id::text as id, to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, a.user_id as "userId", u.email, a.kommunkod, a.action, a.details, c.title as "campaignTitle"
       from audit_log a
       left join users u on u.id = a.user_id
       left join campaigns c
         on c.id = case when a.details ->> 'campaignId' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                        then (a.details ->> 'campaignId')::uuid end
      where ($1::text is null or a.action = $1)
        and ($2::uuid is null or a.user_id = $2)
        and ($3::text is null or a.kommunkod = $3)
        and ($4::text is null or a.at >= case when $4 ~ '^\\d{4}-\\d{2}-\\d{2}$'
                                              then $4::date::timestamp at time zone 'Europe/Stockholm' else $4::timestamptz end)
        and ($5::text is null or a.at < case when $5 ~ '^\\d{4}-\\d{2}-\\d{2}$'
                                             then ($5::date + 1)::timestamp at time zone 'Europe/Stockholm' else $5::timestamptz end)
        and ($6::bigint is null or a.id < $6)
      order by a.id desc
      limit $7`,
    [filter.action ?? null, filter.userId ?? null, filter.kommunkod ?? null, filter.from ?? null, filter.to ?? null, filter.before ?? null, limit],
  );
}

/** Every action that occurs in the log. */
export async function listAuditActions(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ action: string }>('select distinct action from audit_log order by action');
  return rows.map((row) => row.action);
}
