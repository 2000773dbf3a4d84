/**
 * The audit log for the admin and the dataskyddsombud: filtered, newest
 * first, and as a CSV file. Reading it is itself not logged (it would fill
 * the log with its own readings); exporting it as a file is.
 */
import type { AuditLog, AuditQuery } from '../../contracts/admin';
import { csvLine } from '../../domain/csv';
import type { AuthContext } from '../auth/auth-context';
import type { Database } from '../db/database';
import { listAuditActions, listAuditEntries, writeAuditLog, type AuditEntryRow } from '../queries/audit-log';

const DEFAULT_LIMIT = 100;
/** Most rows in one CSV download. */
export const MAX_CSV_ROWS = 200_000;
const CSV_PAGE = 2000;

export async function readAuditLog(db: Database, query: AuditQuery): Promise<AuditLog> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const rows = await listAuditEntries(db, query, limit + 1);
  const entries = rows.slice(0, limit);
  return { entries, nextBefore: rows.length > limit ? Number(entries[entries.length - 1].id) : null };
}

export function auditActions(db: Database): Promise<string[]> {
  return listAuditActions(db);
}

/** What an entry says in words for the CSV's columns: the campaign, a purpose, the format. */
function csvCells(entry: AuditEntryRow): (string | number | null)[] {
  const details = entry.details ?? {};
  const text = (key: string) => (typeof details[key] === 'string' ? (details[key] as string) : '');
  return [entry.at, entry.email ?? '', entry.userId ?? '', entry.kommunkod ?? '', entry.action, entry.campaignTitle ?? '', text('campaignId'), text('format'), text('purpose'), JSON.stringify(details)];
}

/**
 * The matching entries as CSV (UTF-8 with BOM, for Excel): time (UTC),
 * account, kommun, action, campaign, format and purpose of exports, and the
 * details as JSON. The download is audit-logged with its filter.
 */
export async function auditLogCsv(db: Database, auth: AuthContext, query: AuditQuery): Promise<string> {
  const header = ['tid_utc', 'konto', 'konto_id', 'kommunkod', 'handelse', 'undersokning', 'undersokning_id', 'format', 'syfte', 'detaljer'];
  const lines = ['\ufeff' + csvLine(header)];
  let before = query.before;
  let count = 0;
  for (;;) {
    const page = await listAuditEntries(db, { ...query, before }, Math.min(CSV_PAGE, MAX_CSV_ROWS - count));
    for (const entry of page) lines.push(csvLine(csvCells(entry)));
    count += page.length;
    if (page.length < CSV_PAGE || count >= MAX_CSV_ROWS) break;
    before = Number(page[page.length - 1].id);
  }
  const { limit: _limit, ...filter } = query;
  await writeAuditLog(db, { userId: auth.userId, kommunkod: query.kommunkod ?? null, action: 'admin.audit.export', details: { filter, rows: count } });
  return lines.join('');
}
