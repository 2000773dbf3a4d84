import { AnalysisInputError } from './analysis-input-error';
import { domainCellGroups } from './domain-cell-groups';
import { accumulateDomainCellSumsBySpec, accumulateGroupedDomainCellSums } from './domain-cell-sums';
import { domainLevels } from './domain-levels';
import { darkFigureOutput, estimateOutput, type EstimateSettings } from './estimate-output';
import { InvalidInputError } from './invalid-input-error';
import { jackknifeVariances, type JackknifeQuantity, type JackknifeVariances } from './jackknife-variance';
import { linearizedDomainEstimate, type LinearizedDomainEstimate } from './linearized-domain-estimate';
import { registeredCounts } from './registered-counts';
import { suppressDomainTables } from './suppress-domain-tables';
import { numericOf, requireColumn, type RespondentColumns } from './respondent-columns';
import type { DarkFigureOutput, EstimateOutput, SurveyAnalysisInput, SurveyAnalysisResult } from './survey-analysis-types';
import { unweightedEstimates } from './unweighted-estimates';
import { weightSurvey } from './weight-survey';
import { weightingSummary } from './weighting-summary';

/**
 * Survey analysis end to end: weights (base weights N/n, N_h/n_h or given,
 * calibration by raking, post-stratification or GREG, optional bounds and
 * trimming), then for every indicator the overall and domain proportions
 * with calibrated linearised SEs, confidence intervals, totals, design
 * effects, NCHS reliability flags, disclosure suppression (below `minCell`
 * respondents, with complementary suppression of further levels so that no
 * hidden figure can be derived from the shown ones: suppressDomainTables), and
 * the mörkertal against registered counts.
 *
 * This is the engine's public entry point; the CLI (`cli/analyze.ts`) and the
 * server build the typed respondent columns (buildRespondentColumns) and
 * call it. Methods and formulas: docs/analysis.md.
 *
 * Reference: R `survey` 4.x — svydesign(ids = ~1, strata, weights, fpc), rake(),
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
  const df = options.df ?? 'design';
  if (!(level > 0 && level < 1)) throw new InvalidInputError(`analyzeSurvey: level must lie in (0, 1), got ${level}`);
  if (!['logit', 'beta', 'wilson'].includes(ciMethod)) throw new InvalidInputError(`analyzeSurvey: ci must be logit, beta or wilson, got ${ciMethod}`);
  if (!(minCell >= 0) || !Number.isInteger(minCell)) throw new InvalidInputError(`analyzeSurvey: minCell must be a non-negative integer, got ${minCell}`);
  if (df !== 'design' && df !== 'answered') throw new InvalidInputError(`analyzeSurvey: df must be design or answered, got ${df}`);
  if (options.variance !== undefined && options.variance !== 'linearization' && options.variance !== 'jk1') {
    throw new InvalidInputError(`analyzeSurvey: variance must be linearization or jk1, got ${options.variance}`);
  }
  if (options.indicators.length === 0) throw new InvalidInputError('analyzeSurvey: need at least one indicator');
  for (const indicator of options.indicators) requireColumn(input.respondents, indicator);
  const design = weightSurvey(input);
  const respondents = design.respondents;
  const specs: (readonly string[])[] = [[], ...(options.by ?? [])];
  for (const spec of specs) for (const variable of spec) requireColumn(respondents, variable);
  const domains = specs.map((spec) => domainLevels(respondents, design.levelOrder, spec));
  const registered = input.registered ? registeredCounts(input.registered, (column) => respondents.columns.has(column)) : undefined;

  // Respondents who add the same weight to the same cells, grouped once for every indicator.
  const levelOfs = domains.map((d) => d.levelOf);
  const levelCounts = domains.map((d) => d.tuples.length);
  const groups = domainCellGroups(design.cells.cellOf, design.cells.respondentBaseWeight, levelOfs);
  const pending: { indicator: string; spec: number; level: number; domain: Record<string, string>; linearized: LinearizedDomainEstimate; quantity: JackknifeQuantity }[] = [];
  for (const indicator of options.indicators) {
    const values = indicatorValues(respondents, indicator);
    const bySpec = groups
      ? accumulateGroupedDomainCellSums(groups, levelCounts, design.cells.cellCount, values)
      : accumulateDomainCellSumsBySpec(design.cells.cellOf, design.cells.respondentBaseWeight, levelOfs, levelCounts, design.cells.cellCount, values);
    for (let s = 0; s < specs.length; s++) {
      const domain = domains[s];
      const sums = bySpec[s];
      for (let l = 0; l < domain.tuples.length; l++) {
        pending.push({
          indicator,
          spec: s,
          level: l,
          domain: Object.fromEntries(specs[s].map((variable, j) => [variable, domain.tuples[l][j]])),
          linearized: linearizedDomainEstimate(design.cells, design.calibration, design.variance, sums, l),
          quantity: { sums, level: l, levelOf: domain.levelOf, values },
        });
      }
    }
  }
  let replicate: JackknifeVariances | undefined;
  if (options.variance === 'jk1') replicate = jackknifeVariances(design.cells, design.recalibrate, pending.map((p) => p.quantity), design.variance.fpcFraction[0]);
  const settings: EstimateSettings = { ciMethod, level, minCell, df, weightingFailed: design.problems.length > 0 };
  const estimates: EstimateOutput[] = [];
  const darkFigures: DarkFigureOutput[] = [];
  pending.forEach((p, q) => {
    const override = replicate ? { mean: replicate.mean[q], logitMean: replicate.logitMean[q], total: replicate.total[q] } : undefined;
    const estimate = estimateOutput(p.indicator, p.domain, p.linearized, settings, override);
    estimates.push(estimate);
    const count = registered?.lookup(p.indicator, specs[p.spec], domains[p.spec].tuples[p.level]);
    if (count !== undefined) darkFigures.push(darkFigureOutput(estimate, count, minCell));
  });
  const suppressed = suppressDomainTables(estimates, darkFigures, minCell);
  const result: SurveyAnalysisResult = { weighting: weightingSummary(design), estimates: suppressed.estimates, darkFigure: suppressed.darkFigure };
  if (options.unweightable !== 'exclude') return result;
  const left = design.unweightable;
  return {
    ...result,
    unweightable: {
      count: left?.respondents.size ?? 0,
      byValue: left?.byValue ?? [],
      estimates: left ? unweightedEstimates(left.respondents, options.indicators, minCell) : [],
    },
  };
}

/** An indicator column as 0/1 values with NaN for missing. @throws {AnalysisInputError} for any other value. */
function indicatorValues(respondents: RespondentColumns, indicator: string): Float64Array {
  const values = numericOf(respondents, indicator, 'indicator');
  for (let row = 0; row < values.length; row++) {
    const y = values[row];
    if (y === 0 || y === 1 || y !== y) continue;
    throw new AnalysisInputError(
      `analyzeSurvey: respondents[${row}].${indicator} must be 0, 1 or empty, got "${y}"`,
      `värdet "${y}" är inte 0 eller 1 (tom cell betyder saknat svar)`,
      'respondents',
      { row, column: indicator },
    );
  }
  return values;
}
