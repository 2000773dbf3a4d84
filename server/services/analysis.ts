import { findKommunSettings } from '../queries/kommun-settings';
import {
  AnalysisInputError,
  analyzeSurvey,
  InvalidInputError,
  type AnalysisOptions,
  type RecordTable,
  type RespondentRecord,
  type SurveyAnalysisResult,
} from '../../analysis/index';
import type { Database } from '../db/database';
import { isAdmin, type AuthContext } from '../auth/auth-context';
import { badRequest, forbidden } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { findCampaignDetail, type CampaignArea } from '../queries/campaign-fieldwork';
import type { CampaignRow } from '../queries/campaigns';
import { findRegisteredTable, listRegisteredTables, type RegisteredTableSummary } from '../queries/population-registered-tables';
import { countResponses } from '../queries/responses';
import { findPopulationTables, listPopulationTables, type PopulationTableRow, type PopulationTableSummary } from '../queries/population-tables';
import type { TemplateDefinition } from '../../domain/templates/template-schema';
import { darkFigureCaveats, type IndicatorCaveats } from './analysis-caveats';
import { campaignRecords } from './analysis-records';
import type { AnalysisRequest } from '../../contracts/analysis';
import { findCampaignForAnalyst } from './campaigns';
import { tryParseAgeGroups } from '../../domain/age-groups';
import { scbPopulationByAgeGroup } from './population-scb';

export const DEFAULT_MIN_CELL = 5;
/** The lowest suppression threshold an analyst who is not admin may choose. */
export const ANALYST_MIN_CELL_FLOOR = 3;
const AGE_GROUP = 'aldersgrupp';

export interface PopulationSourceInfo {
  kind: 'scb' | 'upload';
  id: string | null;
  name: string;
  source: string;
  columns: string[];
  total: number;
}

export interface ExcludedRespondents {
  variable: string;
  value: string;
  count: number;
}

export interface CampaignAnalysis extends SurveyAnalysisResult {
  meta: {
    campaign: { id: string; title: string; kommunkod: string; isDemo: boolean };
    responses: number;
    analysed: number;
    excluded: ExcludedRespondents[];
    parameters: Required<Pick<AnalysisOptions, 'indicators' | 'method' | 'ci' | 'level' | 'minCell' | 'fpc'>> & {
      margins: string[][];
      by: string[][];
      ageGroups: string[];
      collapse: Record<string, Record<string, string>>;
    };
    population: PopulationSourceInfo[];
    registered: RegisteredTableSummary | null;
    indicators: { id: string; label: TemplateDefinition['meta']['indicators'][number]['label']; period: string; registerCategory: string | null }[];
    areas: CampaignArea[];
    caveats: IndicatorCaveats[];
    timing: { loadMs: number; readMs: number; cached: boolean; analysisMs: number };
  };
}

/** Variables of the analysis records that can be margins or domains: the weighting variables, with aldersgrupp for alder. */
export function domainVariables(template: TemplateDefinition): string[] {
  const names = template.meta.weighting.variables.map((v) => v.name);
  const result = names.filter((n) => n !== 'alder');
  if (names.includes('alder') && (template.meta.weighting.ageGroups ?? []).length > 0 && !result.includes(AGE_GROUP)) result.splice(1, 0, AGE_GROUP);
  return result;
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

async function choosePopulationTables(db: Database, kommunkod: string, ids: readonly string[] | undefined): Promise<PopulationTableRow[]> {
  if (ids === undefined) {
    const newest = (await listPopulationTables(db, kommunkod)).find((t) => t.columns.includes('omrade'));
    return newest ? findPopulationTables(db, kommunkod, [newest.id]) : [];
  }
  const found = await findPopulationTables(db, kommunkod, ids);
  const missing = ids.filter((id) => !found.some((t) => t.id === id));
  if (missing.length > 0) throw badRequest(`Befolkningstabellen ${missing[0]} finns inte i kommunen.`, { field: 'populationTableIds' });
  return found;
}

function collapseMap(collapse: AnalysisRequest['collapse']): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const [variable, groups] of Object.entries(collapse ?? {})) {
    const map: Record<string, string> = {};
    for (const group of groups) for (const level of group) map[level] = group.join('+');
    result[variable] = map;
  }
  return result;
}

