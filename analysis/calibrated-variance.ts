import type { CalibrationCells } from './calibration-cells';
import type { CalibrationResult } from './calibration-result';
import { InvalidInputError } from './invalid-input-error';

/**
 * Per-joint-cell sums of an influence variable u (zero outside the domain):
 * Σu, Σw0·u, Σw0²·u and Σw0²·u².
 */
export interface InfluenceCellSums {
  readonly sum: Float64Array;
  readonly weighted: Float64Array;
  readonly weightedSquared: Float64Array;
  readonly squareWeightedSquared: Float64Array;
}

/**
 * Taylor-linearisation variance of a calibrated estimator with influence
 * values u_i, accounting for the calibration:
 *
 *   x_i = w_i·u_i, then x ← x − (part explained by the calibration)
 *   V = Σ_h (1 − f_h) · n_h/(n_h − 1) · Σ_{i∈h} (x_i − x̄_h)²
 *
 * A stratum with a single respondent has no within-stratum variance. With
 * `lonelyStratum = 'fail'` (R's default `options(survey.lonely.psu = "fail")`)
 * that is an error; with `'adjust'` it contributes (1 − f_h)·x_i², i.e. it is
 * centred at zero, the grand mean of the influence values
 * (`options(survey.lonely.psu = "adjust")`, conservative).
 *
 * where the explained part is R's (see {@link CalibrationProjection}): the
 * w0-weighted regression on the margin indicators for post-stratification and
 * calibrate(), ten backfitting sweeps for rake(). Because the calibration
 * factor and the projection are constant within a joint cell, x_i =
 * w0_i·(g_c·u_i − B_c) and everything runs on cell sums; the projection
 * (Gram pseudo-inverse) is built once and reused for every domain.
 *
 * Reference: R `survey:::svyrecvar` and `survey:::onestrat`; Särndal,
 * Swensson & Wretman (1992), Model Assisted Survey Sampling, §6.6.
 * Complexity: O(cells · margins · sweeps), independent of n.
 *
 * @param fpcFraction sampling fraction f_h per stratum (0 without fpc)
 * @param lonelyStratum what a stratum with one respondent contributes (see above); default `fail`
 * @throws {InvalidInputError} if a stratum has one respondent and lonelyStratum is `fail`.
 * @example
 * calibratedVariance(cells, calibration, new Float64Array(1), sums) // → 0.000540436…  (toy kommun, raked mean, with fpc)
 */
export function calibratedVariance(
  cells: CalibrationCells,
  calibration: CalibrationResult,
  fpcFraction: Float64Array,
  u: InfluenceCellSums,
  lonelyStratum: 'fail' | 'adjust' = 'fail',
): number {
  const C = cells.cellCount;
  const g = calibration.factor;
  const offset = explainedOffset(cells, calibration, u);
  const H = cells.stratumCount;
  const sx = new Float64Array(H);
  const sxx = new Float64Array(H);
  for (let c = 0; c < C; c++) {
    const h = cells.stratumOfCell[c];
    const b = offset ? offset[c] : 0;
    const gc = g[c];
    sx[h] += gc * u.weighted[c] - b * cells.baseWeight[c];
    sxx[h] += gc * gc * u.squareWeightedSquared[c] - 2 * gc * b * u.weightedSquared[c] + b * b * cells.baseWeightSquared[c];
  }
  let variance = 0;
  for (let h = 0; h < H; h++) {
    const n = cells.stratumSize[h];
    if (n === 0 || fpcFraction[h] >= 1 - 1e-7) continue;
    if (n === 1) {
      if (lonelyStratum === 'fail') {
        throw new InvalidInputError(`calibratedVariance: stratum ${h} has 1 respondent; at least 2 are needed for a variance (or lonelyStratum 'adjust')`);
      }
      variance += (1 - fpcFraction[h]) * sxx[h];
      continue;
    }
    const ss = Math.max(0, sxx[h] - (sx[h] * sx[h]) / n);
    variance += (1 - fpcFraction[h]) * (n / (n - 1)) * ss;
  }
  return variance;
}

/** B_c such that the projected x_i = w0_i·(g_c·u_i − B_c); undefined for no calibration. */
function explainedOffset(cells: CalibrationCells, calibration: CalibrationResult, u: InfluenceCellSums): Float64Array | undefined {
  const projection = calibration.projection;
  const C = cells.cellCount;
  const g = calibration.factor;
  if (projection.kind === 'none') return undefined;
  const offset = new Float64Array(C);
  if (projection.kind === 'regression') {
    const { columnOfCell, marginCount, columnCount: k, gramPseudoInverse } = projection;
    const r = new Float64Array(k);
    for (let c = 0; c < C; c++) for (let j = 0; j < marginCount; j++) r[columnOfCell[c * marginCount + j]] += u.weighted[c];
    const beta = new Float64Array(k);
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let b = 0; b < k; b++) s += gramPseudoInverse[a * k + b] * r[b];
      beta[a] = s;
    }
    for (let c = 0; c < C; c++) {
      let fitted = 0;
      for (let j = 0; j < marginCount; j++) fitted += beta[columnOfCell[c * marginCount + j]];
      offset[c] = g[c] * fitted;
    }
    return offset;
  }
  const { marginCellOf, marginCellCount, stepFactor, sweeps } = projection;
  const numerators = marginCellCount.map((count) => new Float64Array(count));
  const denominators = marginCellCount.map((count, j) => {
    const d = new Float64Array(count);
    for (let c = 0; c < C; c++) d[marginCellOf[j][c]] += cells.count[c];
    return d;
  });
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let j = 0; j < marginCellOf.length; j++) {
      const of = marginCellOf[j];
      const s = stepFactor[j];
      const num = numerators[j].fill(0);
      for (let c = 0; c < C; c++) num[of[c]] += (g[c] * u.sum[c] - cells.count[c] * offset[c]) / s[c];
      const den = denominators[j];
      for (let c = 0; c < C; c++) offset[c] += (s[c] * num[of[c]]) / den[of[c]];
    }
  }
  return offset;
}
