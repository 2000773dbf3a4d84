import { parseAgeGroups, type AgeGroup } from '../domain/age-groups';
import { AGE_GROUP, binRespondentAges } from './age-binning';
import { AnalysisInputError } from './analysis-input-error';
import { simpleRandomBaseWeights, stratifiedBaseWeights, givenBaseWeights, type BaseWeights } from './base-weights';
import { calibrateDesign, type DesignCalibration } from './calibrate-design';
import { buildCalibrationCells, type CalibrationCells } from './calibration-cells';
import type { CalibrationResult } from './calibration-result';
import { checkMarginCells, marginCellLevels } from './check-margin-cells';
import { collapseLevels, type LevelRecoding } from './collapse-levels';
import { InvalidInputError } from './invalid-input-error';
import type { VarianceSettings } from './linearized-domain-estimate';
import { worstMarginCell } from './margin-error';
import { populationLevelOrder, weightingLevelIndex } from './population-levels';
import { calibrationMargin, checkMarginConsistency, marginTotalsFromTables, type MarginTotals } from './population-margin-totals';
import { COUNT, parsePopulationTable } from './population-tables';
import { categoricalOf, numericOf, requireColumn, selectRespondents, type RespondentColumn, type RespondentColumns } from './respondent-columns';
import type { CalibrationMethod, SurveyAnalysisInput, WeightingProblem } from './survey-analysis-types';
import { finalWeights, trimDesign } from './trim-design';

/** The weighted design behind an analysis: final weights and everything the estimators need. */
export interface WeightedSurveyDesign {
  readonly respondentCount: number;
  /** The weighted respondents: the input columns with `aldersgrupp` binned and levels collapsed (unweightable ones removed). */
  readonly respondents: RespondentColumns;
  readonly cells: CalibrationCells;
  readonly calibration: CalibrationResult;
  readonly variance: VarianceSettings;
  readonly weights: Float64Array;
  /** Population level order of the weighting variables (calibration, stratum, and columns the tables have). */
  readonly levelOrder: ReadonlyMap<string, readonly string[]>;
  readonly populationSize: number;
  readonly method: CalibrationMethod | 'none';
  readonly baseWeights: BaseWeights['kind'];
  readonly bounds: readonly [number, number] | null;
  readonly trim: { readonly lower: number | null; readonly upper: number | null } | null;
  /** Bounded-calibration steps or trimming passes (0 when no weight was outside the trim bounds). */
  readonly trimRounds: number;
  /** Final weights as they were before trimming (null without trimming). */
  readonly untrimmedWeights: Float64Array | null;
  readonly problems: readonly WeightingProblem[];
  /** Respondents left out of the weighting (option unweightable: 'exclude'), by first failing variable. */
  readonly unweightable?: { readonly respondents: RespondentColumns; readonly byValue: { variable: string; value: string; count: number }[] };
  /** Calibrates cells with other base weights by the same method and margins (used by the jackknife). */
  readonly recalibrate: (cells: CalibrationCells) => CalibrationResult;
}

const METHODS = ['none', 'rake', 'poststrat', 'linear', 'raking'];

/**
 * The weighting step of the survey analysis: bins ages and collapses levels
 * (respondents and population alike), reads the population margins, places
 * every respondent in the population levels (or leaves out those who cannot
 * be placed), builds the base weights (N/n, N_h/n_h or a given weight),
 * calibrates (post-stratification, raking, linear or raking calibration,
 * optionally bounded) and trims. A calibration that does not converge, or
 * trimming that cannot meet its bounds, is recorded in `problems`, never
 * dropped.
 *
 * Reference: R `svydesign`, `postStratify`, `rake`, `calibrate`, `trimWeights`.
 * Complexity: O(n · variables + cells · margins · iterations).
 *
 * @throws {AnalysisInputError} for bad input; {@link InvalidInputError} for invalid options.
 * @example
 * weightSurvey(input).weights[0] // → 102.1683098476 (toy kommun, raked)
 */