/** 400 with the engine's Swedish text, prefixed with where the problem is. */
function engineError(error: AnalysisInputError, populationNames: readonly string[]): never {
  const column = error.location.column ? `, kolumn "${error.location.column}"` : '';
  const where =
    error.source === 'population'
      ? `Befolkningstabellen "${populationNames[error.location.table ?? 0] ?? 'okänd'}"${column}`
      : error.source === 'registered'
        ? `Registertabellen${column}`
        : error.source === 'respondents'
          ? `Svaren${column}`
          : 'Inställningarna';
  throw badRequest(`${where}: ${error.swedish}`, { source: error.source, column: error.location.column ?? null });
}

/** The kommun's default suppression threshold (its settings), else DEFAULT_MIN_CELL. */
async function kommunMinCell(db: Database, kommunkod: string): Promise<number> {
  return (await findKommunSettings(db, kommunkod))?.minCell ?? DEFAULT_MIN_CELL;
}

/**
 * Runs the survey analysis on a campaign's responses: weights them to the
 * kommun's population (SCB kön × åldersgrupp and, when uploaded, the
 * kommun's own område table), estimates the chosen indicators overall and by
 * domain with calibrated CIs, suppresses small cells, computes the mörkertal
 * against a registered table, and states where survey and register do not
 * align. Respondents whose kön, åldersgrupp or område is not a level of the
 * population tables (e.g. kön "annat", age or område not given) cannot be
 * weighted and are left out; they are counted in `meta.excluded`.
 * Audit-logged with the parameters (no data).
 *
 * @throws 400 for bad parameters or input the engine rejects (Swedish text), 403 for minCell below the floor, 404 outside the user's kommuner.
 */
