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
