import { ageFromBirthYear, ageGroupOf, parseAgeGroups, type AgeGroup } from '../domain/age-groups';
import { AnalysisInputError } from './analysis-input-error';
import { parseLocaleNumber as parseNumber } from '../domain/csv';
import { calibrate } from './calibrate';
import { buildCalibrationCells, type CalibrationCells, type Margin } from './calibration-cells';
import type { CalibrationResult } from './calibration-result';
import { checkMarginCells } from './check-margin-cells';
import { darkFigure } from './dark-figure';
import { accumulateDomainCellSums } from './domain-cell-sums';
import { effectiveWilsonInterval } from './effective-wilson-interval';
import { InvalidInputError } from './invalid-input-error';
import { jackknifeVariances, type JackknifeQuantity, type JackknifeVariances } from './jackknife-variance';
import { kishEffectiveSampleSize } from './kish-effective-sample-size';
import { kornGraubardInterval } from './korn-graubard-interval';
import { linearizedDomainEstimate, type LinearizedDomainEstimate } from './linearized-domain-estimate';
import { logitInterval } from './logit-interval';
import { nchsReliabilityFlags } from './nchs-reliability-flags';
import {
  KEY_SEPARATOR,
  checkMarginConsistency,
  marginTotalsFromTables,
  type MarginTotals,
  type ParsedPopulationTable,
} from './population-margin-totals';
import { postStratify } from './post-stratify';
import { rake } from './rake';
import { trimWeights } from './trim-weights';
import { weightingDesignEffect } from './weighting-design-effect';

/** A cell of a respondent, population or registered record. Empty string, null and undefined are missing. */
export type CellValue = string | number | null | undefined;
export type RespondentRecord = Readonly<Record<string, CellValue>>;

/** A table of records; `columns` defaults to the keys of the first record. */
export interface RecordTable {
  readonly columns?: readonly string[];
  readonly rows: readonly Readonly<Record<string, CellValue>>[];
}

export type CalibrationMethod = 'rake' | 'poststrat' | 'linear' | 'raking';
export type IntervalMethod = 'logit' | 'beta' | 'wilson';

export interface AnalysisOptions {
  /** 0/1 indicator columns; a missing value leaves the respondent out of that indicator only. */
  readonly indicators: readonly string[];
  /** Calibration margins, each a list of crossed variables: [['kon', 'aldersgrupp'], ['omrade']]. Empty = no calibration. */
  readonly margins?: readonly (readonly string[])[];
  /** Default `rake`. `linear` is GREG (calibrate, calfun linear); `raking` is calibrate with calfun raking (use with bounds). */
  readonly method?: CalibrationMethod;
  /** Bounds [L, U] on w/w0 for `linear` and `raking`; given with `rake`, the bounded raking calfun is used. */
  readonly bounds?: readonly [number, number];
  /** Domains, each a list of crossed variables; the overall estimate is always included. */
  readonly by?: readonly (readonly string[])[];
  /** Default `logit`. */
  readonly ci?: IntervalMethod;
  /** Default 0.95. */
  readonly level?: number;
  /** Finite population correction (1 − n/N, or 1 − n_h/N_h by stratum). Default false. */
  readonly fpc?: boolean;
  /** Minimum respondents (and registered persons) below which report values are suppressed. Default 5. */
  readonly minCell?: number;
  /** Age grouping, e.g. "18-29,30-44,45-64,65-85": bins `alder` (or `fodelsear` with referenceYear) into `aldersgrupp` in respondents and population. */
  readonly ageGroups?: string | readonly AgeGroup[];
  /** Year at whose end ages are counted when respondents give `fodelsear`. */
  readonly referenceYear?: number;
  /** Recode levels before weighting, in respondents and population alike, to collapse sparse cells: { aldersgrupp: { '16-29': '16-49', '30-49': '16-49' } }. */
  readonly collapse?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Column with given base weights instead of N/n. */
  readonly weightColumn?: string;
  /** Sampling stratum variable: base weights N_h/n_h with N_h from the population tables, stratified variance. */
  readonly strata?: string;
  /** Trim final weights to [lower, upper] and recalibrate, alternating up to maxRounds (default 10) times. */
  readonly trim?: { readonly lower?: number; readonly upper?: number; readonly maxRounds?: number };
  /** `linearization` (default): Taylor linearisation on calibration residuals; `jk1`: delete-one jackknife, re-calibrated in each replicate (unstratified designs). */
  readonly variance?: 'linearization' | 'jk1';
  /** Raking/calibration tolerance relative to N (default 1e-9) and maximum iterations (default 100). */
  readonly tolerance?: number;
  readonly maxIterations?: number;
  /** Keep only population rows of this kommun (kommunkod or name) in tables with a `kommunkod`/`kommun` column. */
  readonly kommun?: string;
}

export interface SurveyAnalysisInput {
  readonly respondents: readonly RespondentRecord[];
  readonly population: readonly RecordTable[];
  /** Registered persons: `indikator`, any domain variables, `antal`. */
  readonly registered?: RecordTable;
  readonly options: AnalysisOptions;
}

