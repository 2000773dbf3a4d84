import type { Database, Queryable } from '../db/database';
import { isAnalystIn, type AuthContext } from '../auth/auth-context';
import { badRequest, forbidden, notFound } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { findKommuner } from '../queries/kommuner';
import { deletePopulationTable, insertPopulationTable, listPopulationTables, setPopulationTableActive, type PopulationTableSummary } from '../queries/population-tables';
import { ageGroupRule, areaRule, parseAggregateCsv, sexRule } from './population-csv';
import { tryParseAgeGroups } from '../../domain/age-groups';
import { scbPopulationByAgeGroup, type KommunPopulationTable } from './population-scb';
import { scbPopulationForYear } from './scb-population-years';

/** Default age grouping: the built-in questionnaires' weighting groups. */
export const DEFAULT_AGE_GROUPS = '18-29,30-44,45-64,65-85';

/**
 * GET /api/population/:kommunkod: residents by kön × åldersgrupp from SCB's
 * table of a year (default the built-in 2019; the demo kommun gets its
 * labelled stand-in).
 */
export async function populationByAgeGroups(db: Queryable, kommunkod: string, ageGroups: string | undefined, year: number | undefined): Promise<KommunPopulationTable> {
  if (!/^\d{4}$/.test(kommunkod)) throw notFound(`Kommunkoden "${kommunkod}" finns inte.`);
  const spec = ageGroups ?? DEFAULT_AGE_GROUPS;
  const groups = tryParseAgeGroups(spec);
  if (!groups) {
    throw badRequest(`Fältet "ageGroups": "${spec}" är inte en giltig åldersindelning. Skriv till exempel 18-29,30-44,45-64,65-85 eller 65+ för en öppen grupp, utan överlapp.`, { field: 'ageGroups' });
  }
  const table = year === undefined ? scbPopulationByAgeGroup(kommunkod, groups) : await scbPopulationForYear(db, kommunkod, groups, year);
  if (!table) throw notFound(year === undefined ? `Kommunkoden ${kommunkod} finns inte i SCB:s tabell.` : `SCB:s tabell för ${year} saknar kommun ${kommunkod} (eller året är inte inläst).`);
  return table;
}

/** The kommun of a path, for an analyst there; 403 otherwise (kommun codes are public, so nothing to hide). */
export function requireAnalystKommun(auth: AuthContext, kommunkod: string): string {
  if (!isAnalystIn(auth, kommunkod)) throw forbidden(`Du har ingen analytikerroll i kommun ${kommunkod}.`);
  return kommunkod;
}

/** Variables a kommun's own population table may have; counts in `antal`. */
export const POPULATION_TABLE_SPEC = {
  // skola and arskurs: pupils per school and årskurs, for class-link campaigns (the values as the classes name them).
  variables: { kon: sexRule, aldersgrupp: ageGroupRule, omrade: areaRule, skola: areaRule, arskurs: areaRule },
  needsVariable: true,
} as const;

export interface PopulationUpload {
  csv: string;
  fileName: string;
  name: string;
  source: string;
  reference: string;
}

/**
 * Stores a kommun's own population table (e.g. `omrade,antal` or
 * `kon,aldersgrupp,omrade,antal`) after validating it; audit-logged.
 * @throws 400 naming file, line and column for a bad file; 403 outside the user's kommuner.
 */
export async function uploadPopulationTable(db: Database, auth: AuthContext, kommunkod: string, upload: PopulationUpload): Promise<PopulationTableSummary> {
  requireAnalystKommun(auth, kommunkod);
  const parsed = await parseAggregateCsv(upload.csv, upload.fileName, POPULATION_TABLE_SPEC);
  const id = await insertPopulationTable(db, {
    kommunkod,
    name: upload.name,
    source: upload.source,
    reference: upload.reference,
    fileName: upload.fileName,
    columns: parsed.columns,
    rows: parsed.rows,
    total: parsed.total,
    createdBy: auth.userId,
  });
  await writeAuditLog(db, {
    userId: auth.userId,
    kommunkod,
    action: 'population_table.upload',
    details: { tableId: id, columns: parsed.columns, rows: parsed.rows.length },
  });
  const tables = await listPopulationTables(db, kommunkod);
  return tables.find((t) => t.id === id)!;
}

export async function listPopulationTablesFor(db: Database, auth: AuthContext, kommunkod: string): Promise<PopulationTableSummary[]> {
  requireAnalystKommun(auth, kommunkod);
  if ((await findKommuner(db, [kommunkod])).length === 0) throw notFound(`Kommunkoden ${kommunkod} finns inte.`);
  return listPopulationTables(db, kommunkod);
}

const uuidPattern = /^[0-9a-f-]{36}$/i;

/**
 * Switches a kommun's own population table off (kept, listed, never chosen
 * for an analysis) or on again; audit-logged.
 * @throws 404 for a table the kommun does not have; 403 outside the user's kommuner.
 */
export async function setPopulationTableActiveFor(db: Database, auth: AuthContext, kommunkod: string, id: string, active: boolean): Promise<PopulationTableSummary> {
  requireAnalystKommun(auth, kommunkod);
  if (!uuidPattern.test(id) || !(await setPopulationTableActive(db, kommunkod, id, active))) throw notFound('Befolkningstabellen finns inte.');
  await writeAuditLog(db, { userId: auth.userId, kommunkod, action: active ? 'population_table.activate' : 'population_table.deactivate', details: { tableId: id } });
  return (await listPopulationTables(db, kommunkod)).find((t) => t.id === id)!;
}

/**
 * Deletes a kommun's own population table; audit-logged. Analyses are never
 * stored, so nothing else refers to it.
 * @throws 404 for a table the kommun does not have; 403 outside the user's kommuner.
 */
export async function deletePopulationTableFor(db: Database, auth: AuthContext, kommunkod: string, id: string): Promise<void> {
  requireAnalystKommun(auth, kommunkod);
  if (!uuidPattern.test(id) || !(await deletePopulationTable(db, kommunkod, id))) throw notFound('Befolkningstabellen finns inte.');
  await writeAuditLog(db, { userId: auth.userId, kommunkod, action: 'population_table.delete', details: { tableId: id } });
}
