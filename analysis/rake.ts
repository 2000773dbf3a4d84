import type { CalibrationCells, Margin } from './calibration-cells';
import { marginCellOfCells } from './calibration-cells';
import type { CalibrationResult } from './calibration-result';
import { InvalidInputError } from './invalid-input-error';
import { maxMarginError } from './margin-error';

export interface RakeOptions {
  /**
   * Converged when every margin is within tolerance · N of its total. Default 1e-9.
   * Sweeps continue to tolerance · N / 100 (or maxIterations) so that the weights
   * agree with R's tightly converged `rake()` to about 1e-11.
   */
  readonly tolerance?: number;
  /** Maximum number of sweeps over the margins. Default 100. */
  readonly maxIterations?: number;
}

/**
 * Raking (iterative proportional fitting, Deming–Stephan) of the base
 * weights to any list of margins, each a single variable or a crossing.
 *
 * One sweep post-stratifies on each margin in turn:
 *
 *   g_c ← g_c · N_K / Σ_{c'∈K} W0_{c'} g_{c'}   for every cell K of margin j
 *
 * It has converged when the largest absolute margin difference is at most
 * tolerance · N (N = total of the first margin); sweeps go on to a hundredth
 * of that or `maxIterations`. If the tolerance is not met, `converged` is false. Works on joint cells, so a
 * sweep costs O(cells · margins) whatever the number of respondents.
 *
 * The variance projection is R's: ten backfitting sweeps with the per-margin
 * weights of the last raking sweep (see {@link CalibrationProjection}).
 *
 * Reference: R `survey::rake(design, list(~kon + aldersgrupp, ~omrade), list(pk, po),
 * control = list(maxit = 100, epsilon = 1e-10))`; Deming & Stephan (1940),
 * Ann. Math. Stat. 11:427–444.
 * Complexity: O(iterations · cells · margins).
 *
 * @throws {InvalidInputError} if there are no margins, a margin cell with a positive total has no sample weight, or the options are invalid.
 * @example
 * // toy kommun raked on kön × åldersgrupp and område:
 * rake(cells, margins).converged // → true; weight of K 16–29 Norr → 102.1683098476
 */
export function rake(cells: CalibrationCells, margins: readonly Margin[], options: RakeOptions = {}): CalibrationResult {
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 100;
  if (margins.length === 0) throw new InvalidInputError('rake: need at least one margin');
  if (!(tolerance > 0)) throw new InvalidInputError(`rake: tolerance must be positive, got ${tolerance}`);
  if (!(maxIterations >= 1)) throw new InvalidInputError(`rake: maxIterations must be at least 1, got ${maxIterations}`);
  const marginCellOf = margins.map((margin) => marginCellOfCells(cells, margin));
  const populationSize = margins[0].totals.reduce((a, b) => a + b, 0);
  const factor = new Float64Array(cells.cellCount).fill(1);
  const stepFactor = margins.map(() => new Float64Array(cells.cellCount));
  const sums = margins.map((margin) => new Float64Array(margin.totals.length));
  let iterations = 0;
  let converged: boolean;
  let error = Infinity;
  while (iterations < maxIterations) {
    iterations++;
    for (let j = 0; j < margins.length; j++) {
      const of = marginCellOf[j];
      const sum = sums[j].fill(0);
      for (let c = 0; c < cells.cellCount; c++) sum[of[c]] += cells.baseWeight[c] * factor[c];
      const totals = margins[j].totals;
      for (let c = 0; c < cells.cellCount; c++) {
        const ratio = totals[of[c]] / sum[of[c]];
        if (!Number.isFinite(ratio)) throw new InvalidInputError(`rake: margin ${j} cell ${of[c]} has no sample weight`);
        factor[c] *= ratio;
      }
      stepFactor[j].set(factor);
    }
    error = maxMarginError(cells, margins, factor, marginCellOf);
    if (error <= (tolerance / 100) * populationSize) break;
  }
  converged = error <= tolerance * populationSize;
  return {
    method: 'rake',
    factor,
    iterations,
    converged,
    maxMarginError: error,
    projection: {
      kind: 'backfitting',
      marginCellOf,
      marginCellCount: margins.map((margin) => margin.totals.length),
      stepFactor,
      sweeps: 10,
    },
  };
}