export interface WeightingSummary {
  readonly method: CalibrationMethod | 'none';
  readonly iterations: number;
  readonly converged: boolean;
  readonly maxMarginError: number;
  readonly nEffective: number;
  readonly weightMin: number;
  readonly weightMax: number;
  readonly weightCv: number;
  /** 1 + CV² of the weights: the design effect due to weighting. */
  readonly weightingDesignEffect: number;
  readonly respondents: number;
  readonly populationSize: number;
  readonly trimRounds: number;
}

export interface EstimateOutput {
  readonly indicator: string;
  readonly domain: Readonly<Record<string, string>>;
  readonly n: number;
  readonly df: number | null;
  readonly proportion: number | null;
  readonly se: number | null;
  readonly ci: [number, number] | null;
  readonly total: number | null;
  readonly totalSe: number | null;
  readonly totalCi: [number, number] | null;
  readonly deff: number | null;
  readonly cv: number | null;
  readonly flags: string[];
  readonly suppressed: boolean;
  readonly reason?: string;
}

export interface DarkFigureOutput {
  readonly indicator: string;
  readonly domain: Readonly<Record<string, string>>;
  readonly registered: number | null;
  readonly estimatedTotal: number | null;
  readonly estimatedTotalCi: [number, number] | null;
  readonly unregistered: number | null;
  readonly unregisteredCi: [number, number] | null;
  readonly detectionRatio: number | null;
  readonly detectionRatioCi: [number | null, number | null] | null;
  readonly suppressed: boolean;
  readonly reason?: string;
}

export interface SurveyAnalysisResult {
  readonly weighting: WeightingSummary;
  readonly estimates: EstimateOutput[];
  readonly darkFigure: DarkFigureOutput[];
}

/** The weighted design behind an analysis: final weights and everything the estimators need. */
export interface WeightedSurveyDesign {
  readonly respondentCount: number;
  readonly columns: ReadonlySet<string>;
  /** Respondent values as trimmed text, after age binning and collapsing. */
  readonly text: (row: number, column: string) => string;
  /** A whole respondent column as trimmed text (computed once, then cached). */
  readonly columnText: (column: string) => readonly string[];
  /** The raw respondent records. */
  readonly respondents: readonly RespondentRecord[];
  readonly cells: CalibrationCells;
  readonly calibration: CalibrationResult;
  readonly fpcFraction: Float64Array;
  readonly weights: Float64Array;
  /** Population level order of calibration and stratum variables. */
  readonly levelOrder: ReadonlyMap<string, readonly string[]>;
  readonly populationSize: number;
  readonly trimRounds: number;
  readonly method: CalibrationMethod | 'none';
  /** Calibrates cells with other base weights by the same method and margins (used by the jackknife). */
  readonly recalibrate: (cells: CalibrationCells) => CalibrationResult;
}

const AGE = 'alder';
const AGE_GROUP = 'aldersgrupp';
const BIRTH_YEAR = 'fodelsear';
const COUNT = 'antal';
const INDICATOR = 'indikator';
const REFUSED = new Set(['vill inte svara', 'vill ej svara', 'na']);

/**
 * Survey analysis end to end: weights (base weights, calibration by raking,
 * post-stratification or GREG, optional trimming), then for every indicator
 * the overall and domain proportions with calibrated linearised SEs,
 * confidence intervals, totals, design effects, NCHS reliability flags,
 * disclosure suppression, and the mörkertal against registered counts.
 *
 * This is the engine's public entry point; the CLI (`cli/analyze.ts`) is a
 * thin front end over it and the server calls it on exported responses.
 * Methods and formulas: docs/analysis.md.
 *
 * Reference: R `survey` 4.x — svydesign(ids = ~1, weights = ~w0), rake(),
 * postStratify(), calibrate(), svyby(…, svymean), svyciprop().
 * Complexity: O(n · (indicators · domain specs + margins)) plus
 * O(cells · margins) per estimate.
 *
 * @throws {AnalysisInputError} for bad input, located by source/table/row/column.
 * @throws {InvalidInputError} for invalid options.
 * @example
 * analyzeSurvey({ respondents, population: [konAlder, omrade], options: { indicators: ['utsatt'], margins: [['kon', 'aldersgrupp'], ['omrade']] } })
 *   .estimates[0].proportion // → 0.1029847281 (toy kommun)
 */
