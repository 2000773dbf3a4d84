import type { RecordTable } from '../../analysis/index';
import type { PopulationTotalsConflict } from '../../contracts/analysis';
import type { AgeGroup } from '../../domain/age-groups';
import type { Database } from '../db/database';
import { badRequest, HttpError } from '../http/http-error';
import type { CampaignArea } from '../queries/campaign-fieldwork';
import { findPopulationTables, listPopulationTables, type PopulationTableRow } from '../queries/population-tables';
import { closestYear, listScbPopulationYears, scbPopulationForYear } from './scb-population-years';

const AGE_GROUP = 'aldersgrupp';

/** A population table the analysis weighted to, as the page and report name it. */
export interface PopulationSourceInfo {
  kind: 'scb' | 'upload';
  id: string | null;
  name: string;
  source: string;
  columns: string[];
  total: number;
  /** SCB: the year whose 31 December population this is. */
  year: number | null;
}

/** The population tables of an analysis: the engine's input and their description. */
export interface AnalysisPopulation {
  readonly tables: RecordTable[];
  readonly sources: PopulationSourceInfo[];
  readonly uploaded: PopulationTableRow[];
  readonly useScb: boolean;
  /** The SCB year used (null without SCB) and the years there were to choose from. */
  readonly year: number | null;
  readonly years: number[];
}

function areaCodesByName(areas: readonly CampaignArea[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const area of areas) {
    const names = typeof area.name === 'string' ? [area.name] : Object.values(area.name);
    for (const name of names) map.set(name, area.code);
  }
  return map;
}

/** An uploaded table as engine input; område names are translated to the campaign's area codes. */
function uploadedTable(table: PopulationTableRow, areas: readonly CampaignArea[]): RecordTable {
  const codes = new Set(areas.map((a) => a.code));
  const byName = areaCodesByName(areas);
  const rows = table.rows.map((row) => {
    if (typeof row.omrade !== 'string' || codes.has(row.omrade) || !byName.has(row.omrade)) return row;
    return { ...row, omrade: byName.get(row.omrade)! };
  });
  return { columns: table.columns, rows };
}

/** The chosen tables; by default the newest active table with område (class links: with skola and arskurs). A switched-off table is never used. */
async function choosePopulationTables(db: Database, kommunkod: string, ids: readonly string[] | undefined, classes: boolean): Promise<PopulationTableRow[]> {
  if (ids === undefined) {
    const wanted = classes ? ['skola', 'arskurs'] : ['omrade'];
    const newest = (await listPopulationTables(db, kommunkod)).find((t) => t.active && wanted.every((c) => t.columns.includes(c)));
    return newest ? findPopulationTables(db, kommunkod, [newest.id]) : [];
  }
  const found = await findPopulationTables(db, kommunkod, ids);
  const missing = ids.filter((id) => !found.some((t) => t.id === id));
  if (missing.length > 0) throw badRequest(`Befolkningstabellen ${missing[0]} finns inte i kommunen.`, { field: 'populationTableIds' });
  const off = found.find((t) => !t.active);
  if (off) throw badRequest(`Befolkningstabellen "${off.name}" är avstängd. Slå på den igen eller välj en annan tabell.`, { field: 'populationTableIds' });
  return found;
}

const numberFormat = new Intl.NumberFormat('sv-SE');
const shareFormat = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 1 });

/**
 * 400 when SCB's kön × åldersgrupp total and an uploaded table's total
 * differ by more than 0.1 % (the engine's tolerance): the margins cannot be
 * met together. The message says which totals disagree, by how much, and the
 * choices; `details` carries the figures for the page's buttons.
 */
async function checkTotalsAgainstScb(
  db: Database,
  kommunkod: string,
  ageGroups: readonly AgeGroup[],
  scb: { total: number; year: number },
  table: PopulationTableRow,
  years: readonly number[],
): Promise<void> {
  const difference = table.total - scb.total;
  if (Math.abs(difference) <= 0.001 * Math.max(table.total, scb.total)) return;
  const otherYears: { year: number; total: number }[] = [];
  for (const year of [...years].filter((y) => y !== scb.year).sort((a, b) => Math.abs(a - scb.year) - Math.abs(b - scb.year))) {
    const other = await scbPopulationForYear(db, kommunkod, ageGroups, year);
    if (other) otherYears.push({ year, total: other.total });
  }
  const ages = ageGroups.length > 0 ? ` i åldrarna ${ageGroups[0].from}–${Number.isFinite(ageGroups[ageGroups.length - 1].to) ? ageGroups[ageGroups.length - 1].to : 'och äldre'} år` : '';
  const more = difference > 0 ? 'fler' : 'färre';
  const yearChoice =
    otherYears.length > 0
      ? ` välj ett annat år av SCB:s folkmängd (${otherYears.map((y) => `${y.year}: ${numberFormat.format(y.total)}`).join(', ')}),`
      : ' läs in ett annat år av SCB:s folkmängd (en administratör gör det under ”Läs in ett nyare år från SCB” på analyssidan),';
  const details: PopulationTotalsConflict = {
    kind: 'population_totals_disagree',
    tableId: table.id,
    tableName: table.name,
    tableTotal: table.total,
    scbYear: scb.year,
    scbTotal: scb.total,
    difference,
    otherYears,
  };
  throw new HttpError(
    400,
    'population_totals_disagree',
    `Befolkningstalen stämmer inte överens: tabellen "${table.name}" har ${numberFormat.format(table.total)} invånare, men SCB:s folkmängd ${scb.year}${ages} är ${numberFormat.format(scb.total)}, alltså ${numberFormat.format(Math.abs(difference))} ${more} (${shareFormat.format(Math.abs(difference) / scb.total)}). Vikterna kan inte stämma med båda. Du kan använda tabellens total (SCB:s fördelning på kön och ålder räknas då upp till ${numberFormat.format(table.total)}),${yearChoice} eller stänga av tabellen och väga utan område.`,
    details,
  );
}

