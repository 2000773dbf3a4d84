import type { ScbPopulationYear } from '../../contracts/population';
import type { AgeGroup } from '../../domain/age-groups';
import type { AuthContext } from '../auth/auth-context';
import type { Database, Queryable } from '../db/database';
import { badRequest } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { listRealKommunCodes } from '../queries/kommuner';
import { findScbPopulationCounts, listScbPopulationImports, replaceScbPopulationYear } from '../queries/scb-population';
import { DEMO_KOMMUN } from '../seed';
import {
  BUILT_IN_YEAR,
  DEMO_STAND_IN,
  MAX_AGE,
  SEXES,
  builtInKommunName,
  populationTableByAgeGroup,
  scbPopulationByAgeGroup,
  scbSource,
  type KommunPopulationTable,
} from './population-scb';
import { parseScbPopulationFile, type ScbPopulationCount } from './scb-population-file';

export type { ScbPopulationYear } from '../../contracts/population';

const BUILT_IN: ScbPopulationYear = { year: BUILT_IN_YEAR, builtIn: true, source: scbSource(BUILT_IN_YEAR), kommuner: 290, total: 10_327_589, fileName: null, importedAt: null };

/** The years available: every imported year, and 2019 unless it was imported again. Newest first. */
export async function listScbPopulationYears(db: Queryable): Promise<ScbPopulationYear[]> {
  const imported = (await listScbPopulationImports(db)).map((i) => ({ year: i.year, builtIn: false, source: scbSource(i.year), kommuner: i.kommuner, total: i.total, fileName: i.fileName, importedAt: i.importedAt }));
  const years = imported.some((i) => i.year === BUILT_IN_YEAR) ? imported : [...imported, BUILT_IN];
  return years.sort((a, b) => b.year - a.year);
}

/**
 * The year whose 31 December lies closest to the fieldwork date (the
 * campaign's period start, else its creation); on a tie the earlier year.
 *
 * @example
 * closestYear([2019, 2023, 2024], new Date('2024-09-01')) // → 2024  (31 Dec 2024 is 4 months away, 31 Dec 2023 8)
 */
export function closestYear(years: readonly number[], fieldwork: Date): number {
  const at = fieldwork.getTime();
  let best = years[0];
  let distance = Infinity;
  for (const year of [...years].sort((a, b) => a - b)) {
    const d = Math.abs(Date.UTC(year, 11, 31) - at);
    if (d < distance) {
      best = year;
      distance = d;
    }
  }
  return best;
}

/**
 * A kommun's residents by kön × åldersgrupp in a year (the demo kommun gets
 * its labelled stand-in, Örebro scaled to a tenth). Undefined when the year
 * or the kommun is not there.
 */
export async function scbPopulationForYear(db: Queryable, kommunkod: string, groups: readonly AgeGroup[], year: number): Promise<KommunPopulationTable | undefined> {
  const imported = (await listScbPopulationImports(db)).some((i) => i.year === year);
  if (!imported) return year === BUILT_IN_YEAR ? scbPopulationByAgeGroup(kommunkod, groups) : undefined;
  const source = kommunkod === DEMO_KOMMUN.kod ? DEMO_STAND_IN.kommunkod : kommunkod;
  const rows = await findScbPopulationCounts(db, year, source);
  if (rows.length === 0) return undefined;
  const counts = new Int32Array(SEXES.length * (MAX_AGE + 1));
  for (const row of rows) counts[SEXES.indexOf(row.kon as (typeof SEXES)[number]) * (MAX_AGE + 1) + row.alder] = row.antal;
  return populationTableByAgeGroup(kommunkod, { namn: builtInKommunName(source) ?? source, counts }, groups, year);
}

/**
 * Imports SCB's BE0101 table for one or more years from the file
 * Statistikdatabasen gives (PX or CSV, see parseScbPopulationFile). Each
 * year must hold every kommun, both sexes and every age 0–100 exactly once,
 * with whole non-negative counts; a year imported before is replaced.
 * Admin only (the route checks); audit-logged.
 *
 * @throws HttpError 400 naming the file and the first problem.
 */
export async function importScbPopulation(db: Database, auth: AuthContext, bytes: Buffer, fileName: string): Promise<ScbPopulationYear[]> {
  const counts = parseScbPopulationFile(bytes, fileName);
  if (counts.length === 0) throw badRequest(`${fileName}: filen innehåller inga kommuner (bara riket eller län?)`, { file: fileName });
  const kommuner = await listRealKommunCodes(db);
  const byYear = new Map<number, ScbPopulationCount[]>();
  for (const count of counts) {
    const list = byYear.get(count.year);
    if (list) list.push(count);
    else byYear.set(count.year, [count]);
  }
  const checked = [...byYear].map(([year, rows]) => ({ year, ...checkYear(year, rows, kommuner, fileName) }));
  await db.transaction(async (tx) => {
    for (const { year, columns, total } of checked) {
      await replaceScbPopulationYear(tx, year, columns, { fileName, kommuner: kommuner.length, total, importedBy: auth.userId });
    }
  });
  await writeAuditLog(db, { userId: auth.userId, kommunkod: null, action: 'population_year.import', details: { fileName, years: checked.map((c) => c.year) } });
  const years = await listScbPopulationYears(db);
  return years.filter((y) => byYear.has(y.year));
}

/** Every kommun × kön × ålder exactly once; no unknown kommun. */
function checkYear(year: number, rows: readonly ScbPopulationCount[], kommuner: readonly string[], fileName: string) {
  const known = new Set(kommuner);
  const seen = new Map<string, Uint8Array>();
  const columns = { kommunkod: [] as string[], kon: [] as string[], alder: [] as number[], antal: [] as number[] };
  let total = 0;
  for (const row of rows) {
    if (!known.has(row.kommunkod)) throw badRequest(`${fileName}: kommunkoden ${row.kommunkod} (${row.kommun}) finns inte bland landets kommuner (år ${year})`, { file: fileName });
    const filled = seen.get(row.kommunkod) ?? new Uint8Array(SEXES.length * (MAX_AGE + 1));
    seen.set(row.kommunkod, filled);
    const cell = SEXES.indexOf(row.kon) * (MAX_AGE + 1) + row.alder;
    if (filled[cell]) throw badRequest(`${fileName}: ${row.kommunkod} ${row.kon} ${row.alder} år förekommer två gånger för år ${year}`, { file: fileName });
    filled[cell] = 1;
    columns.kommunkod.push(row.kommunkod);
    columns.kon.push(row.kon);
    columns.alder.push(row.alder);
    columns.antal.push(row.antal);
    total += row.antal;
  }
  const missing = kommuner.filter((kod) => !seen.has(kod));
  if (missing.length > 0) {
    throw badRequest(`${fileName}: år ${year} saknar ${missing.length} av landets ${kommuner.length} kommuner (t.ex. ${missing.slice(0, 5).join(', ')}); välj alla kommuner i Statistikdatabasen`, { file: fileName });
  }
  for (const [kod, filled] of seen) {
    const gap = filled.indexOf(0);
    if (gap >= 0) {
      throw badRequest(`${fileName}: år ${year}, kommun ${kod} saknar ${SEXES[Math.floor(gap / (MAX_AGE + 1))]} ${gap % (MAX_AGE + 1)} år; välj alla åldrar 0–100+ och båda könen`, { file: fileName });
    }
  }
  return { columns, total };
}