export function analyzeSurvey(input: SurveyAnalysisInput): SurveyAnalysisResult {
  const options = input.options;
  const level = options.level ?? 0.95;
  const ciMethod = options.ci ?? 'logit';
  const minCell = options.minCell ?? 5;
  if (!(level > 0 && level < 1)) throw new InvalidInputError(`analyzeSurvey: level must lie in (0, 1), got ${level}`);
  if (!['logit', 'beta', 'wilson'].includes(ciMethod)) throw new InvalidInputError(`analyzeSurvey: ci must be logit, beta or wilson, got ${ciMethod}`);
  if (!(minCell >= 0) || !Number.isInteger(minCell)) throw new InvalidInputError(`analyzeSurvey: minCell must be a non-negative integer, got ${minCell}`);
  if (options.indicators.length === 0) throw new InvalidInputError('analyzeSurvey: need at least one indicator');
  const design = weightSurvey(input);
  const n = design.respondentCount;
  for (const indicator of options.indicators) requireRespondentColumn(design, indicator);
  const specs: (readonly string[])[] = [[], ...(options.by ?? [])];
  for (const spec of specs) for (const variable of spec) requireRespondentColumn(design, variable);
  const domains = specs.map((spec) => domainLevels(design, spec));
  const registered = input.registered ? parseRegistered(input.registered, design) : undefined;

  const pending: { indicator: string; spec: number; level: number; domain: Record<string, string>; linearized: LinearizedDomainEstimate; quantity: JackknifeQuantity }[] = [];
  for (const indicator of options.indicators) {
    const values = indicatorValues(design, indicator);
    for (let s = 0; s < specs.length; s++) {
      const domain = domains[s];
      const sums = accumulateDomainCellSums(design.cells.cellOf, design.cells.respondentBaseWeight, domain.levelOf, domain.tuples.length, design.cells.cellCount, values);
      for (let l = 0; l < domain.tuples.length; l++) {
        pending.push({
          indicator,
          spec: s,
          level: l,
          domain: Object.fromEntries(specs[s].map((variable, j) => [variable, domain.tuples[l][j]])),
          linearized: linearizedDomainEstimate(design.cells, design.calibration, design.fpcFraction, sums, l),
          quantity: { sums, level: l, levelOf: domain.levelOf, values },
        });
      }
    }
  }
  let replicate: JackknifeVariances | undefined;
  if (options.variance === 'jk1') {
    replicate = jackknifeVariances(design.cells, design.recalibrate, pending.map((p) => p.quantity), design.fpcFraction[0]);
  } else if (options.variance !== undefined && options.variance !== 'linearization') {
    throw new InvalidInputError(`analyzeSurvey: variance must be linearization or jk1, got ${options.variance}`);
  }
  const estimates: EstimateOutput[] = [];
  const darkFigures: DarkFigureOutput[] = [];
  pending.forEach((p, q) => {
    const override = replicate ? { mean: replicate.mean[q], logitMean: replicate.logitMean[q], total: replicate.total[q] } : undefined;
    const estimate = estimateOutput(p.indicator, p.domain, p.linearized, { ciMethod, level, minCell }, override);
    estimates.push(estimate);
    const count = registered?.lookup(p.indicator, specs[p.spec], domains[p.spec].tuples[p.level]);
    if (count !== undefined) darkFigures.push(darkFigureOutput(estimate, count, minCell));
  });
  void n;
  return { weighting: weightingSummary(design), estimates, darkFigure: darkFigures };
}

/**
 * The weighting step of {@link analyzeSurvey} on its own: validates the
 * respondents and population tables, bins ages, collapses levels, builds base
 * weights and calibrates. Returns the final weights with the design.
 *
 * Complexity: O(n · variables + cells · margins · iterations).
 *
 * @throws {AnalysisInputError} for bad input; {@link InvalidInputError} for invalid options.
 * @example
 * weightSurvey(input).weights[0] // → 102.1683098476 (toy kommun, raked)
 */
