import type { PopulationTableSummary } from '../../contracts/population';
import type { Queryable } from '../db/database';

/** One row of an aggregate table: variable values as text and the count. */
export type AggregateRow = Record<string, string | number>;

export type { PopulationTableSummary };

export interface PopulationTableRow extends PopulationTableSummary {
  rows: AggregateRow[];
}

const summaryColumns = `id, kommunkod, name, source, reference, file_name as "fileName", columns,
  jsonb_array_length(rows)::int as "rowCount", total, created_at as "createdAt", active`;

export async function insertPopulationTable(
  db: Queryable,
  table: { kommunkod: string; name: string; source: string; reference: string; fileName: string; columns: string[]; rows: AggregateRow[]; total: number; createdBy: string },
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into population_tables (kommunkod, name, source, reference, file_name, columns, rows, total, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [table.kommunkod, table.name, table.source, table.reference, table.fileName, JSON.stringify(table.columns), JSON.stringify(table.rows), table.total, table.createdBy],
  );
  return rows[0].id;
}

/** A kommun's uploaded tables, newest first, without their rows. */
export async function listPopulationTables(db: Queryable, kommunkod: string): Promise<PopulationTableSummary[]> {
  return db.query<PopulationTableSummary>(`select ${summaryColumns} from population_tables where kommunkod = $1 order by created_at desc, id`, [kommunkod]);
}

/** Tables of one kommun by id, with rows; ids of other kommuner are simply not found. */
export async function findPopulationTables(db: Queryable, kommunkod: string, ids: readonly string[]): Promise<PopulationTableRow[]> {
  if (ids.length === 0) return [];
  return db.query<PopulationTableRow>(
    `select ${summaryColumns}, rows from population_tables where kommunkod = $1 and id = any($2::uuid[]) order by created_at, id`,
    [kommunkod, ids],
  );
}

/** Switches a table on or off; false if the kommun has no such table. */
export async function setPopulationTableActive(db: Queryable, kommunkod: string, id: string, active: boolean): Promise<boolean> {
  const rows = await db.query('update population_tables set active = $3 where kommunkod = $1 and id = $2 returning id', [kommunkod, id, active]);
  return rows.length === 1;
}

/** Deletes a table; false if the kommun has no such table. */
export async function deletePopulationTable(db: Queryable, kommunkod: string, id: string): Promise<boolean> {
  const rows = await db.query('delete from population_tables where kommunkod = $1 and id = $2 returning id', [kommunkod, id]);
  return rows.length === 1;
}
