import type { RecordTable, RespondentColumn, RespondentColumns } from '../../analysis/index';
import type { VariableSource } from '../../contracts/analysis';
import type { StratumRow } from '../queries/campaign-strata';
import type { CampaignRow } from '../queries/campaigns';
import type { CampaignRecords } from './analysis-records';

/** The column holding each response's stratum key (`aldersgrupp=18-29|kon=kvinna|omrade=norr`), for the stratified design. */
export const STRATUM_COLUMN = 'stratum';

/** Where a weighting or domain variable's values come from. */
export type { VariableSource };

/** What a class-link response carries of its class (services/class-links.ts): the variables of the class design. */
export const CLASS_VARIABLES = ['arskurs', 'skola'] as const;

/**
 * The sampling design of a campaign's analysis.
 *
 * - `register`: a campaign with personal codes whose strata are known. Every
 *   response carries its code's stratum, so kön, åldersgrupp and område come
 *   from the register extract the sample was drawn from, for everyone; with
 *   every N_h known the design is stratified (base weights N_h/n_h, n_h the
 *   respondents of stratum h, stratified variance).
 * - `answers`: an open link (or codes without strata): the respondents' own
 *   answers are the only source, and those whose answer is not a population
 *   level are left out of the weighting and reported.
 * - `class`: class links. skola and årskurs come from the class link the
 *   pupil answered through (the response's stratum), kön from the answers;
 *   the kommun's table of pupils by skola × årskurs × kön is the population.
 *   Not stratified (no N_h per class is drawn from a frame).
 */
export interface CampaignDesign {
  readonly source: VariableSource;
  /** Variables taken from the code's stratum (kon, aldersgrupp, omrade as far as the strata have them). */
  readonly registerVariables: readonly string[];
  /** Stratified on the codes' strata with N_h (base weights N_h/n_h). */
  readonly stratified: boolean;
  /** N_h of every stratum, as the engine's stratum-size table (`stratum`, `antal`). */
  readonly stratumSizes: RecordTable | undefined;
  /** Σ N_h over the strata: the register extract's size. */
  readonly frameSize: number | null;
  readonly strata: number;
}

/**
 * Decides the design (see {@link CampaignDesign}) from the campaign's mode,
 * its strata and how many responses carry a stratum.
 *
 * @example
 * campaignDesign(campaign, strata, 880).source // → 'register' for a code campaign with strata
 */
export function campaignDesign(campaign: Pick<CampaignRow, 'mode'>, strata: readonly StratumRow[], withStratum: number): CampaignDesign {
  const answers: CampaignDesign = { source: 'answers', registerVariables: [], stratified: false, stratumSizes: undefined, frameSize: null, strata: 0 };
  // Every class-link response carries its class's skola and årskurs.
  if (campaign.mode === 'classes') return { ...answers, source: 'class', registerVariables: [...CLASS_VARIABLES] };
  if (campaign.mode !== 'codes' || strata.length === 0 || withStratum === 0) return answers;
  const registerVariables = orderStratumVariables(strata.flatMap((s) => Object.keys(s.stratum))).filter((v) => strata.every((s) => s.stratum[v] !== undefined));
  const stratified = strata.every((s) => s.populationSize !== null);
  const stratumSizes: RecordTable | undefined = stratified
    ? { columns: [STRATUM_COLUMN, 'antal'], rows: strata.map((s) => ({ [STRATUM_COLUMN]: s.stratumKey, antal: s.populationSize })) }
    : undefined;
  return {
    source: 'register',
    registerVariables,
    stratified,
    stratumSizes,
    frameSize: stratified ? strata.reduce((sum, s) => sum + (s.populationSize ?? 0), 0) : null,
    strata: strata.length,
  };
}

/** Stratum variables in the export's order: kon, aldersgrupp, omrade first, then any others by name. */
export function orderStratumVariables(names: Iterable<string>): string[] {
  const order = ['kon', 'aldersgrupp', 'omrade'];
  const all = [...new Set(names)];
  return [...order.filter((n) => all.includes(n)), ...all.filter((n) => !order.includes(n)).sort()];
}

/**
 * The records the engine sees: with a register design, `kon`, `aldersgrupp`
 * and `omrade` are the code's stratum values (`stratum_kon`, …) instead of
 * the answers. Columns are shared, not copied.
 */
export function designColumns(records: CampaignRecords, design: CampaignDesign): RespondentColumns {
  if (design.source === 'answers') return records.columns;
  const columns = new Map<string, RespondentColumn>(records.columns.columns);
  for (const variable of design.registerVariables) columns.set(variable, records.columns.columns.get(`stratum_${variable}`) as RespondentColumn);
  return { size: records.columns.size, columns };
}

/** The source of each offered variable, for the page and the report. */
export function variableSources(variables: readonly string[], design: CampaignDesign): { variable: string; source: VariableSource }[] {
  return variables.map((variable) => ({ variable, source: design.registerVariables.includes(variable) ? design.source : 'answers' }));
}