export function weightSurvey(input: SurveyAnalysisInput): WeightedSurveyDesign {
  const options = input.options;
  const respondents = input.respondents;
  const n = respondents.length;
  if (n === 0) throw new AnalysisInputError('analyzeSurvey: no respondents', 'filen har inga svarande', 'respondents', {});
  const ageGroups = typeof options.ageGroups === 'string' ? parseAgeGroups(options.ageGroups) : options.ageGroups;
  const collapse = options.collapse ?? {};

  // Respondent columns and values as text, with age groups and collapsing applied.
  const columns = new Set<string>();
  for (const record of respondents) for (const key of Object.keys(record)) columns.add(key);
  const derived = new Map<string, string[]>();
  if (ageGroups) {
    const source = columns.has(AGE) ? AGE : columns.has(BIRTH_YEAR) ? BIRTH_YEAR : undefined;
    if (!source) {
      throw new AnalysisInputError('analyzeSurvey: age groups need an alder or fodelsear column', `kolumnen ${AGE} (eller ${BIRTH_YEAR}) saknas`, 'respondents', { column: AGE });
    }
    if (source === BIRTH_YEAR && options.referenceYear === undefined) {
      throw new InvalidInputError('analyzeSurvey: respondents give fodelsear, so referenceYear is required');
    }
    derived.set(
      AGE_GROUP,
      respondents.map((record, row) => {
        const raw = textOf(record[source]);
        const value = parseNumber(raw);
        if (value === undefined || !Number.isInteger(value)) {
          throw new AnalysisInputError(`analyzeSurvey: respondents[${row}].${source} is not a whole number: "${raw}"`, `värdet "${raw}" är inte ett heltal`, 'respondents', { row, column: source });
        }
        const age = source === BIRTH_YEAR ? ageFromBirthYear(value, options.referenceYear as number) : value;
        const group = ageGroupOf(age, ageGroups);
        if (group === undefined) {
          throw new AnalysisInputError(
            `analyzeSurvey: respondents[${row}] age ${age} is outside the age groups`,
            `åldern ${age} ligger utanför åldersgrupperna (${ageGroups.map((g) => g.label).join(', ')})`,
            'respondents',
            { row, column: source },
          );
        }
        return group;
      }),
    );
    columns.add(AGE_GROUP);
  }
  const columnCache = new Map<string, string[]>();
  const columnText = (column: string): string[] => {
    let cached = columnCache.get(column);
    if (!cached) {
      const source = derived.get(column);
      const recode = collapse[column];
      cached = new Array<string>(n);
      for (let row = 0; row < n; row++) {
        const value = source ? source[row] : textOf(respondents[row][column]);
        cached[row] = recode?.[value] ?? value;
      }
      columnCache.set(column, cached);
    }
    return cached;
  };
  const text = (row: number, column: string): string => columnText(column)[row];

  // Population tables.
  const tables = input.population.map((table, index) => parsePopulationTable(table, index, ageGroups, collapse, options.kommun));
  const margins = (options.margins ?? []).filter((margin) => margin.length > 0);
  const method: CalibrationMethod | 'none' = margins.length === 0 ? 'none' : options.method ?? 'rake';
  if (!['none', 'rake', 'poststrat', 'linear', 'raking'].includes(method)) throw new InvalidInputError(`analyzeSurvey: unknown method ${method}`);
  const calibrationMargins = method === 'poststrat' ? [unique(margins.flat())] : margins.map((margin) => [...margin]);
  for (const margin of calibrationMargins) for (const variable of margin) requireColumn(columns, variable);
  const marginTotals = calibrationMargins.map((margin) => marginTotalsFromTables(margin, tables));
  checkMarginConsistency(marginTotals);

  // Level order of calibration variables and respondent validation against the population.
  const levelOrder = new Map<string, string[]>();
  for (const totals of marginTotals) {
    totals.variables.forEach((variable, j) => {
      const list = levelOrder.get(variable) ?? [];
      for (const value of totals.levels[j]) if (!list.includes(value)) list.push(value);
      levelOrder.set(variable, list);
    });
  }
  const strataTotals = options.strata ? marginTotalsFromTables([requireColumn(columns, options.strata)], tables) : undefined;
  if (strataTotals && options.strata && !levelOrder.has(options.strata)) levelOrder.set(options.strata, [...strataTotals.levels[0]]);
  for (const table of tables) {
    for (const column of table.columns) {
      if (!columns.has(column) || levelOrder.has(column)) continue;
      levelOrder.set(column, unique(table.rows.map((row) => row.values[column])));
    }
  }
  const levelIndex = new Map<string, Int32Array>();
  for (const [variable, levels] of levelOrder) {
    if (!columns.has(variable)) continue;
    const lookup = new Map(levels.map((value, index) => [value, index]));
    const indices = new Int32Array(n);
    const values = columnText(variable);
    for (let row = 0; row < n; row++) {
      const value = values[row];
      const index = lookup.get(value);
      if (index === undefined) {
        const shown = levels.length > 12 ? `${levels.slice(0, 12).join(', ')}, …` : levels.join(', ');
        throw new AnalysisInputError(
          `analyzeSurvey: respondents[${row}].${variable} = "${value}" is not a level in the population (valid: ${shown})`,
          `värdet "${value}" finns inte i befolkningsfilen (giltiga: ${shown})`,
          'respondents',
          { row, column: variable },
        );
      }
      indices[row] = index;
    }
    levelIndex.set(variable, indices);
  }

  // Population size and base weights.
  const populationSize = marginTotals.length > 0 ? sumValues(marginTotals[0].totals) : tables.length > 0 ? tables[0].rows.reduce((a, r) => a + r.count, 0) : NaN;
  if (marginTotals.length === 0 && tables.length > 1) {
    for (const table of tables.slice(1)) {
      const total = table.rows.reduce((a, r) => a + r.count, 0);
      if (Math.abs(total - populationSize) > 0.001 * Math.max(total, populationSize)) {
        throw new AnalysisInputError(
          `analyzeSurvey: population tables disagree on N by more than 0.1%: ${populationSize} vs ${total}`,
          `befolkningsfilerna ger olika totaler (${populationSize} och ${total}), skillnad över 0,1 %`,
          'population',
          { table: table.index, column: COUNT },
        );
      }
    }
  }
  const stratum = new Int32Array(n);
  let stratumCount = 1;
  const baseWeight = new Float64Array(n);
  let fpcFraction = new Float64Array(1);
  if (options.strata) {
    const levels = levelOrder.get(options.strata) as string[];
    const index = levelIndex.get(options.strata) as Int32Array;
    stratumCount = levels.length;
    const sampleSize = new Float64Array(stratumCount);
    for (let row = 0; row < n; row++) sampleSize[index[row]]++;
    const stratumPopulation = levels.map((value) => strataTotals?.totals.get(value) ?? 0);
    const used = levels.filter((_, h) => sampleSize[h] > 0);
    stratum.set(index);
    fpcFraction = new Float64Array(stratumCount);
    levels.forEach((value, h) => {
      if (sampleSize[h] > 0 && !(stratumPopulation[h] >= sampleSize[h])) {
        throw new AnalysisInputError(
          `analyzeSurvey: stratum ${value} has ${sampleSize[h]} respondents but a population of ${stratumPopulation[h]}`,
          `stratumet ${options.strata}=${value} har ${sampleSize[h]} svarande men befolkningen ${stratumPopulation[h]}`,
          'population',
          { table: strataTotals?.table, column: options.strata },
        );
      }
      if (options.fpc && sampleSize[h] > 0) fpcFraction[h] = sampleSize[h] / stratumPopulation[h];
    });
    void used;
    for (let row = 0; row < n; row++) baseWeight[row] = stratumPopulation[index[row]] / sampleSize[index[row]];
  } else if (options.weightColumn) {
    const column = requireColumn(columns, options.weightColumn);
    if (options.fpc) throw new InvalidInputError('analyzeSurvey: fpc needs simple random or stratified sampling, not a given weight column');
    for (let row = 0; row < n; row++) {
      const raw = text(row, column);
      const value = parseNumber(raw);
      if (value === undefined || !(value > 0)) {
        throw new AnalysisInputError(`analyzeSurvey: respondents[${row}].${column} is not a positive weight: "${raw}"`, `vikten "${raw}" är inte ett positivt tal`, 'respondents', { row, column });
      }
      baseWeight[row] = value;
    }
  } else {
    if (!(populationSize > 0)) {
      throw new AnalysisInputError('analyzeSurvey: the population size N is unknown or zero', 'befolkningens storlek saknas eller är noll (ange en befolkningsfil)', 'population', { table: 0, column: COUNT });
    }
    if (populationSize < n) {
      throw new AnalysisInputError(
        `analyzeSurvey: population size ${populationSize} is smaller than the ${n} respondents`,
        `befolkningen (${populationSize}) är mindre än antalet svarande (${n})`,
        'population',
        { table: 0, column: COUNT },
      );
    }
    baseWeight.fill(populationSize / n);
    if (options.fpc) fpcFraction[0] = n / populationSize;
  }

  // Cells and calibration.
  const calibrationVariables = unique(calibrationMargins.flat());
  const levelsOf = (variable: string): readonly string[] => levelOrder.get(variable) as string[];
  const buildCells = (weights: Float64Array): CalibrationCells =>
    buildCalibrationCells(
      calibrationVariables.map((variable) => levelIndex.get(variable) as Int32Array),
      calibrationVariables.map((variable) => levelsOf(variable).length),
      stratum,
      stratumCount,
      weights,
    );
  const marginObjects: Margin[] = marginTotals.map((totals) => toMargin(totals, calibrationVariables, levelsOf));
  let cells = buildCells(baseWeight);
  checkMarginCells(cells, marginObjects, { variables: calibrationVariables, levels: calibrationVariables.map(levelsOf) });
  const runCalibration = (c: CalibrationCells): CalibrationResult => {
    const tolerance = options.tolerance;
    const maxIterations = options.maxIterations;
    switch (method) {
      case 'none':
        return { method: 'none', factor: new Float64Array(c.cellCount).fill(1), iterations: 0, converged: true, maxMarginError: 0, projection: { kind: 'none' } };
      case 'poststrat':
        return postStratify(c, marginObjects[0]);
      case 'rake':
        if (options.bounds) return calibrate(c, marginObjects, { calfun: 'raking', bounds: options.bounds, tolerance, maxIterations });
        return rake(c, marginObjects, { tolerance, maxIterations });
      case 'linear':
      case 'raking':
        return calibrate(c, marginObjects, { calfun: method, bounds: options.bounds, tolerance, maxIterations });
    }
  };
  let calibration = runCalibration(cells);
  let weights = finalWeights(cells, calibration);
  let trimRounds = 0;
  if (options.trim) {
    const lower = options.trim.lower ?? -Infinity;
    const upper = options.trim.upper ?? Infinity;
    const maxRounds = options.trim.maxRounds ?? 10;
    while (trimRounds < maxRounds && weights.some((w) => w < lower * (1 - 1e-9) || w > upper * (1 + 1e-9))) {
      trimRounds++;
      cells = buildCells(trimWeights(weights, lower, upper));
      calibration = runCalibration(cells);
      weights = finalWeights(cells, calibration);
    }
  }
  return {
    respondentCount: n,
    columns,
    text,
    columnText,
    respondents,
    cells,
    calibration,
    fpcFraction,
    weights,
    levelOrder,
    populationSize: marginTotals.length > 0 ? populationSize : sumValues(weights),
    trimRounds,
    method,
    recalibrate: runCalibration,
  };
}

