import { parseAgeGroups, ageGroupOfAnswer, type AgeGroup } from '../../domain/age-groups';
import { textFor } from '../../domain/localized-text';
import { analyzeSurvey } from '../../analysis/analyze-survey';
import { respondentColumnsFromRecords, respondentColumnRoles, respondentRecord, type RespondentRecord } from '../../analysis/respondent-columns';
import type { EstimateOutput } from '../../analysis/survey-analysis-types';
import { directlyStandardisedProportion } from '../../analysis/direct-standardisation';
import { funnelCurve, funnelLimits } from '../../analysis/funnel-limits';
import type { AuthContext } from '../auth/auth-context';
import type { Database } from '../db/database';
import { badRequest } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { findTemplate } from '../queries/templates';
import type { TemplateDefinition } from '../../domain/templates/template-schema';
import { countyKommunerFor } from './county';
import { clipAgeGroups, populationByKonAgeGroup, SCB_SOURCE, SEXES, type PopulationCell } from './county-population';
import { findLatestClosedCampaigns, listAllKommunKods, type ComparisonCampaign } from '../queries/county';
import { campaignRecords } from './analysis-records';
import { countyRegisteredRate } from './county-registered';
import { findCampaign } from '../queries/campaigns';
import type { CountyComparison, CountyComparisonQuery, CountyKommunComparison, FunnelPoint, FunnelPosition } from '../../contracts/county';

/** Respondents (and registered persons) below which a kommun's values are suppressed. */
export const MIN_CELL = 5;
const LEVEL = 0.95;
const FUNNEL_LEVELS = [0.95, 0.998] as const;

async function comparisonTemplate(db: Database, id: string): Promise<TemplateDefinition> {
  const found = await findTemplate(db, id);
  if (!found || found.definition.kind !== 'population') throw badRequest(`Mallen "${id}" finns inte.`, { field: 'template' });
  return found.definition;
}

/**
 * A campaign's responses as analysis records (the shared mapping of the
 * analysis service, cached), restricted to kvinna/man in the age range and
 * with ages re-binned into the comparison's groups.
 */
async function respondentsOf(db: Database, campaign: ComparisonCampaign, groups: readonly AgeGroup[]): Promise<{ records: RespondentRecord[]; definition: TemplateDefinition }> {
  const row = await findCampaign(db, campaign.id);
  if (!row) throw new Error(`campaign ${campaign.id} vanished`);
  const { columns } = await campaignRecords(db, row);
  const records: RespondentRecord[] = [];
  for (let i = 0; i < columns.size; i++) {
    const record = respondentRecord(columns, i);
    const group = ageGroupOfAnswer(record.alder, groups);
    if (group === undefined || !SEXES.includes(record.kon as (typeof SEXES)[number])) continue;
    records.push({ ...record, aldersgrupp: group });
  }
  return { records, definition: row.definition };
}

interface KommunEstimates {
  n: number;
  crude: EstimateOutput | null;
  strata: EstimateOutput[] | null;
  note: string | null;
}

/**
 * Merges age groups until every kön × åldersgrupp cell has a respondent: an
 * empty group joins its older neighbour (the oldest its younger one). Returns
 * the `collapse` option for analyzeSurvey, or undefined when a whole kön is missing.
 */
function collapseEmptyAgeGroups(records: readonly RespondentRecord[], labels: readonly string[]): Record<string, Record<string, string>> | undefined {
  let merged = labels.map((label) => [label]);
  const count = (group: string[], kon: string) => records.filter((r) => r.kon === kon && group.includes(String(r.aldersgrupp))).length;
  for (;;) {
    const empty = merged.findIndex((group) => SEXES.some((kon) => count(group, kon) === 0));
    if (empty < 0) break;
    if (merged.length === 1) return undefined;
    const other = empty < merged.length - 1 ? empty + 1 : empty - 1;
    const [a, b] = [Math.min(empty, other), Math.max(empty, other)];
    merged = [...merged.slice(0, a), [...merged[a], ...merged[b]], ...merged.slice(b + 1)];
  }
  const map: Record<string, string> = {};
  for (const group of merged) for (const label of group) map[label] = group.join('+');
  return { aldersgrupp: map };
}

/**
 * Post-stratifies on kön × åldersgrupp to the kommun's SCB population. When a
 * cell has no respondents the value cannot be standardised; the crude value is
 * then post-stratified on merged age groups.
 */