export async function runCampaignAnalysis(db: Database, auth: AuthContext, campaignId: string, input: AnalysisRequest): Promise<CampaignAnalysis> {
  const campaign = await findCampaignForAnalyst(db, auth, campaignId);
  const template = campaign.definition;
  if (campaign.kind !== 'population') throw badRequest('Analysen gäller befolkningsenkäter. En kartläggningsmånad analyseras under Kartläggningsmånad.');

  const minCell = input.minCell ?? (await kommunMinCell(db, campaign.kommunkod));
  if (minCell < ANALYST_MIN_CELL_FLOOR && !isAdmin(auth)) {
    throw forbidden(`Gränsen för små celler får inte vara lägre än ${ANALYST_MIN_CELL_FLOOR} (bara en administratör kan sänka den).`);
  }
  const known = template.meta.indicators.map((i) => i.id);
  const indicators = input.indicators ?? known;
  const unknown = indicators.find((id) => !known.includes(id));
  if (unknown) throw badRequest(`Indikatorn "${unknown}" finns inte i enkäten (finns: ${known.join(', ')}).`, { field: 'indicators' });
  const groupsSpec = (template.meta.weighting.ageGroups ?? []).join(',');
  const ageGroups = tryParseAgeGroups(groupsSpec);
  if (!ageGroups) throw badRequest('Enkätens mall saknar giltiga åldersgrupper (meta.weighting.ageGroups), så befolkningstalen kan inte delas in.');
  const variables = domainVariables(template);

  const detail = await findCampaignDetail(db, campaign.id);
  const areas = detail?.areas ?? [];
  const uploaded = await choosePopulationTables(db, campaign.kommunkod, input.populationTableIds);
  const useScb = input.useScb ?? !uploaded.some((t) => t.columns.includes('kon') && t.columns.includes(AGE_GROUP));
  const population: RecordTable[] = [];
  const sources: PopulationSourceInfo[] = [];
  if (useScb) {
    const scb = scbPopulationByAgeGroup(campaign.kommunkod, ageGroups);
    if (!scb) throw badRequest(`SCB:s tabell saknar kommun ${campaign.kommunkod}; ladda upp en egen tabell med kon, aldersgrupp och antal.`);
    population.push({ columns: ['kon', AGE_GROUP, 'antal'], rows: scb.rows as unknown as RespondentRecord[] });
    sources.push({ kind: 'scb', id: null, name: `Folkmängd ${scb.kommun} efter kön och åldersgrupp`, source: scb.source, columns: ['kon', AGE_GROUP], total: scb.total });
  }
  for (const table of uploaded) {
    population.push(uploadedTable(table, areas));
    sources.push({ kind: 'upload', id: table.id, name: table.name, source: table.source || 'Kommunens egen tabell', columns: table.columns.filter((c) => c !== 'antal'), total: table.total });
  }
  const covered = new Set(sources.flatMap((s) => s.columns));

  const margins =
    input.margins ??
    [
      ...(covered.has('kon') && covered.has(AGE_GROUP) ? [['kon', AGE_GROUP]] : []),
      ...(covered.has('omrade') && variables.includes('omrade') ? [['omrade']] : []),
    ];
  for (const margin of margins) {
    for (const variable of margin) {
      if (!variables.includes(variable)) throw badRequest(`Vägningsvariabeln "${variable}" finns inte i enkäten (möjliga: ${variables.join(', ')}).`, { field: 'margins' });
      if (!covered.has(variable)) throw badRequest(`Ingen vald befolkningstabell har kolumnen "${variable}". Ladda upp eller välj en tabell med den.`, { field: 'margins' });
    }
  }
  const by = input.by ?? variables.map((v) => [v]);
  for (const domain of by) {
    for (const variable of domain) {
      if (!variables.includes(variable)) throw badRequest(`Redovisningsgruppen "${variable}" finns inte i enkäten (möjliga: ${variables.join(', ')}).`, { field: 'by' });
    }
  }
  let registered: { summary: RegisteredTableSummary; table: RecordTable } | undefined;
  if (input.registeredTableId) {
    const found = await findRegisteredTable(db, campaign.id, input.registeredTableId);
    if (!found) throw badRequest('Registertabellen finns inte för den här undersökningen.', { field: 'registeredTableId' });
    const { rows, ...summary } = found;
    registered = { summary, table: { columns: found.columns, rows } };
  }

  const loaded = await campaignRecords(db, campaign);
  if (loaded.responseCount === 0) throw badRequest('Undersökningen har inga svar ännu.');
  const { respondents, excluded } = weightableRespondents(loaded.records, margins, population);
  if (respondents.length === 0) {
    throw badRequest(
      `Inget av de ${loaded.responseCount} svaren kan vägas: värdena i svaren finns inte i befolkningstabellerna (${excluded
        .slice(0, 5)
        .map((e) => `${e.variable}="${e.value}"`)
        .join(', ')}). Kontrollera att tabellen använder samma koder som enkäten.`,
    );
  }
  const collapse = collapseMap(input.collapse);
  const options: AnalysisOptions = {
    indicators,
    margins,
    method: input.method ?? 'rake',
    by,
    ci: input.ci ?? 'logit',
    level: input.level ?? 0.95,
    fpc: input.fpc ?? false,
    minCell,
    collapse,
  };
  const started = performance.now();
  let result: SurveyAnalysisResult;
  try {
    result = analyzeSurvey({ respondents, population, registered: registered?.table, options });
  } catch (error) {
    if (error instanceof AnalysisInputError) engineError(error, sources.map((s) => s.name));
    if (error instanceof InvalidInputError) throw badRequest(`Analysinställningarna är ogiltiga (${error.message}).`);
    throw error;
  }
  const analysisMs = performance.now() - started;

  await writeAuditLog(db, {
    userId: auth.userId,
    kommunkod: campaign.kommunkod,
    action: 'campaign.analysis',
    details: {
      campaignId: campaign.id,
      indicators,
      margins,
      method: options.method,
      by,
      ci: options.ci,
      level: options.level,
      fpc: options.fpc,
      minCell,
      collapse,
      useScb,
      populationTableIds: uploaded.map((t) => t.id),
      registeredTableId: registered?.summary.id ?? null,
    },
  });

  return {
    ...result,
    meta: {
      campaign: { id: campaign.id, title: campaign.title, kommunkod: campaign.kommunkod, isDemo: campaign.is_demo },
      responses: loaded.responseCount,
      analysed: respondents.length,
      excluded,
      parameters: {
        indicators,
        margins,
        method: options.method!,
        by,
        ci: options.ci!,
        level: options.level!,
        fpc: options.fpc!,
        minCell,
        ageGroups: ageGroups.map((g) => g.label),
        collapse,
      },
      population: sources,
      registered: registered?.summary ?? null,
      indicators: template.meta.indicators
        .filter((i) => indicators.includes(i.id))
        .map((i) => ({ id: i.id, label: i.label, period: i.period, registerCategory: i.registerCategory })),
      areas,
      caveats: registered ? darkFigureCaveats(template, indicators, registered.summary, detail ?? { periodStart: null, periodEnd: null }) : [],
      timing: { loadMs: Math.round(loaded.loadMs), readMs: Math.round(loaded.readMs), cached: loaded.cached, analysisMs: Math.round(analysisMs) },
    },
  };
}

