import type { CalibrationCells } from './calibration-cells';
import type { CalibrationResult } from './calibration-result';
import type { DomainCellSums } from './domain-cell-sums';
import { InvalidInputError } from './invalid-input-error';

/** One domain estimate to be replicated: its cell sums, level, and per-respondent level and values. */
export interface JackknifeQuantity {
  readonly sums: DomainCellSums;
  readonly level: number;
  readonly levelOf: Int32Array;
  readonly values: Float64Array;
}

/** Replicate variances of p̂, logit(p̂) and T̂ for each quantity (NaN where a replicate is undefined). */
export interface JackknifeVariances {
  readonly mean: Float64Array;
  readonly logitMean: Float64Array;
  readonly total: Float64Array;
}

/**
 * Delete-one jackknife (JK1) variances with re-calibration in every replicate.
 *
 * Replicate r drops respondent r and multiplies the other base weights by
 * n/(n − 1); the weights are then calibrated again to the same margins and
 * every estimate recomputed. With θ̄ the mean of the replicates,
 *
 *   V_JK1 = (1 − f) · (n − 1)/n · Σ_r (θ_r − θ̄)²
 *
 * (R's `as.svrepdesign(design, type = "JK1")` followed by `rake()`/`calibrate()`,
 * mse = FALSE). The logit variance is that of logit(p̂_r), which is what
 * `svyciprop(method = "logit")` uses on a replicate design. Works on joint
 * cells: a replicate changes the base weight of one cell only.
 *
 * Reference: R `survey::as.svrepdesign`, `svrVar`; Wolter (2007), Introduction
 * to Variance Estimation, ch. 4. Complexity: O(n · (calibration + quantities · cells)).
 *
 * @param recalibrate calibrates cells with replicate base weights (same method and margins)
 * @param fpcFraction n/N with fpc, else 0
 * @throws {InvalidInputError} if the design is stratified or has fewer than 2 respondents.
 * @example
 * jackknifeVariances(cells, recalibrate, quantities, 0).mean[0] // → 0.0246392019702² (toy kommun, raked, no fpc)
 */
export function jackknifeVariances(
  cells: CalibrationCells,
  recalibrate: (replicateCells: CalibrationCells) => CalibrationResult,
  quantities: readonly JackknifeQuantity[],
  fpcFraction: number,
): JackknifeVariances {
  const n = cells.respondentCount;
  if (cells.stratumCount !== 1) throw new InvalidInputError('jackknifeVariances: JK1 needs an unstratified design');
  if (n < 2) throw new InvalidInputError('jackknifeVariances: need at least 2 respondents');
  const Q = quantities.length;
  const C = cells.cellCount;
  const k = n / (n - 1);
  const sumMean = new Float64Array(Q);
  const sumSqMean = new Float64Array(Q);
  const sumLogit = new Float64Array(Q);
  const sumSqLogit = new Float64Array(Q);
  const sumTotal = new Float64Array(Q);
  const sumSqTotal = new Float64Array(Q);
  const replicateWeight = new Float64Array(C);
  // Sums are accumulated around the first replicate's values to avoid cancellation.
  const shiftMean = new Float64Array(Q);
  const shiftLogit = new Float64Array(Q);
  const shiftTotal = new Float64Array(Q);
  for (let r = 0; r < n; r++) {
    const cell = cells.cellOf[r];
    const w = cells.respondentBaseWeight[r];
    for (let c = 0; c < C; c++) replicateWeight[c] = cells.baseWeight[c] * k;
    replicateWeight[cell] = (cells.baseWeight[cell] - w) * k;
    const calibration = recalibrate({ ...cells, baseWeight: replicateWeight });
    const g = calibration.factor;
    for (let q = 0; q < Q; q++) {
      const { sums, level, levelOf, values } = quantities[q];
      const base = level * C;
      let weightSum = 0;
      let weightYSum = 0;
      let domainSize = 0;
      for (let c = 0; c < C; c++) {
        weightSum += g[c] * sums.weight[base + c];
        weightYSum += g[c] * sums.weightY[base + c];
        domainSize += g[c] * sums.allWeight[base + c];
      }
      if (levelOf[r] === level) {
        domainSize -= g[cell] * w;
        const y = values[r];
        if (y === y) {
          weightSum -= g[cell] * w;
          weightYSum -= g[cell] * w * y;
        }
      }
      const p = weightYSum / weightSum;
      const logit = Math.log(p / (1 - p));
      const total = k * domainSize * p;
      if (r === 0) {
        shiftMean[q] = p;
        shiftLogit[q] = logit;
        shiftTotal[q] = total;
      }
      const dm = p - shiftMean[q];
      const dl = logit - shiftLogit[q];
      const dt = total - shiftTotal[q];
      sumMean[q] += dm;
      sumSqMean[q] += dm * dm;
      sumLogit[q] += dl;
      sumSqLogit[q] += dl * dl;
      sumTotal[q] += dt;
      sumSqTotal[q] += dt * dt;
    }
  }
  const scale = (1 - fpcFraction) * ((n - 1) / n);
  const variance = (sum: Float64Array, sumSq: Float64Array): Float64Array =>
    sum.map((s, q) => {
      const value = scale * (sumSq[q] - (s * s) / n);
      return Number.isFinite(value) ? Math.max(0, value) : NaN;
    });
  return { mean: variance(sumMean, sumSqMean), logitMean: variance(sumLogit, sumSqLogit), total: variance(sumTotal, sumSqTotal) };
}