function estimateKommun(records: RespondentRecord[], indicator: string, population: PopulationCell[]): KommunEstimates {
  const run = (collapse?: Record<string, Record<string, string>>) =>
    analyzeSurvey({
      respondents: respondentColumnsFromRecords(records, respondentColumnRoles({ indicators: [indicator] })),
      population: [{ columns: ['kon', 'aldersgrupp', 'antal'], rows: population.filter((c) => c.antal > 0).map((c) => ({ kon: c.kon, aldersgrupp: c.aldersgrupp, antal: c.antal })) }],
      options: { indicators: [indicator], margins: [['kon', 'aldersgrupp']], method: 'poststrat', by: collapse ? [] : [['kon', 'aldersgrupp']], ci: 'logit', level: LEVEL, minCell: 1, collapse },
    });
  const overall = (estimates: EstimateOutput[]) => estimates.find((e) => Object.keys(e.domain).length === 0) ?? null;
  const labels = [...new Set(population.map((c) => c.aldersgrupp))];
  const collapse = collapseEmptyAgeGroups(records, labels);
  if (collapse === undefined) {
    return { n: records.length, crude: null, strata: null, note: 'Svaren saknar kvinnor eller män; ingen andel kan beräknas.' };
  }
  if (Object.entries(collapse.aldersgrupp).some(([label, group]) => label !== group)) {
    const merged = [...new Set(Object.values(collapse.aldersgrupp))].filter((group) => group.includes('+')).join(', ');
    return {
      n: records.length,
      crude: overall(run(collapse).estimates),
      strata: null,
      note: `Minst en cell kön × åldersgrupp saknar svarande, så värdet kan inte åldersstandardiseras. Den råa andelen är viktad med sammanslagna åldersgrupper (${merged}).`,
    };
  }
  const result = run();
  const strata = population.map((cell) => result.estimates.find((e) => e.domain.kon === cell.kon && e.domain.aldersgrupp === cell.aldersgrupp) ?? null);
  const complete = strata.every((s) => s !== null && s.proportion !== null && s.se !== null);
  return {
    n: records.length,
    crude: overall(result.estimates),
    strata: complete ? (strata as EstimateOutput[]) : null,
    note: complete ? null : 'Indikatorn saknar svar i minst en cell kön × åldersgrupp, så den kan inte åldersstandardiseras.',
  };
}

/**
 * The län's age–sex standardised prevalence with its interval, over the
 * kommuner with a standardised estimate: in each kön × åldersgrupp cell c the
 * kommuner's prevalences pooled by population, p_c = Σ_k N_kc p_kc / N_c,
 * with SE_c = √(Σ_k (N_kc / N_c)² SE_kc²) (independent samples); then
 * standardised like a kommun (`directlyStandardisedProportion`, logit
 * interval). It describes the participating kommuner's population only.
 */
function countyEstimateOfLan(
  pooled: readonly { population: number; affected: number }[],
  contributions: readonly { population: number[]; se: number[] }[],
  standardWeights: readonly number[],
  rows: readonly CountyKommunComparison[],
  kommunerInLan: number,
): CountyComparison['lanEstimate'] {
  const strata = pooled.map((cell, k) => ({
    proportion: cell.affected / cell.population,
    se: Math.sqrt(contributions.reduce((sum, c) => sum + (c.population[k] / cell.population) ** 2 * c.se[k] ** 2, 0)),
  }));
  const dsp = directlyStandardisedProportion(strata, standardWeights, { interval: 'logit', level: LEVEL });
  const participating = rows.filter((r) => r.standardised !== null);
  return {
    estimate: dsp.estimate,
    ci: dsp.ci,
    se: dsp.se,
    kommuner: participating.length,
    kommunerInLan,
    population: participating.reduce((sum, r) => sum + r.population, 0),
    populationInLan: rows.reduce((sum, r) => sum + r.population, 0),
  };
}

function position(value: number, l95: [number, number], l998: [number, number]): FunnelPosition {
  if (value > l998[1]) return 'above998';
  if (value < l998[0]) return 'below998';
  if (value > l95[1]) return 'above95';
  if (value < l95[0]) return 'below95';
  return 'within';
}