/**
 * The population an analysis weights to: SCB's kön × åldersgrupp totals of
 * the chosen year (default: the year whose 31 December is closest to the
 * fieldwork) unless a chosen table has both, plus the kommun's own uploaded
 * tables (default the newest active one with område). SCB's counts are scaled
 * to a chosen table's total when `scaleScbToTable` says so. A class-link
 * campaign weights to the pupils of its schools, not the kommun's residents:
 * by default the newest table with skola and arskurs, and no SCB table.
 *
 * @throws HttpError 400 for an unknown or switched-off table, an unknown year, a kommun SCB's table lacks,
 *   or (`population_totals_disagree`) an uploaded table whose total disagrees with SCB's.
 */
export async function analysisPopulation(
  db: Database,
  campaign: { kommunkod: string; mode?: string },
  request: { populationTableIds?: string[]; useScb?: boolean; populationYear?: number; scaleScbToTable?: string },
  ageGroups: readonly AgeGroup[],
  areas: readonly CampaignArea[],
  fieldwork: Date,
): Promise<AnalysisPopulation> {
  const classes = campaign.mode === 'classes';
  const uploaded = await choosePopulationTables(db, campaign.kommunkod, request.populationTableIds, classes);
  const useScb = request.useScb ?? (!classes && !uploaded.some((t) => t.columns.includes('kon') && t.columns.includes(AGE_GROUP)));
  const years = (await listScbPopulationYears(db)).map((y) => y.year);
  const tables: RecordTable[] = [];
  const sources: PopulationSourceInfo[] = [];
  let year: number | null = null;
  if (useScb) {
    year = request.populationYear ?? closestYear(years, fieldwork);
    if (!years.includes(year)) throw badRequest(`SCB:s befolkningstal för ${year} finns inte (inlästa år: ${years.join(', ')}).`, { field: 'populationYear' });
    const scb = await scbPopulationForYear(db, campaign.kommunkod, ageGroups, year);
    if (!scb) throw badRequest(`SCB:s tabell för ${year} saknar kommun ${campaign.kommunkod}; ladda upp en egen tabell med kon, aldersgrupp och antal.`);
    const scaleTo = request.scaleScbToTable === undefined ? undefined : uploaded.find((t) => t.id === request.scaleScbToTable);
    if (request.scaleScbToTable !== undefined && !scaleTo) {
      throw badRequest('Tabellen som SCB:s folkmängd ska räknas upp till ingår inte i analysen.', { field: 'scaleScbToTable' });
    }
    if (!scaleTo) {
      for (const table of uploaded) if (!(table.columns.includes('kon') && table.columns.includes(AGE_GROUP))) await checkTotalsAgainstScb(db, campaign.kommunkod, ageGroups, { total: scb.total, year }, table, years);
    }
    const factor = scaleTo ? scaleTo.total / scb.total : 1;
    tables.push({ columns: ['kon', AGE_GROUP, 'antal'], rows: scb.rows.map((r) => ({ ...r, antal: r.antal * factor })) });
    sources.push({
      kind: 'scb',
      id: null,
      name: `Folkmängd ${scb.kommun} efter kön och åldersgrupp, ${year}`,
      source: scaleTo
        ? `${scb.source.replace(/\.?$/, '.')} Fördelningen på kön och ålder är SCB:s, uppräknad från ${numberFormat.format(scb.total)} till tabellen "${scaleTo.name}" (${numberFormat.format(scaleTo.total)} invånare).`
        : scb.source,
      columns: ['kon', AGE_GROUP],
      total: scb.total * factor,
      year,
    });
  }
  for (const table of uploaded) {
    tables.push(uploadedTable(table, areas));
    sources.push({ kind: 'upload', id: table.id, name: table.name, source: table.source || 'Kommunens egen tabell', columns: table.columns.filter((c) => c !== 'antal'), total: table.total, year: null });
  }
  return { tables, sources, uploaded, useScb, year, years };
}