function estimateOutput(
  indicator: string,
  domain: Record<string, string>,
  e: LinearizedDomainEstimate,
  settings: { ciMethod: IntervalMethod; level: number; minCell: number },
  replicate?: { mean: number; logitMean: number; total: number },
): EstimateOutput {
  const empty = { indicator, domain, n: e.n, df: null, proportion: null, se: null, ci: null, total: null, totalSe: null, totalCi: null, deff: null, cv: null, flags: [] as string[] };
  if (e.n === 0) return { ...empty, suppressed: true, reason: 'n=0' };
  if (e.n < settings.minCell) return { ...empty, suppressed: true, reason: `n<${settings.minCell}` };
  const p = e.mean;
  const flags: string[] = [];
  if (replicate && !(Number.isFinite(replicate.mean) && Number.isFinite(replicate.total))) {
    return { ...empty, df: e.df, proportion: p, total: e.total, flags: ['jk1-undefined'], suppressed: false };
  }
  const se = Math.sqrt(replicate ? replicate.mean : e.meanVariance);
  const totalSe = Math.sqrt(replicate ? replicate.total : e.totalVariance);
  let ci: [number, number] | null = null;
  if (e.df >= 1) {
    if (settings.ciMethod === 'wilson') ci = effectiveWilsonInterval(p, se, e.n, settings.level);
    else if (settings.ciMethod === 'beta' || se === 0 || p === 0 || p === 1) {
      if (settings.ciMethod === 'logit') flags.push('ci=clopper-pearson');
      ci = kornGraubardInterval(p, se, e.df, e.rowsDf, e.n, settings.level);
    } else {
      // With replicates, the logit interval uses the replicate variance of logit(p̂), as svyciprop does on a replicate design.
      const logitSe = replicate ? Math.sqrt(replicate.logitMean) * p * (1 - p) : se;
      ci = logitInterval(p, logitSe, e.df, settings.level);
    }
    flags.push(...nchsReliabilityFlags({ p, se, n: e.n, df: e.df, rowsDf: e.rowsDf }));
  } else flags.push('df<1');
  return {
    indicator,
    domain,
    n: e.n,
    df: e.df,
    proportion: p,
    se,
    ci,
    total: e.total,
    totalSe,
    totalCi: ci ? [e.domainSize * ci[0], e.domainSize * ci[1]] : null,
    deff: e.deff === undefined ? null : replicate ? (e.deff * replicate.mean) / e.meanVariance : e.deff,
    cv: p > 0 ? se / p : null,
    flags,
    suppressed: false,
  };
}

