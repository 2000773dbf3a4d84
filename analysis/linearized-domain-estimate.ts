import type { CalibrationCells } from './calibration-cells';
import type { CalibrationResult } from './calibration-result';
import { calibratedVariance } from './calibrated-variance';
import type { DomainCellSums } from './domain-cell-sums';

/** A domain mean/proportion and total with their linearised variances. */
export interface LinearizedDomainEstimate {
  /** Respondents in the domain with a non-missing value. */
  readonly n: number;
  /** Respondents in the domain, missing or not. */
  readonly nAll: number;
  /** R's degf of the domain subset, rows with a missing value included: respondents − strata represented. */
  readonly df: number;
  /** The same counting only respondents with a value (the `answered` convention). */
  readonly dfAnswered: number;
  /** R's nrow(subset) − 1 for the domain with missing rows (the whole sample's n − 1 when calibrated). */
  readonly rowsDf: number;
  /** nrow − 1 counting only respondents with a value (the whole sample's n − 1 when calibrated). */
  readonly rowsDfAnswered: number;
  readonly mean: number;
  readonly meanVariance: number;
  /** N̂_d = Σ_{i∈d} w_i over all respondents in the domain (= N_d when the domain is calibrated). */
  readonly domainSize: number;
  /** T̂ = N̂_d · p̂ (= Σ w·y when nothing is missing). */
  readonly total: number;
  readonly totalVariance: number;
  /** Design effect of the mean as R's svymean(deff = TRUE); undefined when not defined. */
  readonly deff: number | undefined;
}

/** How the variance treats strata: sampling fractions and what a single-respondent stratum contributes. */
export interface VarianceSettings {
  /** Sampling fraction f_h per stratum (0 without fpc). */
  readonly fpcFraction: Float64Array;
  readonly lonelyStratum: 'fail' | 'adjust';
}

/**
 * Weighted mean (proportion for 0/1 values) and total of y in one domain
 * level, with Taylor-linearisation variances that account for the
 * calibration, from the per-cell sums of {@link accumulateDomainCellSums}.
 *
 *   p̂ = Σ w y / Σ w                 (non-missing respondents in d)
 *   influence of p̂:  u_i = I_d·(y_i − p̂)/Σw
 *   T̂ = N̂_d·p̂,  influence u_i = I_d·[p̂ + I_obs·(y_i − p̂)·N̂_d/Σw]
 *   deff = V(p̂) / [svyvar(y) · (Σw − n)/(Σw · n)]
 *
 * A missing value leaves the respondent out of this indicator only, as R's
 * `svymean(na.rm = TRUE)` (a zero-weight subset, so the domain variance uses
 * the whole sample's n/(n − 1), as `svyby` does on a calibrated design).
 *
 * Degrees of freedom are R's `degf()` of the domain subset with its missing
 * rows, `nAll − strata`, which is what `svyciprop(~y, subset(design, d))`
 * uses by default; `dfAnswered` counts only the rows with a value.
 *
 * Reference: R `svymean`, `svytotal`, `svyby(…, svymean)`, `degf`; Lumley (2010),
 * Complex Surveys, §2.4 and §7. Complexity: O(cells · margins · sweeps).
 *
 * @example
 * linearizedDomainEstimate(cells, raked, { fpcFraction, lonelyStratum: 'fail' }, sums, 0).mean // → 0.1029847281 (toy kommun)
 */
export function linearizedDomainEstimate(
  cells: CalibrationCells,
  calibration: CalibrationResult,
  variance: VarianceSettings,
  sums: DomainCellSums,
  level: number,
): LinearizedDomainEstimate {
  const C = cells.cellCount;
  const base = level * C;
  const g = calibration.factor;
  let n = 0;
  let nAll = 0;
  let weightSum = 0;
  let weightYSum = 0;
  let domainSize = 0;
  const strataAnswered = new Uint8Array(cells.stratumCount);
  const strataAll = new Uint8Array(cells.stratumCount);
  for (let c = 0; c < C; c++) {
    const k = base + c;
    n += sums.count[k];
    nAll += sums.allCount[k];
    weightSum += g[c] * sums.weight[k];
    weightYSum += g[c] * sums.weightY[k];
    domainSize += g[c] * sums.allWeight[k];
    if (sums.count[k] > 0) strataAnswered[cells.stratumOfCell[c]] = 1;
    if (sums.allCount[k] > 0) strataAll[cells.stratumOfCell[c]] = 1;
  }
  const calibrated = calibration.projection.kind !== 'none';
  const df = nAll - strataAll.reduce((a, b) => a + b, 0);
  const dfAnswered = n - strataAnswered.reduce((a, b) => a + b, 0);
  const rowsDf = calibrated ? cells.respondentCount - 1 : nAll - 1;
  const rowsDfAnswered = calibrated ? cells.respondentCount - 1 : n - 1;
  const degrees = { df, dfAnswered, rowsDf, rowsDfAnswered };
  if (n === 0 || weightSum === 0) {
    return { n, nAll, ...degrees, mean: NaN, meanVariance: NaN, domainSize, total: NaN, totalVariance: NaN, deff: undefined };
  }
  const p = weightYSum / weightSum;
  const meanVariance = influenceVariance(cells, calibration, variance, sums, base, 0, 1 / weightSum, p);
  const totalVariance = influenceVariance(cells, calibration, variance, sums, base, p, domainSize / weightSum, p);
  let deff: number | undefined;
  if (n > 1 && weightSum >= n) {
    let ss = 0;
    for (let c = 0; c < C; c++) {
      const k = base + c;
      ss += g[c] * (sums.weightYY[k] - 2 * p * sums.weightY[k] + p * p * sums.weight[k]);
    }
    const populationVariance = ((n / (n - 1)) * ss) / weightSum;
    const srsVariance = (populationVariance * (weightSum - n)) / (weightSum * n);
    deff = srsVariance > 0 ? meanVariance / srsVariance : undefined;
  }
  return { n, nAll, ...degrees, mean: p, meanVariance, domainSize, total: domainSize * p, totalVariance, deff };
}

/** Variance of Σ w·u for u_i = I_d·(a + b·I_obs·(y_i − p)). */
function influenceVariance(
  cells: CalibrationCells,
  calibration: CalibrationResult,
  variance: VarianceSettings,
  s: DomainCellSums,
  base: number,
  a: number,
  b: number,
  p: number,
): number {
  const C = cells.cellCount;
  const sum = new Float64Array(C);
  const weighted = new Float64Array(C);
  const weightedSquared = new Float64Array(C);
  const squareWeightedSquared = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    const k = base + c;
    const allWeightSquared = s.allWeightSquared[k];
    const centredW2 = s.weightSquaredY[k] - p * s.weightSquared[k];
    sum[c] = a * s.allCount[k] + b * (s.sumY[k] - p * s.count[k]);
    weighted[c] = a * s.allWeight[k] + b * (s.weightY[k] - p * s.weight[k]);
    weightedSquared[c] = a * allWeightSquared + b * centredW2;
    squareWeightedSquared[c] =
      a * a * allWeightSquared +
      2 * a * b * centredW2 +
      b * b * (s.weightSquaredYY[k] - 2 * p * s.weightSquaredY[k] + p * p * s.weightSquared[k]);
  }
  return calibratedVariance(cells, calibration, variance.fpcFraction, { sum, weighted, weightedSquared, squareWeightedSquared }, variance.lonelyStratum);
}
