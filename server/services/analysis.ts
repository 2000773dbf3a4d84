import { findKommunSettings } from '../queries/kommun-settings';
import {
  AnalysisInputError,
  analyzeSurvey,
  InvalidInputError,
  type AnalysisOptions,
  type RecordTable,
  type SurveyAnalysisResult,
  type UnweightedEstimate,
} from '../../analysis/index';
import { complementarySuppression } from '../../analysis/complementary-suppression';
import type { Database } from '../db/database';
import { isAdmin, type AuthContext } from '../auth/auth-context';
import { badRequest, forbidden } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { listStrata } from '../queries/campaign-strata';
import { findCampaignDetail, type CampaignArea } from '../queries/campaign-fieldwork';
import type { CampaignRow } from '../queries/campaigns';
import { findRegisteredTable, listRegisteredTables, type RegisteredTableSummary } from '../queries/population-registered-tables';
import { countResponses } from '../queries/responses';
import { listPopulationTables, type PopulationTableSummary } from '../queries/population-tables';
import type { TemplateDefinition } from '../../domain/templates/template-schema';
import { darkFigureCaveats, type IndicatorCaveats } from './analysis-caveats';
import { campaignDesign, designColumns, STRATUM_COLUMN, variableSources, type CampaignDesign, type VariableSource } from './analysis-design';
import { analysisPopulation, type PopulationSourceInfo } from './analysis-population';
import { campaignRecords, campaignRecordsWithIds } from './analysis-records';
import type { AnalysisRequest } from '../../contracts/analysis';
import { findCampaignForAnalyst } from './campaigns';
import { tryParseAgeGroups } from '../../domain/age-groups';
import { listScbPopulationYears } from './scb-population-years';
import { registeredSeries, type RegisteredSeries } from './registered-series';
import { findResponseDateRange } from '../queries/responses';

export type { PopulationSourceInfo } from './analysis-population';

export const DEFAULT_MIN_CELL = 5;
/** The lowest suppression threshold an analyst who is not admin may choose. */
export const ANALYST_MIN_CELL_FLOOR = 3;
const AGE_GROUP = 'aldersgrupp';

export interface ExcludedRespondents {
  variable: string;
  value: string;
  /** Null when below minCell, or hidden so that such a count is not their total minus the others. */
  count: number | null;
}

/**
 * The respondents left out of the weighting, by value, with counts below
 * minCell suppressed and complementary suppression among them (their total,
 * responses − analysed, is shown).
 */
function excludedCounts(byValue: readonly { variable: string; value: string; count: number }[], minCell: number): ExcludedRespondents[] {
  const cost = [Infinity, ...byValue.map((e) => e.count)];
  const primary = [false, ...byValue.map((e) => e.count > 0 && e.count < minCell)];
  const { status } = complementarySuppression({ cost, primary, relations: [{ total: 0, parts: byValue.map((_, i) => i + 1) }] });
  return byValue.map((e, i) => ({ ...e, count: status[i + 1] === 'shown' ? e.count : null }));
}

export interface CampaignAnalysis extends SurveyAnalysisResult {
  meta: {
    campaign: { id: string; title: string; kommunkod: string; isDemo: boolean };
    responses: number;
    analysed: number;
    excluded: ExcludedRespondents[];
    /** Unweighted estimates among the respondents left out of the weighting, to compare with the weighted ones. */
    excludedEstimates: UnweightedEstimate[];
    /** The sampling design: register strata (personal codes) or the answers (open link). */
    design: { source: VariableSource; stratified: boolean; strata: number; frameSize: number | null; lonelyStrata: number };
    /** Where each weighting and domain variable comes from. */
    variableSources: { variable: string; source: VariableSource }[];
    parameters: Required<Pick<AnalysisOptions, 'indicators' | 'method' | 'ci' | 'level' | 'minCell' | 'fpc' | 'df'>> & {
      margins: string[][];
      by: string[][];
      ageGroups: string[];
      collapse: Record<string, Record<string, string>>;
      bounds: [number, number] | null;
      trim: { lower?: number; upper?: number } | null;
      populationYear: number | null;
    };
    population: PopulationSourceInfo[];
    /** SCB years there were to choose from. */
    populationYears: number[];
    registered: RegisteredTableSummary | null;
    indicators: { id: string; label: TemplateDefinition['meta']['indicators'][number]['label']; period: string; registerCategory: string | null }[];
    areas: CampaignArea[];
    caveats: IndicatorCaveats[];
    /** Registered persons per year when the registered table has an `ar` column (null otherwise). */
    registeredSeries: RegisteredSeries | null;
    /** First and last response date. */
    fieldwork: { first: string; last: string } | null;
    /** recordedNow: responses whose analysis records had to be computed during this run (older data, a correction, a changed definition). */
    timing: { loadMs: number; readMs: number; cached: boolean; analysisMs: number; recordedNow: number };
  };
}