function darkFigureOutput(estimate: EstimateOutput, registered: number, minCell: number): DarkFigureOutput {
  const base = { indicator: estimate.indicator, domain: estimate.domain };
  const hidden = { estimatedTotal: null, estimatedTotalCi: null, unregistered: null, unregisteredCi: null, detectionRatio: null, detectionRatioCi: null };
  if (registered < minCell) return { ...base, registered: null, ...hidden, suppressed: true, reason: `registered<${minCell}` };
  if (estimate.suppressed || estimate.total === null || estimate.totalCi === null) {
    return { ...base, registered, ...hidden, suppressed: true, reason: estimate.reason ?? 'no-interval' };
  }
  return { ...base, ...darkFigure(registered, estimate.total, estimate.totalCi), suppressed: false };
}

function weightingSummary(design: WeightedSurveyDesign): WeightingSummary {
  const w = design.weights;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < w.length; i++) {
    min = Math.min(min, w[i]);
    max = Math.max(max, w[i]);
    sum += w[i];
    sumSquares += w[i] * w[i];
  }
  const mean = sum / w.length;
  const positive = min >= 0;
  return {
    method: design.method,
    iterations: design.calibration.iterations,
    converged: design.calibration.converged,
    maxMarginError: design.calibration.maxMarginError,
    nEffective: positive ? kishEffectiveSampleSize(w) : (sum * sum) / sumSquares,
    weightMin: min,
    weightMax: max,
    weightCv: Math.sqrt(Math.max(0, sumSquares / w.length - mean * mean)) / mean,
    weightingDesignEffect: positive ? weightingDesignEffect(w) : (w.length * sumSquares) / (sum * sum),
    respondents: w.length,
    populationSize: sum,
    trimRounds: design.trimRounds,
  };
}

