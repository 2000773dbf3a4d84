import type { RecordTable } from '../../analysis/index';
import type { AgeGroup } from '../../domain/age-groups';
import type { Database } from '../db/database';
import { badRequest } from '../http/http-error';
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

async function choosePopulationTables(db: Database, kommunkod: string, ids: readonly string[] | undefined, classes: boolean): Promise<PopulationTableRow[]> {
  if (ids === undefined) {
    // Class links: the newest table of pupils by skola and årskurs; otherwise the newest with område.
    const wanted = classes ? ['skola', 'arskurs'] : ['omrade'];
    const newest = (await listPopulationTables(db, kommunkod)).find((t) => wanted.every((c) => t.columns.includes(c)));
    return newest ? findPopulationTables(db, kommunkod, [newest.id]) : [];
  }
  const found = await findPopulationTables(db, kommunkod, ids);
  const missing = ids.filter((id) => !found.some((t) => t.id === id));
  if (missing.length > 0) throw badRequest(`Befolkningstabellen ${missing[0]} finns inte i kommunen.`, { field: 'populationTableIds' });
  return found;
}

/**
 * The population an analysis weights to: SCB's kön × åldersgrupp totals of
 * the chosen year (default: the year whose 31 December is closest to the
 * fieldwork) unless a chosen table has both, plus the kommun's own uploaded
 * tables (default the newest with område). A class-link campaign weights to
 * the pupils of its schools, not the kommun's residents: by default the
 * newest table with skola and arskurs, and no SCB table.
 *
 * @throws HttpError 400 for an unknown table or year, or a kommun SCB's table lacks.
 */
export async function analysisPopulation(
  db: Database,
  campaign: { kommunkod: string; mode?: string },
  request: { populationTableIds?: string[]; useScb?: boolean; populationYear?: number },
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
    tables.push({ columns: ['kon', AGE_GROUP, 'antal'], rows: scb.rows.map((r) => ({ ...r })) });
    sources.push({ kind: 'scb', id: null, name: `Folkmängd ${scb.kommun} efter kön och åldersgrupp, ${year}`, source: scb.source, columns: ['kon', AGE_GROUP], total: scb.total, year });
  }
  for (const table of uploaded) {
    tables.push(uploadedTable(table, areas));
    sources.push({ kind: 'upload', id: table.id, name: table.name, source: table.source || 'Kommunens egen tabell', columns: table.columns.filter((c) => c !== 'antal'), total: table.total, year: null });
  }
  return { tables, sources, uploaded, useScb, year, years };
}