/**
 * Comparison of the län's kommuner on one indicator of one instrument (the
 * same template), each from its latest closed campaign of that template:
 * crude weighted prevalence (post-stratified on kön × åldersgrupp to SCB
 * 2019), age–sex directly standardised prevalence (standard population: the
 * län's or Sweden's 2019 population), funnel limits around the county's
 * standardised value on effective n. Kommuner with fewer than MIN_CELL
 * respondents are suppressed. Aggregates only; audit-logged.
 */
export async function countyComparison(db: Database, auth: AuthContext, lanKod: string, query: CountyComparisonQuery): Promise<CountyComparison> {
  const kommuner = await countyKommunerFor(db, auth, lanKod);
  const template = await comparisonTemplate(db, query.template);
  const indicatorDef = query.indicator === undefined ? template.meta.indicators[0] : template.meta.indicators.find((i) => i.id === query.indicator);
  if (!indicatorDef) throw badRequest(`Indikatorn "${query.indicator ?? ''}" finns inte i mallen "${template.id}".`, { field: 'indicator' });
  const indicator = indicatorDef.id;
  const minAge = query.minAge ?? template.meta.population?.minAge ?? 18;
  const maxAge = query.maxAge ?? template.meta.population?.maxAge ?? 85;
  if (minAge > maxAge) throw badRequest('Fältet "minAge": minAge får inte vara större än maxAge', { field: 'minAge' });
  const groups = clipAgeGroups(parseAgeGroups((template.meta.weighting.ageGroups ?? [`${minAge}-${maxAge}`]).join(',')), minAge, maxAge);
  if (groups.length === 0) throw badRequest('Åldersintervallet täcker ingen åldersgrupp i mallen.', { field: 'minAge' });

  const kods = kommuner.map((k) => k.kod);
  const standardCells = populationByKonAgeGroup(query.standard === 'lan' ? kods : await listAllKommunKods(db), groups);
  const standardTotal = standardCells.reduce((sum, cell) => sum + cell.antal, 0);
  const standardWeights = standardCells.map((cell) => cell.antal);
  const campaigns = await findLatestClosedCampaigns(db, kods, template.id);

  const pooled = standardCells.map(() => ({ population: 0, affected: 0, variance: 0 }));
  const contributions: { population: number[]; se: number[] }[] = [];
  const rows: (CountyKommunComparison & { strataPopulation: PopulationCell[] })[] = [];
  for (const kommun of kommuner) {
    const population = populationByKonAgeGroup([kommun.kod], groups);
    const base: CountyKommunComparison & { strataPopulation: PopulationCell[] } = {
      kod: kommun.kod,
      namn: kommun.namn,
      population: population.reduce((sum, cell) => sum + cell.antal, 0),
      campaign: null,
      n: 0,
      suppressed: false,
      reason: null,
      crude: null,
      standardised: null,
      standardisedNote: null,
      funnel: null,
      registered: null,
      strataPopulation: population,
    };
    const campaign = campaigns.find((c) => c.kommunkod === kommun.kod);
    if (!campaign) {
      rows.push({ ...base, reason: 'Ingen avslutad befolkningsenkät med samma mall.' });
      continue;
    }
    const { records, definition } = await respondentsOf(db, campaign, groups);
    const withCampaign: typeof base = { ...base, campaign: { title: campaign.title, periodEnd: campaign.periodEnd, closedOn: campaign.closedOn }, n: records.length };
    if (!definition.meta.indicators.some((i) => i.id === indicator)) {
      rows.push({ ...withCampaign, reason: 'Kommunens version av enkäten saknar indikatorn.' });
      continue;
    }
    const registered = await countyRegisteredRate(db, campaign.id, indicatorDef, population, standardWeights, MIN_CELL);
    withCampaign.registered = registered;
    if (records.length < MIN_CELL) {
      rows.push({ ...withCampaign, n: null, suppressed: true, reason: `Färre än ${MIN_CELL} svarande – värdena visas inte.` });
      continue;
    }
    const estimates = estimateKommun(records, indicator, population);
    const crude = estimates.crude;
    if (!crude || crude.proportion === null || crude.se === null || crude.n < MIN_CELL) {
      rows.push({
        ...withCampaign,
        n: crude !== null && crude.n < MIN_CELL ? null : withCampaign.n,
        suppressed: crude !== null && crude.n < MIN_CELL,
        reason: crude !== null && crude.n < MIN_CELL ? `Färre än ${MIN_CELL} svarande på frågan – värdena visas inte.` : estimates.note,
      });
      continue;
    }
    let standardised: CountyKommunComparison['standardised'] = null;
    if (estimates.strata) {
      const strata = estimates.strata.map((s) => ({ proportion: s.proportion!, se: s.se! }));
      const dsp = directlyStandardisedProportion(strata, standardWeights, { interval: 'logit', level: LEVEL, df: crude.df ?? undefined });
      standardised = { estimate: dsp.estimate, ci: dsp.ci, se: dsp.se, effectiveN: dsp.effectiveN };
      strata.forEach((s, k) => {
        pooled[k].population += population[k].antal;
        pooled[k].affected += population[k].antal * s.proportion;
      });
      contributions.push({ population: population.map((cell) => cell.antal), se: strata.map((s) => s.se) });
    }
    rows.push({
      ...withCampaign,
      crude: { estimate: crude.proportion, ci: crude.ci, se: crude.se, flags: crude.flags },
      standardised,
      standardisedNote: standardised ? (standardised.effectiveN === null ? 'Standardfelet är 0 (alla svar lika), så värdet kan inte placeras i trattdiagrammet.' : null) : estimates.note,
    });
  }

  // Centre line: the county's stratum prevalences (population-weighted over kommuner with estimates), standardised.
  const withStrata = pooled.every((cell) => cell.population > 0);
  const target = withStrata ? pooled.reduce((sum, cell, k) => sum + (standardWeights[k] / standardTotal) * (cell.affected / cell.population), 0) : null;
  const lanEstimate = target === null ? null : countyEstimateOfLan(pooled, contributions, standardWeights, rows, kommuner.length);
  const plotted = rows.filter((r) => r.standardised?.effectiveN);
  let funnel: CountyComparison['funnel'] = null;
  if (target !== null && target > 0 && target < 1 && plotted.length > 0) {
    const ns = plotted.map((r) => r.standardised!.effectiveN!);
    const nMin = Math.max(MIN_CELL, Math.min(...ns) * 0.5);
    const nMax = Math.max(nMin * 2, Math.max(...ns) * 1.5);
    const limits = funnelCurve(target, nMin, nMax, FUNNEL_LEVELS, 60, 'normal');
    const curve: FunnelPoint[] = [];
    for (let i = 0; i < limits.length; i += 2) {
      curve.push({ n: limits[i].n, lower95: limits[i].lower, upper95: limits[i].upper, lower998: limits[i + 1].lower, upper998: limits[i + 1].upper });
    }
    funnel = { method: 'normal', levels: FUNNEL_LEVELS, curve };
    for (const row of plotted) {
      const n = row.standardised!.effectiveN!;
      const l95 = funnelLimits(target, n, 0.95, 'normal');
      const l998 = funnelLimits(target, n, 0.998, 'normal');
      row.funnel = {
        position: position(row.standardised!.estimate, [l95.lower, l95.upper], [l998.lower, l998.upper]),
        limits95: [l95.lower, l95.upper],
        limits998: [l998.lower, l998.upper],
      };
    }
  }

  await writeAuditLog(db, {
    userId: auth.userId,
    kommunkod: null,
    action: 'county.comparison',
    details: { lanKod, template: template.id, indicator: indicator, standard: query.standard, minAge, maxAge },
  });
  return {
    lan: { kod: lanKod, namn: kommuner[0].lanNamn },
    template: { id: template.id, title: template.title },
    indicator: { id: indicatorDef.id, label: textFor(indicatorDef.label), period: indicatorDef.period },
    indicators: template.meta.indicators.map((i) => ({ id: i.id, label: textFor(i.label) })),
    standard: query.standard,
    ageRange: [minAge, maxAge],
    level: LEVEL,
    minCell: MIN_CELL,
    standardPopulation: {
      source: `${SCB_SOURCE}; ${query.standard === 'lan' ? kommuner[0].lanNamn : 'hela Sverige'}`,
      cells: standardCells.map((cell) => ({ ...cell, weight: cell.antal / standardTotal })),
    },
    target,
    lanEstimate,
    funnel,
    registeredNote:
      'Registrerade personer per 1 000 invånare visas för kommuner som har laddat upp registrerade personer per kön och åldersgrupp till sin undersökning. Registret mäter kontakter med socialtjänsten, inte förekomsten av våld, och perioden kan skilja sig från enkätens.',
    kommuner: rows.map(({ strataPopulation: _omit, ...row }) => row),
  };
}