function domainLevels(design: WeightedSurveyDesign, spec: readonly string[]): { levelOf: Int32Array; tuples: string[][] } {
  const n = design.respondentCount;
  const levelOf = new Int32Array(n);
  if (spec.length === 0) return { levelOf, tuples: [[]] };
  const columns = spec.map((variable) => design.columnText(variable));
  const orders = spec.map((variable, j) => {
    const known = design.levelOrder.get(variable);
    const values = new Set<string>(columns[j]);
    values.delete('');
    const list = known ? known.filter((v) => values.has(v)) : [...values].sort((a, b) => a.localeCompare(b, 'sv'));
    return new Map(list.map((value, index) => [value, index]));
  });
  const keyOf = new Map<string, number>();
  const rankTuples: number[][] = [];
  const raw = new Int32Array(n);
  for (let row = 0; row < n; row++) {
    const ranks: number[] = [];
    let missing = false;
    for (let j = 0; j < spec.length; j++) {
      const rank = orders[j].get(columns[j][row]);
      if (rank === undefined) missing = true;
      ranks.push(rank ?? -1);
    }
    if (missing) {
      raw[row] = -1;
      continue;
    }
    const key = ranks.join(',');
    let index = keyOf.get(key);
    if (index === undefined) {
      index = rankTuples.length;
      keyOf.set(key, index);
      rankTuples.push(ranks);
    }
    raw[row] = index;
  }
  const sorted = rankTuples.map((ranks, index) => ({ ranks, index })).sort((a, b) => {
    for (let j = 0; j < a.ranks.length; j++) if (a.ranks[j] !== b.ranks[j]) return a.ranks[j] - b.ranks[j];
    return 0;
  });
  const remap = new Int32Array(rankTuples.length);
  sorted.forEach((entry, position) => (remap[entry.index] = position));
  for (let row = 0; row < n; row++) levelOf[row] = raw[row] < 0 ? -1 : remap[raw[row]];
  const labels = orders.map((order) => [...order.keys()]);
  return { levelOf, tuples: sorted.map((entry) => entry.ranks.map((rank, j) => labels[j][rank])) };
}

function indicatorValues(design: WeightedSurveyDesign, indicator: string): Float64Array {
  const values = new Float64Array(design.respondentCount);
  for (let row = 0; row < design.respondentCount; row++) {
    const cell = design.respondents[row][indicator];
    if (cell === 0 || cell === 1) {
      values[row] = cell;
      continue;
    }
    if (cell === '0' || cell === '1') {
      values[row] = cell === '1' ? 1 : 0;
      continue;
    }
    const raw = textOf(cell);
    if (raw === '' || REFUSED.has(raw.toLowerCase())) {
      values[row] = NaN;
      continue;
    }
    const value = parseNumber(raw);
    if (value !== 0 && value !== 1) {
      throw new AnalysisInputError(
        `analyzeSurvey: respondents[${row}].${indicator} must be 0, 1 or empty, got "${raw}"`,
        `värdet "${raw}" är inte 0 eller 1 (tom cell betyder saknat svar)`,
        'respondents',
        { row, column: indicator },
      );
    }
    values[row] = value;
  }
  return values;
}

interface RegisteredLookup {
  lookup(indicator: string, variables: readonly string[], values: readonly string[]): number | undefined;
}

function parseRegistered(table: RecordTable, design: WeightedSurveyDesign): RegisteredLookup {
  const columns = table.columns ?? Object.keys(table.rows[0] ?? {});
  if (table.rows.length === 0) throw new AnalysisInputError('analyzeSurvey: the registered table is empty', 'filen är tom', 'registered', {});
  for (const required of [INDICATOR, COUNT]) {
    if (!columns.includes(required)) {
      throw new AnalysisInputError(`analyzeSurvey: the registered table lacks the column ${required}`, `kolumnen ${required} saknas`, 'registered', { column: required });
    }
  }
  const domainColumns = columns.filter((c) => c !== INDICATOR && c !== COUNT);
  for (const column of domainColumns) {
    if (!design.columns.has(column)) {
      throw new AnalysisInputError(`analyzeSurvey: registered column ${column} is not a respondent column`, `okänd kolumn "${column}" (finns inte i svarsfilen)`, 'registered', { column });
    }
  }
  const rows = table.rows.map((record, row) => {
    const raw = textOf(record[COUNT]);
    const count = parseNumber(raw);
    if (count === undefined || !(count >= 0)) {
      throw new AnalysisInputError(`analyzeSurvey: registered[${row}].antal is not a non-negative number: "${raw}"`, `antal "${raw}" är inte ett icke-negativt tal`, 'registered', { row, column: COUNT });
    }
    const values: Record<string, string> = {};
    for (const column of domainColumns) values[column] = textOf(record[column]);
    return { indicator: textOf(record[INDICATOR]), values, count };
  });
  return {
    lookup(indicator, variables, values) {
      if (!variables.every((v) => domainColumns.includes(v))) return undefined;
      const own = rows.filter((r) => r.indicator === indicator);
      const matches = (r: (typeof rows)[number]): boolean => variables.every((v, j) => r.values[v] === values[j]);
      const exact = own.filter((r) => domainColumns.every((c) => (r.values[c] !== '') === variables.includes(c)) && matches(r));
      if (exact.length > 0) return exact.reduce((a, r) => a + r.count, 0);
      const detail = own.filter((r) => domainColumns.every((c) => r.values[c] !== '') && matches(r));
      if (detail.length > 0) return detail.reduce((a, r) => a + r.count, 0);
      return undefined;
    },
  };
}

