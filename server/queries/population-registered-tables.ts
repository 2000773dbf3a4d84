import type { RegisteredTableSummary } from '../../contracts/population';
import type { Queryable } from '../db/database';
import type { AggregateRow } from './population-tables';

export type RegisteredUnit = 'persons' | 'cases';

export type { RegisteredTableSummary };

export interface RegisteredTableRow extends RegisteredTableSummary {
  rows: AggregateRow[];
}

const summaryColumns = `id, campaign_id as "campaignId", name, period, unit, file_name as "fileName", columns,
  jsonb_array_length(rows)::int as "rowCount", created_at as "createdAt"`;

export async function insertRegisteredTable(
  db: Queryable,
  table: { campaignId: string; kommunkod: string; name: string; period: string; unit: RegisteredUnit; fileName: string; columns: string[]; rows: AggregateRow[]; createdBy: string },
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into registered_tables (campaign_id, kommunkod, name, period, unit, file_name, columns, rows, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [table.campaignId, table.kommunkod, table.name, table.period, table.unit, table.fileName, JSON.stringify(table.columns), JSON.stringify(table.rows), table.createdBy],
  );
  return rows[0].id;
}

/** A campaign's registered tables, newest first, without their rows. */
export async function listRegisteredTables(db: Queryable, campaignId: string): Promise<RegisteredTableSummary[]> {
  return db.query<RegisteredTableSummary>(`select ${summaryColumns} from registered_tables where campaign_id = $1 order by created_at desc, id`, [campaignId]);
}

export async function findRegisteredTable(db: Queryable, campaignId: string, id: string): Promise<RegisteredTableRow | undefined> {
  const rows = await db.query<RegisteredTableRow>(`select ${summaryColumns}, rows from registered_tables where campaign_id = $1 and id = $2::uuid`, [campaignId, id]);
  return rows[0];
}
