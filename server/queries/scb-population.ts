import type { Queryable } from '../db/database';

/** An imported year of SCB's population table. */
export interface ScbPopulationImport {
  year: number;
  fileName: string;
  kommuner: number;
  total: number;
  importedAt: string;
}

/** Replaces one year's counts (all kommuner) and records the import. Run inside a transaction. */
export async function replaceScbPopulationYear(
  db: Queryable,
  year: number,
  rows: { kommunkod: string[]; kon: string[]; alder: number[]; antal: number[] },
  meta: { fileName: string; kommuner: number; total: number; importedBy: string },
): Promise<void> {
  await db.query('delete from scb_population where year = $1', [year]);
  await db.query(
    `insert into scb_population (year, kommunkod, kon, alder, antal)
     select $1, * from unnest($2::text[], $3::text[], $4::int[], $5::int[])`,
    [year, rows.kommunkod, rows.kon, rows.alder, rows.antal],
  );
  await db.query(
    `insert into scb_population_imports (year, file_name, kommuner, total, imported_by) values ($1, $2, $3, $4, $5)
     on conflict (year) do update set file_name = excluded.file_name, kommuner = excluded.kommuner, total = excluded.total,
       imported_by = excluded.imported_by, imported_at = now()`,
    [year, meta.fileName, meta.kommuner, meta.total, meta.importedBy],
  );
}

export async function listScbPopulationImports(db: Queryable): Promise<ScbPopulationImport[]> {
  return db.query<ScbPopulationImport>(
    `select year, file_name as "fileName", kommuner, total::float8 as total, imported_at::text as "importedAt"
       from scb_population_imports order by year desc`,
  );
}

/** One kommun's counts of one imported year. */
export async function findScbPopulationCounts(db: Queryable, year: number, kommunkod: string): Promise<{ kon: string; alder: number; antal: number }[]> {
  return db.query('select kon, alder, antal from scb_population where year = $1 and kommunkod = $2', [year, kommunkod]);
}