/** Variables of the analysis records that can be margins or domains: the weighting variables, with aldersgrupp for alder. */
export function domainVariables(template: TemplateDefinition): string[] {
  const names = template.meta.weighting.variables.map((v) => v.name);
  const result = names.filter((n) => n !== 'alder');
  if (names.includes('alder') && (template.meta.weighting.ageGroups ?? []).length > 0 && !result.includes(AGE_GROUP)) result.splice(1, 0, AGE_GROUP);
  return result;
}

/** The template's variables and, with a register design, the strata's (område from the register even when not asked). */
function offeredVariables(template: TemplateDefinition, design: CampaignDesign): string[] {
  const variables = domainVariables(template);
  for (const variable of design.registerVariables) if (!variables.includes(variable)) variables.push(variable);
  return variables;
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

/** 400 with the engine's Swedish text, prefixed with where the problem is, and the page's remedy. */
export function engineError(error: AnalysisInputError, populationNames: readonly string[]): never {
  const column = error.location.column ? `, kolumn "${error.location.column}"` : '';
  const table = error.location.table ?? 0;
  const where =
    error.source === 'population'
      ? table >= populationNames.length
        ? `Urvalets strata${column}`
        : `Befolkningstabellen "${populationNames[table] ?? 'okänd'}"${column}`
      : error.source === 'registered'
        ? `Registertabellen${column}`
        : error.source === 'respondents'
          ? `Svaren${column}`
          : 'Inställningarna';
  const advice = error.advice?.kind === 'collapse' ? ' (det går att slå ihop grupper i analysens inställningar)' : '';
  throw badRequest(`${where}: ${error.swedish}${advice}`, { source: error.source, column: error.location.column ?? null });
}

/** When the fieldwork took place, for choosing SCB's year: the period start, else when the campaign was created. */
function fieldworkDate(detail: { periodStart: unknown; createdAt: unknown } | undefined): Date {
  const value = detail?.periodStart ?? detail?.createdAt;
  const date = value instanceof Date ? value : new Date(String(value ?? ''));
  return Number.isNaN(date.getTime()) ? new Date() : date;
}

/** The kommun's default suppression threshold (its settings), else DEFAULT_MIN_CELL. */
export async function kommunMinCell(db: Database, kommunkod: string): Promise<number> {
  return (await findKommunSettings(db, kommunkod))?.minCell ?? DEFAULT_MIN_CELL;
}

/** Everything an analysis of the campaign needs before the engine runs: checked parameters, the design, the population, the records. */
/**
 * `withIds`: the records are mapped from the responses with each row's response id (the microdata
 * export's weights), instead of read from the stored records.
 */
export async function prepareCampaignAnalysis(db: Database, auth: AuthContext, campaignId: string, input: AnalysisRequest, load: { withIds?: boolean } = {}) {
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
  const ageGroups = tryParseAgeGroups((template.meta.weighting.ageGroups ?? []).join(','));
  if (!ageGroups) throw badRequest('Enkätens mall saknar giltiga åldersgrupper (meta.weighting.ageGroups), så befolkningstalen kan inte delas in.');

  const detail = await findCampaignDetail(db, campaign.id);
  const areas = detail?.areas ?? [];
  const loaded = load.withIds ? await campaignRecordsWithIds(db, campaign) : await campaignRecords(db, campaign);
  if (loaded.responseCount === 0) throw badRequest('Undersökningen har inga svar ännu.');
  const design = campaignDesign(campaign, await listStrata(db, campaign.id), loaded.withStratum);
  const variables = offeredVariables(template, design);
  const population = await analysisPopulation(db, campaign, input, ageGroups, areas, fieldworkDate(detail));
  const covered = new Set(population.sources.flatMap((s) => s.columns));

  const margins =
    input.margins ??
    [
      ...(covered.has('kon') && covered.has(AGE_GROUP) ? [['kon', AGE_GROUP]] : []),
      ...(covered.has('omrade') && variables.includes('omrade') ? [['omrade']] : []),
      // Class links: post-stratified to the pupils by skola × årskurs × kön.
      ...(design.source === 'class' && ['skola', 'arskurs', 'kon'].every((v) => covered.has(v)) ? [['skola', 'arskurs', 'kon']] : []),
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
  const fieldwork = await findResponseDateRange(db, campaign.id);
  let registered: { summary: RegisteredTableSummary; table: RecordTable | undefined; series: RegisteredSeries | null } | undefined;
  if (input.registeredTableId) {
    const found = await findRegisteredTable(db, campaign.id, input.registeredTableId);
    if (!found) throw badRequest('Registertabellen finns inte för den här undersökningen.', { field: 'registeredTableId' });
    const { rows, ...summary } = found;
    const chosen = template.meta.indicators.filter((i) => indicators.includes(i.id));
    // A table over several years: the series beside the survey, and only the year that lines up with it for the mörkertal.
    const split = registeredSeries({ columns: found.columns, rows }, chosen, fieldwork, minCell);
    registered = { summary, table: split.aligned, series: split.series };
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
    bounds: input.bounds,
    trim: input.trim,
    df: input.df ?? 'design',
    strata: design.stratified ? STRATUM_COLUMN : undefined,
    lonelyStratum: 'adjust',
    unweightable: 'exclude',
  };
  return { campaign, template, detail, areas, loaded, design, variables, population, margins, by, registered, collapse, options, indicators, minCell, ageGroups, fieldwork };
}

/**
 * Runs the survey analysis on a campaign's responses with the campaign's own design.
 *
 * - **Personal codes with strata**: kön, åldersgrupp and område come from the
 *   code's register stratum, so nobody is left out for a missing or "annat"
 *   answer; base weights N_h/n_h per stratum with stratified variance (a
 *   stratum with one respondent is centred at the grand mean, R's
 *   survey.lonely.psu = "adjust"); then calibration to SCB's kön × åldersgrupp
 *   of the year closest to the fieldwork and the kommun's område table.
 * - **Open link**: the answers are the only source; respondents whose kön,
 *   åldersgrupp or område is not a population level are left out of the
 *   weighting, counted in `meta.excluded`, with their unweighted estimates in
 *   `meta.excludedEstimates` as a bias check.
 *
 * Estimates as analyzeSurvey (optional bounds and trimming; a calibration that
 * does not converge is flagged on every estimate), suppression of small cells,
 * the mörkertal against a registered table with the points where survey and
 * register may not align. Audit-logged with the parameters (no data).
 *
 * @throws 400 for bad parameters or input the engine rejects (Swedish text), 403 for minCell below the floor, 404 outside the user's kommuner.
 */
export async function runCampaignAnalysis(db: Database, auth: AuthContext, campaignId: string, input: AnalysisRequest): Promise<CampaignAnalysis> {
  const { campaign, template, detail, areas, loaded, design, variables, population, margins, by, registered, collapse, options, indicators, minCell, ageGroups, fieldwork } =
    await prepareCampaignAnalysis(db, auth, campaignId, input);
  const started = performance.now();
  let result: SurveyAnalysisResult;
  try {
    result = analyzeSurvey({ respondents: designColumns(loaded, design), population: population.tables, stratumSizes: design.stratumSizes, registered: registered?.table, options });
  } catch (error) {
    if (error instanceof AnalysisInputError) engineError(error, population.sources.map((s) => s.name));
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
      useScb: population.useScb,
      populationTableIds: population.uploaded.map((t) => t.id),
      registeredTableId: registered?.summary.id ?? null,
      design: design.source,
      bounds: input.bounds ?? null,
      trim: input.trim ?? null,
      df: options.df,
      populationYear: population.year,
    },
  });

  const { unweightable, ...engine } = result;
  return {
    ...engine,
    meta: {
      campaign: { id: campaign.id, title: campaign.title, kommunkod: campaign.kommunkod, isDemo: campaign.is_demo },
      responses: loaded.responseCount,
      analysed: result.weighting.respondents,
      excluded: excludedCounts(unweightable?.byValue ?? [], minCell),
      excludedEstimates: unweightable?.estimates ?? [],
      design: { source: design.source, stratified: design.stratified, strata: result.weighting.strata, frameSize: design.frameSize, lonelyStrata: result.weighting.lonelyStrata },
      variableSources: variableSources(variables, design),
      parameters: {
        indicators,
        margins,
        method: options.method!,
        by,
        ci: options.ci!,
        level: options.level!,
        fpc: options.fpc!,
        minCell,
        df: options.df!,
        ageGroups: ageGroups.map((g) => g.label),
        collapse,
        bounds: input.bounds ?? null,
        trim: input.trim ?? null,
        populationYear: population.year,
      },
      population: population.sources,
      populationYears: population.years,
      registered: registered?.summary ?? null,
      indicators: template.meta.indicators
        .filter((i) => indicators.includes(i.id))
        .map((i) => ({ id: i.id, label: i.label, period: i.period, registerCategory: i.registerCategory })),
      areas,
      caveats: registered
        ? darkFigureCaveats(
            template,
            indicators,
            registered.series?.alignedYear ? { ...registered.summary, period: `kalenderåret ${registered.series.alignedYear}` } : registered.summary,
            detail ?? { periodStart: null, periodEnd: null },
          )
        : [],
      registeredSeries: registered?.series ?? null,
      fieldwork,
      timing: { loadMs: Math.round(loaded.loadMs), readMs: Math.round(loaded.readMs), cached: loaded.cached, analysisMs: Math.round(analysisMs), recordedNow: loaded.recordedNow },
    },
  };
}

