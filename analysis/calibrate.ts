import type { CalibrationCells, Margin } from './calibration-cells';
import type { CalibrationResult } from './calibration-result';
import { InvalidInputError } from './invalid-input-error';
import { maxMarginError } from './margin-error';
import { regressionProjection } from './regression-projection';
import { symmetricPseudoInverse } from './symmetric-pseudo-inverse';

export interface CalibrateOptions {
  /** `linear` (GREG, chi-square distance) or `raking` (multiplicative, exponential). Default linear. */
  readonly calfun?: 'linear' | 'raking';
  /** Bounds [L, U] on the calibration factor g = w / w0. Default [−∞, ∞]. */
  readonly bounds?: readonly [number, number];
  /** Converged when every margin is within tolerance · N (default 1e-9); iterates on to a hundredth of that. */
  readonly tolerance?: number;
  /** Maximum Newton steps. Default 50. */
  readonly maxIterations?: number;
}

/**
 * Calibration of the base weights to margin totals by a distance function
 * (Deville & Särndal 1992): find η with
 *
 *   Σ_i w0_i F(m_iᵀη) m_i = population totals,   w_i = w0_i F(m_iᵀη)
 *
 * where m_i holds the indicators of i's cell in each margin and
 * F(u) = clamp(1 + u, L, U) (linear/GREG) or clamp(exp(u), L, U) (raking).
 * Newton steps Δη = (Σ w0 F′ m mᵀ)⁺ · misfit, exactly as R's `grake`, but on
 * joint cells. Unbounded linear calibration converges in one step and is the
 * GREG estimator; unbounded raking gives the same weights as {@link rake}.
 *
 * The variance projection is the w0-weighted regression residual, as R records
 * for `calibrate` (`greg_calibration`).
 *
 * Reference: R `survey::calibrate(design, ~kon:aldersgrupp + omrade, pop,
 * calfun = "linear" | "raking", bounds = c(L, U))`; Deville & Särndal (1992),
 * JASA 87:376–382. Complexity: O(iterations · (cells · margins² + k³)).
 *
 * @throws {InvalidInputError} for no margins, bounds with L ≥ 1 or U ≤ 1, or invalid options.
 * @example
 * calibrate(cells, margins, { calfun: 'linear' }).maxMarginError // → ~1e-12
 */
export function calibrate(cells: CalibrationCells, margins: readonly Margin[], options: CalibrateOptions = {}): CalibrationResult {
  const calfun = options.calfun ?? 'linear';
  const [lower, upper] = options.bounds ?? [-Infinity, Infinity];
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 50;
  if (margins.length === 0) throw new InvalidInputError('calibrate: need at least one margin');
  if (!(lower < 1 && upper > 1)) throw new InvalidInputError(`calibrate: bounds must satisfy L < 1 < U, got [${lower}, ${upper}]`);
  if (!(tolerance > 0) || !(maxIterations >= 1)) throw new InvalidInputError('calibrate: tolerance must be positive and maxIterations at least 1');
  const projection = regressionProjection(cells, margins);
  if (projection.kind !== 'regression') throw new InvalidInputError('calibrate: internal error');
  const { columnOfCell, marginCount, columnCount: k } = projection;
  const population = new Float64Array(k);
  let offset = 0;
  for (const margin of margins) {
    population.set(margin.totals, offset);
    offset += margin.totals.length;
  }
  const populationSize = margins[0].totals.reduce((a, b) => a + b, 0);
  const eta = new Float64Array(k);
  const factor = new Float64Array(cells.cellCount);
  const derivative = new Float64Array(cells.cellCount);
  const evaluate = (): void => {
    for (let c = 0; c < cells.cellCount; c++) {
      let u = 0;
      for (let j = 0; j < marginCount; j++) u += eta[columnOfCell[c * marginCount + j]];
      const raw = calfun === 'linear' ? 1 + u : Math.exp(u);
      factor[c] = Math.min(Math.max(raw, lower), upper);
      derivative[c] = raw > lower && raw < upper ? (calfun === 'linear' ? 1 : raw) : 0;
    }
  };
  const misfit = (): Float64Array => {
    const m = Float64Array.from(population);
    for (let c = 0; c < cells.cellCount; c++) {
      const w = cells.baseWeight[c] * factor[c];
      for (let j = 0; j < marginCount; j++) m[columnOfCell[c * marginCount + j]] -= w;
    }
    return m;
  };
  evaluate();
  let iterations = 0;
  let converged: boolean;
  let error = Infinity;
  while (iterations < maxIterations) {
    iterations++;
    const gram = new Float64Array(k * k);
    for (let c = 0; c < cells.cellCount; c++) {
      const w = cells.baseWeight[c] * derivative[c];
      if (w === 0) continue;
      for (let a = 0; a < marginCount; a++) {
        const ca = columnOfCell[c * marginCount + a];
        for (let b = 0; b < marginCount; b++) gram[ca * k + columnOfCell[c * marginCount + b]] += w;
      }
    }
    const inverse = symmetricPseudoInverse(gram, k);
    const m = misfit();
    for (let a = 0; a < k; a++) {
      let step = 0;
      for (let b = 0; b < k; b++) step += inverse[a * k + b] * m[b];
      eta[a] += step;
    }
    evaluate();
    error = maxMarginError(cells, margins, factor);
    if (error <= (tolerance / 100) * populationSize) break;
  }
  converged = error <= tolerance * populationSize;
  return { method: calfun, factor, iterations, converged, maxMarginError: error, projection };
}