export function weightSurvey(input: SurveyAnalysisInput): WeightedSurveyDesign {
  const options = input.options;
  if (input.respondents.size === 0) throw new AnalysisInputError('analyzeSurvey: no respondents', 'filen har inga svarande', 'respondents', {});
  const ageGroups = typeof options.ageGroups === 'string' ? parseAgeGroups(options.ageGroups) : options.ageGroups;
  const collapse = options.collapse ?? {};
  const all = derivedColumns(input.respondents, ageGroups, options.referenceYear, collapse);
  const tables = input.population.map((table, index) => parsePopulationTable(table, index, ageGroups, collapse, options.kommun));

  const margins = (options.margins ?? []).filter((margin) => margin.length > 0);
  const method: CalibrationMethod | 'none' = margins.length === 0 ? 'none' : options.method ?? 'rake';
  if (!METHODS.includes(method)) throw new InvalidInputError(`analyzeSurvey: unknown method ${method}`);
  const calibrationMargins = method === 'poststrat' ? [[...new Set(margins.flat())]] : margins.map((margin) => [...margin]);
  for (const variable of calibrationMargins.flat()) requireColumn(all, variable);
  const marginTotals = calibrationMargins.map((margin) => marginTotalsFromTables(margin, tables));
  checkMarginConsistency(marginTotals);
  const strataTables = input.stratumSizes ? [parsePopulationTable(input.stratumSizes, tables.length, undefined, {}, undefined)] : tables;
  if (options.strata) requireColumn(all, options.strata);
  const strataTotals = options.strata ? marginTotalsFromTables([options.strata], strataTables) : undefined;
  const levelOrder = populationLevelOrder(
    marginTotals,
    strataTotals && { variable: strataTotals.variables[0], levels: strataTotals.levels[0] },
    tables,
    (column) => all.columns.has(column),
  );

  // Who can be weighted.
  const placed = weightingLevelIndex((variable) => categoricalOf(all, variable), levelOrder, options.unweightable ?? 'error');
  let respondents = all;
  let levelIndex = placed.index;
  let unweightable: WeightedSurveyDesign['unweightable'];
  if (placed.keep) {
    const keep = placed.keep;
    if (!keep.includes(1)) {
      const first = placed.byValue[0];
      throw new AnalysisInputError(
        `analyzeSurvey: no respondent can be weighted (e.g. ${first.variable} = "${first.value}")`,
        `inget svar kan vägas: värdena finns inte i befolkningstabellerna (${placed.byValue.slice(0, 5).map((e) => `${e.variable}="${e.value}"`).join(', ')})`,
        'respondents',
        { column: first.variable },
      );
    }
    respondents = selectRespondents(all, keep);
    unweightable = { respondents: selectRespondents(all, keep.map((k) => 1 - k)), byValue: placed.byValue };
    levelIndex = new Map([...placed.index].map(([variable, index]) => [variable, index.filter((_, i) => keep[i] === 1)]));
  }
  const n = respondents.size;

  // Base weights.
  const populationSize = marginTotals.length > 0 ? sum(marginTotals[0].totals.values()) : tables.length > 0 ? tables[0].rows.reduce((a, r) => a + r.count, 0) : NaN;
  if (marginTotals.length === 0) checkTableTotals(tables, populationSize);
  const fpc = options.fpc ?? false;
  let base: BaseWeights;
  if (options.strata && strataTotals) {
    const levels = levelOrder.get(options.strata) as readonly string[];
    const sizes = Float64Array.from(levels, (value) => strataTotals.totals.get(value) ?? 0);
    base = stratifiedBaseWeights(levelIndex.get(options.strata) as Int32Array, sizes, fpc, (h) => `${options.strata}=${levels[h]}`, strataTotals.table);
  } else if (options.weightColumn) {
    base = givenBaseWeights(numericOf(respondents, options.weightColumn), options.weightColumn, fpc);
  } else {
    base = simpleRandomBaseWeights(n, populationSize, fpc);
  }

  // Cells and calibration.
  const calibrationVariables = [...new Set(calibrationMargins.flat())];
  const levelsOf = (variable: string): readonly string[] => levelOrder.get(variable) as readonly string[];
  const names = { variables: calibrationVariables, levels: calibrationVariables.map(levelsOf), tables: marginTotals.map((t) => t.table) };
  const split = options.trim && base.kind === 'given' ? distinctValues(base.weights) : undefined;
  const buildCells = (weights: Float64Array): CalibrationCells =>
    buildCalibrationCells(
      calibrationVariables.map((variable) => levelIndex.get(variable) as Int32Array),
      calibrationVariables.map((variable) => levelsOf(variable).length),
      base.stratum,
      base.stratumCount,
      weights,
      split,
    );
  const settings: DesignCalibration = {
    method,
    margins: marginTotals.map((totals) => calibrationMargin(totals, calibrationVariables, levelsOf)),
    bounds: options.bounds,
    tolerance: options.tolerance,
    maxIterations: options.maxIterations,
  };
  let cells = buildCells(base.weights);
  checkMarginCells(cells, settings.margins, names);
  let calibration = calibrateDesign(cells, settings);
  let weights = finalWeights(cells, calibration);
  const problems: WeightingProblem[] = [];
  if (!calibration.converged) problems.push(marginProblem('calibration', cells, calibration, settings, names, marginTotals));
  let trimRounds = 0;
  let untrimmedWeights: Float64Array | null = null;
  if (options.trim && problems.length === 0) {
    if (options.variance === 'jk1') throw new InvalidInputError('analyzeSurvey: trimming cannot be combined with the jk1 variance');
    untrimmedWeights = weights;
    const trimmed = trimDesign(cells, calibration, settings, options.trim, buildCells);
    ({ cells, calibration, weights } = trimmed);
    trimRounds = trimmed.rounds;
    if (!trimmed.met) {
      problems.push(
        method === 'none'
          ? { kind: 'trimming', margin: null, cell: null, error: trimmed.outside, iterations: trimmed.rounds }
          : marginProblem('trimming', cells, calibration, settings, names, marginTotals),
      );
    }
  }
  return {
    respondentCount: n,
    respondents,
    cells,
    calibration,
    variance: { fpcFraction: base.fpcFraction, lonelyStratum: options.lonelyStratum ?? 'fail' },
    weights,
    levelOrder,
    populationSize: marginTotals.length > 0 ? populationSize : sum(weights),
    method,
    baseWeights: base.kind,
    bounds: options.bounds ?? null,
    trim: options.trim ? { lower: options.trim.lower ?? null, upper: options.trim.upper ?? null } : null,
    trimRounds,
    untrimmedWeights,
    problems,
    unweightable,
    recalibrate: (c) => calibrateDesign(c, settings),
  };
}