function parsePopulationTable(
  table: RecordTable,
  index: number,
  ageGroups: readonly AgeGroup[] | undefined,
  collapse: Readonly<Record<string, Readonly<Record<string, string>>>>,
  kommun: string | undefined,
): ParsedPopulationTable {
  const columns = [...(table.columns ?? Object.keys(table.rows[0] ?? {}))];
  if (table.rows.length === 0) throw new AnalysisInputError(`analyzeSurvey: population table ${index} is empty`, 'filen är tom', 'population', { table: index });
  if (!columns.includes(COUNT)) {
    throw new AnalysisInputError(`analyzeSurvey: population table ${index} lacks the column antal`, 'kolumnen antal saknas', 'population', { table: index, column: COUNT });
  }
  const kommunColumns: string[] = columns.filter((c) => c === 'kommunkod' || c === 'kommun');
  const binAge = ageGroups !== undefined && columns.includes(AGE) && !columns.includes(AGE_GROUP);
  const kept = columns.filter((c) => c !== COUNT && !kommunColumns.includes(c)).map((c) => (binAge && c === AGE ? AGE_GROUP : c));
  const rows: { row: number; values: Record<string, string>; count: number }[] = [];
  const kommuner = new Set<string>();
  table.rows.forEach((record, row) => {
    const rawCount = textOf(record[COUNT]);
    const count = parseNumber(rawCount);
    if (count === undefined || !(count >= 0)) {
      throw new AnalysisInputError(`analyzeSurvey: population table ${index} row ${row}: antal is not a non-negative number: "${rawCount}"`, `antal "${rawCount}" är inte ett icke-negativt tal`, 'population', { table: index, row, column: COUNT });
    }
    if (kommunColumns.length > 0) {
      const codes = kommunColumns.map((c) => textOf(record[c]));
      if (kommun !== undefined && !codes.includes(kommun)) return;
      kommuner.add(codes[0]);
    }
    const values: Record<string, string> = {};
    for (const column of columns) {
      if (column === COUNT || kommunColumns.includes(column)) continue;
      let value = textOf(record[column]);
      let name = column;
      if (binAge && column === AGE) {
        const age = parseNumber(value);
        if (age === undefined) {
          throw new AnalysisInputError(`analyzeSurvey: population table ${index} row ${row}: alder is not a number: "${value}"`, `åldern "${value}" är inte ett tal`, 'population', { table: index, row, column: AGE });
        }
        const group = ageGroupOf(age, ageGroups as readonly AgeGroup[]);
        if (group === undefined) return;
        value = group;
        name = AGE_GROUP;
      }
      values[name] = collapse[name]?.[value] ?? value;
    }
    rows.push({ row, values, count });
  });
  if (kommunColumns.length > 0 && kommuner.size !== 1) {
    throw new AnalysisInputError(
      `analyzeSurvey: population table ${index} holds ${kommuner.size} kommuner; choose one`,
      kommuner.size === 0 ? `kommunen "${kommun}" finns inte i filen` : `filen innehåller ${kommuner.size} kommuner; välj en med --kommun`,
      'population',
      { table: index, column: kommunColumns[0] },
    );
  }
  return { index, columns: kept, rows };
}

function toMargin(totals: MarginTotals, calibrationVariables: readonly string[], levelsOf: (v: string) => readonly string[]): Margin {
  const variables = totals.variables.map((v) => calibrationVariables.indexOf(v));
  const sizes = totals.variables.map((v) => levelsOf(v).length);
  const lookups = totals.variables.map((v) => new Map(levelsOf(v).map((value, index) => [value, index])));
  const array = new Float64Array(sizes.reduce((a, b) => a * b, 1));
  for (const [key, total] of totals.totals) {
    const parts = key.split(KEY_SEPARATOR);
    let code = 0;
    parts.forEach((value, j) => (code = code * sizes[j] + (lookups[j].get(value) as number)));
    array[code] += total;
  }
  return { variables, totals: array };
}

function finalWeights(cells: CalibrationCells, calibration: CalibrationResult): Float64Array {
  const weights = new Float64Array(cells.respondentCount);
  for (let i = 0; i < weights.length; i++) weights[i] = cells.respondentBaseWeight[i] * calibration.factor[cells.cellOf[i]];
  return weights;
}

function requireColumn(columns: ReadonlySet<string>, column: string): string {
  if (!columns.has(column)) {
    throw new AnalysisInputError(`analyzeSurvey: unknown respondent column ${column}`, `okänd kolumn "${column}" (finns inte i svarsfilen)`, 'respondents', { column });
  }
  return column;
}

function requireRespondentColumn(design: WeightedSurveyDesign, column: string): void {
  requireColumn(design.columns, column);
}

function textOf(value: CellValue): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(value) : value.trim();
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function sumValues(values: Iterable<number> | ReadonlyMap<string, number>): number {
  let sum = 0;
  const iterable = values instanceof Map ? values.values() : (values as Iterable<number>);
  for (const value of iterable) sum += value;
  return sum;
}
