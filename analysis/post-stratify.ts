import type { CalibrationCells, Margin } from './calibration-cells';
import { marginCellOfCells } from './calibration-cells';
import type { CalibrationResult } from './calibration-result';
import { InvalidInputError } from './invalid-input-error';
import { maxMarginError } from './margin-error';
import { regressionProjection } from './regression-projection';

/**
 * Post-stratification on one (possibly crossed) margin:
 *
 *   g_K = N_K / Σ_{i∈K} w0_i,  w_i = w0_i · g_{K(i)}
 *
 * so the weights reproduce every post-stratum total N_K exactly. The variance
 * projection subtracts the w0-weighted post-stratum mean of each influence
 * value, as R does.
 *
 * Reference: R `survey::postStratify(design, ~kon + aldersgrupp, pop)`;
 * Holt & Smith (1979), JRSS A 142:33–46. Complexity: O(cells).
 *
 * @throws {InvalidInputError} if a post-stratum has no weight but a positive total (check with `checkMarginCells` first for a friendlier message).
 * @example
 * // toy kommun, kön × åldersgrupp: weight of K 16–29 = 1900 / (20 · 123.353…) = 95
 * postStratify(cells, margin).factor
 */
export function postStratify(cells: CalibrationCells, margin: Margin): CalibrationResult {
  const of = marginCellOfCells(cells, margin);
  const sums = new Float64Array(margin.totals.length);
  for (let c = 0; c < cells.cellCount; c++) sums[of[c]] += cells.baseWeight[c];
  const factor = new Float64Array(cells.cellCount);
  for (let c = 0; c < cells.cellCount; c++) {
    const ratio = margin.totals[of[c]] / sums[of[c]];
    if (!Number.isFinite(ratio)) throw new InvalidInputError(`postStratify: post-stratum ${of[c]} has no sample weight`);
    factor[c] = ratio;
  }
  return {
    method: 'poststrat',
    factor,
    iterations: 1,
    converged: true,
    maxMarginError: maxMarginError(cells, [margin], factor, [of]),
    projection: regressionProjection(cells, [margin]),
  };
}
