import { directlyStandardisedRate } from '../../analysis/direct-standardisation';
import type { CountyRegisteredRate } from '../../contracts/county';
import type { Queryable } from '../db/database';
import { findRegisteredTable, listRegisteredTables } from '../queries/population-registered-tables';
import type { PopulationCell } from './county-population';

const empty = (value: unknown) => value === undefined || value === null || String(value).trim() === '';

/**
 * The newest registered table of the campaign counted in persons with kön
 * and åldersgrupp columns; its rows for the indicator summed over any other
 * column (område) into the comparison's kön × åldersgrupp cells. Every cell
 * must be present to standardise. Fewer than `minCell` registered persons in
 * total suppresses the rates. Null when the campaign has no such table. An
 * indicator without a register category (nothing in the case system to
 * compare with) says so instead of reporting missing cells.
 */
export async function countyRegisteredRate(
  db: Queryable,
  campaignId: string,
  indicator: { id: string; registerCategory: string | null },
  population: readonly PopulationCell[],
  standardPopulation: readonly number[],
  minCell: number,
): Promise<CountyRegisteredRate | null> {
  const summary = (await listRegisteredTables(db, campaignId)).find(
    (t) => t.unit === 'persons' && t.columns.includes('kon') && t.columns.includes('aldersgrupp'),
  );
  if (!summary) return null;
  const table = await findRegisteredTable(db, campaignId, summary.id);
  if (!table) return null;
  const counts = population.map(() => 0);
  const seen = population.map(() => false);
  for (const row of table.rows) {
    if (row.indikator !== indicator.id || empty(row.kon) || empty(row.aldersgrupp)) continue;
    const k = population.findIndex((cell) => cell.kon === row.kon && cell.aldersgrupp === row.aldersgrupp);
    if (k < 0) continue;
    counts[k] += Number(row.antal);
    seen[k] = true;
  }
  const base = { table: { name: table.name, period: table.period }, crudeRate: null, standardised: null };
  if (indicator.registerCategory === null) {
    return { ...base, suppressed: false, reason: 'Indikatorn har ingen motsvarighet i registret (ingen aktualiseringsorsak att jämföra med), så inga registrerade visas.' };
  }
  if (!seen.some(Boolean)) return { ...base, suppressed: false, reason: `Registertabellen "${table.name}" har inga registrerade för indikatorn.` };
  if (!seen.every(Boolean)) {
    return { ...base, suppressed: false, reason: 'Registrerade personer saknas för indikatorn i minst en cell kön × åldersgrupp.' };
  }
  const total = counts.reduce((a, b) => a + b, 0);
  if (total < minCell) return { ...base, suppressed: true, reason: `Färre än ${minCell} registrerade personer – värdet visas inte.` };
  const rate = directlyStandardisedRate(counts, population.map((cell) => cell.antal), standardPopulation, { multiplier: 1000 });
  return { ...base, suppressed: false, reason: null, crudeRate: rate.crudeRate, standardised: { estimate: rate.estimate, ci: rate.ci } };
}