/** What the analysis page needs to offer choices: indicators, variables and their source, tables, SCB years, response count. Also warms the record cache. */
export async function analysisSetup(db: Database, auth: AuthContext, campaignId: string) {
  const campaign: CampaignRow = await findCampaignForAnalyst(db, auth, campaignId);
  const template = campaign.definition;
  const detail = await findCampaignDetail(db, campaign.id);
  const populationTables: PopulationTableSummary[] = await listPopulationTables(db, campaign.kommunkod);
  const registeredTables = await listRegisteredTables(db, campaign.id);
  const strata = await listStrata(db, campaign.id);
  // Start mapping the responses now, so that the first run after opening the
  // page finds them cached. Not awaited; a failure shows up on the run itself.
  if (campaign.kind === 'population') campaignRecords(db, campaign).catch(() => undefined);
  const design = campaignDesign(campaign, strata, strata.length);
  const variables = offeredVariables(template, design);
  return {
    campaign: { id: campaign.id, title: campaign.title, kommunkod: campaign.kommunkod, kind: campaign.kind, status: campaign.status, isDemo: campaign.is_demo, mode: campaign.mode },
    responses: await countResponses(db, campaign.id),
    indicators: template.meta.indicators.map((i) => ({ id: i.id, label: i.label, period: i.period, registerCategory: i.registerCategory })),
    variables,
    variableSources: variableSources(variables, design),
    design: { source: design.source, stratified: design.stratified, strata: design.strata, frameSize: design.frameSize },
    ageGroups: template.meta.weighting.ageGroups ?? [],
    areas: detail?.areas ?? [],
    populationTables,
    populationYears: await listScbPopulationYears(db),
    registeredTables,
    minCellFloor: isAdmin(auth) ? 1 : ANALYST_MIN_CELL_FLOOR,
    defaultMinCell: await kommunMinCell(db, campaign.kommunkod),
    isAdmin: isAdmin(auth),
  };
}