/** The respondents with `aldersgrupp` binned from ages (when age groups are given) and levels recoded by `collapse`. */
function derivedColumns(respondents: RespondentColumns, ageGroups: readonly AgeGroup[] | undefined, referenceYear: number | undefined, collapse: LevelRecoding): RespondentColumns {
  const columns = new Map<string, RespondentColumn>(respondents.columns);
  if (ageGroups) columns.set(AGE_GROUP, binRespondentAges(respondents, ageGroups, referenceYear));
  for (const [name, recoding] of Object.entries(collapse)) {
    const column = columns.get(name);
    if (column?.kind === 'categorical') columns.set(name, collapseLevels(column, recoding));
  }
  return { size: respondents.size, columns };
}

/** Without margins, several population tables must agree on N within 0.1%. */
function checkTableTotals(tables: readonly { index: number; rows: readonly { count: number }[] }[], populationSize: number): void {
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

/** The margin cell a calibration still misses, as a problem of the weighting. */
function marginProblem(
  kind: WeightingProblem['kind'],
  cells: CalibrationCells,
  calibration: CalibrationResult,
  settings: DesignCalibration,
  names: { variables: readonly string[]; levels: readonly (readonly string[])[] },
  marginTotals: readonly MarginTotals[],
): WeightingProblem {
  const worst = worstMarginCell(cells, settings.margins, calibration.factor);
  return {
    kind,
    margin: marginTotals[worst.margin].variables.join(':'),
    cell: marginCellLevels(settings.margins[worst.margin], worst.cell, cells.levelCounts, names),
    error: worst.difference,
    iterations: calibration.iterations,
  };
}

/** Index of each respondent's value among the distinct values (keeps cells apart by given base weight). */
function distinctValues(values: Float64Array): { codes: Int32Array; count: number } {
  const index = new Map<number, number>();
  const codes = Int32Array.from(values, (value) => {
    let code = index.get(value);
    if (code === undefined) index.set(value, (code = index.size));
    return code;
  });
  return { codes, count: index.size };
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