/**
 * The respondents that can be weighted: each calibration variable's value is
 * a level of some population table. The others are counted by variable and
 * value (first failing variable only). Complexity: O(n · margin variables).
 */
export function weightableRespondents(
  records: readonly RespondentRecord[],
  margins: readonly (readonly string[])[],
  population: readonly RecordTable[],
): { respondents: RespondentRecord[]; excluded: ExcludedRespondents[] } {
  const variables = [...new Set(margins.flat())];
  if (variables.length === 0) return { respondents: [...records], excluded: [] };
  const levels = new Map<string, Set<string>>();
  for (const variable of variables) {
    const set = new Set<string>();
    for (const table of population) {
      const columns = table.columns ?? Object.keys(table.rows[0] ?? {});
      if (!columns.includes(variable)) continue;
      for (const row of table.rows) set.add(String(row[variable] ?? '').trim());
    }
    levels.set(variable, set);
  }
  const counts = new Map<string, ExcludedRespondents>();
  const respondents: RespondentRecord[] = [];
  for (const record of records) {
    let failed: string | undefined;
    for (const variable of variables) {
      const value = String(record[variable] ?? '').trim();
      if (!levels.get(variable)!.has(value)) {
        failed = variable;
        const key = `${variable}\u0000${value}`;
        const entry = counts.get(key) ?? { variable, value, count: 0 };
        entry.count++;
        counts.set(key, entry);
        break;
      }
    }
    if (!failed) respondents.push(record);
  }
  return { respondents, excluded: [...counts.values()].sort((a, b) => b.count - a.count) };
}

/** What the analysis page needs to offer choices: indicators, variables, tables, response count. Also warms the record cache. */
export async function analysisSetup(db: Database, auth: AuthContext, campaignId: string) {
  const campaign: CampaignRow = await findCampaignForAnalyst(db, auth, campaignId);
  const template = campaign.definition;
  const detail = await findCampaignDetail(db, campaign.id);
  const populationTables: PopulationTableSummary[] = await listPopulationTables(db, campaign.kommunkod);
  const registeredTables = await listRegisteredTables(db, campaign.id);
  // Start mapping the responses now, so that the first run after opening the
  // page finds them cached. Not awaited; a failure shows up on the run itself.
  if (campaign.kind === 'population') campaignRecords(db, campaign).catch(() => undefined);
  return {
    campaign: { id: campaign.id, title: campaign.title, kommunkod: campaign.kommunkod, kind: campaign.kind, status: campaign.status, isDemo: campaign.is_demo },
    responses: await countResponses(db, campaign.id),
    indicators: template.meta.indicators.map((i) => ({ id: i.id, label: i.label, period: i.period, registerCategory: i.registerCategory })),
    variables: domainVariables(template),
    ageGroups: template.meta.weighting.ageGroups ?? [],
    areas: detail?.areas ?? [],
    populationTables,
    registeredTables,
    minCellFloor: isAdmin(auth) ? 1 : ANALYST_MIN_CELL_FLOOR,
    defaultMinCell: await kommunMinCell(db, campaign.kommunkod),
  };
}
