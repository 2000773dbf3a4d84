import type { CalibrationCells, Margin } from './calibration-cells';
import type { CalibrationResult } from './calibration-result';
import { InvalidInputError } from './invalid-input-error';
import { maxMarginError } from './margin-error';
import { regressionProjection } from './regression-projection';
import { symmetricPseudoInverse } from './symmetric-pseudo-inverse';

export interface CalibrateOptions {
  /** `linear` (GREG, chi-square distance) or `raking` (multiplicative, exponential). Default linear. */
  readonly calfun?: 'linear' | 'raking';
  /** Bounds [L, U] on the calibration factor g = w / w0, the same for every cell. Default [−∞, ∞]. */
  readonly bounds?: readonly [number, number];
  /**
   * Bounds on g per joint cell (R's `bounds.const = TRUE`, which divides
   * absolute weight bounds by each unit's w0). Intersected with `bounds`.
   */
  readonly cellBounds?: { readonly lower: Float64Array; readonly upper: Float64Array };
  /** Converged when every margin is within tolerance · N (default 1e-9); iterates on to a hundredth of that. */
  readonly tolerance?: number;
  /** Maximum Newton steps. Default 100. */
  readonly maxIterations?: number;
}

/**
 * Calibration of the base weights to margin totals by a distance function
 * (Deville & Särndal 1992): find η with
 *
 *   Σ_i w0_i F(m_iᵀη) m_i = population totals,   w_i = w0_i F(m_iᵀη)
 *
 * where m_i holds the indicators of i's cell in each margin and, exactly as
 * R's calibration functions `cal.linear` and `cal.raking`,
 *
 *   linear:  F(u) = clamp(1 + u, L, U),   F′(u) = 1       for L − 1 < u < U − 1, else 0
 *   raking:  F(u) = clamp(exp(u), L, U),  F′(u) = exp(u)  for L − 1 < u < U − 1, else 0
 *
 * The raking derivative's window is on u, not on exp(u): a cell clamped at U
 * keeps a non-zero derivative while u < U − 1, so it can move back inside the
 * bounds. (A derivative of zero for every clamped cell stalls bounded raking:
 * a clamped cell could never move again.) Newton steps
 * Δη = (Σ w0 F′ m mᵀ)⁺ · misfit, halved while a factor is not finite, as R's
 * `grake`, but on joint cells. Converged when every margin is within
 * tolerance · N, or when R's criterion holds on the margin-cell totals (|misfit| / (1 + |total|) < 1e-7
 * for every total, `calibrate`'s default epsilon). Unbounded linear calibration converges in one
 * step and is the GREG estimator; unbounded raking gives the weights of {@link rake}.
 *
 * Not reproduced: `grake` rescales the base weights when every population
 * total exceeds 20 times its sample total; here base weights already sum to N.
 *
 * The variance projection is the w0-weighted regression residual, as R records
 * for `calibrate` (`greg_calibration`).
 *
 * Reference: R `survey::calibrate(design, ~kon:aldersgrupp + omrade, pop,
 * calfun = "linear" | "raking", bounds = c(L, U), bounds.const)`, `survey:::grake`;
 * Deville & Särndal (1992), JASA 87:376–382.
 * Complexity: O(iterations · (cells · margins² + k³)).
 *
 * @throws {InvalidInputError} for no margins, bounds with L ≥ 1 or U ≤ 1, cell bounds of the wrong length, or invalid options.
 * @example
 * calibrate(cells, margins, { calfun: 'linear' }).maxMarginError // → ~1e-12
 */
export function calibrate(cells: CalibrationCells, margins: readonly Margin[], options: CalibrateOptions = {}): CalibrationResult {
  const calfun = options.calfun ?? 'linear';
  const [lower, upper] = options.bounds ?? [-Infinity, Infinity];
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 100;
  if (margins.length === 0) throw new InvalidInputError('calibrate: need at least one margin');
  if (!(lower < 1 && upper > 1)) throw new InvalidInputError(`calibrate: bounds must satisfy L < 1 < U, got [${lower}, ${upper}]`);
  if (!(tolerance > 0) || !(maxIterations >= 1)) throw new InvalidInputError('calibrate: tolerance must be positive and maxIterations at least 1');
  const C = cells.cellCount;
  const low = new Float64Array(C).fill(lower);
  const high = new Float64Array(C).fill(upper);
  if (options.cellBounds) {
    const { lower: cellLower, upper: cellUpper } = options.cellBounds;
    if (cellLower.length !== C || cellUpper.length !== C) throw new InvalidInputError('calibrate: cellBounds need one entry per joint cell');
    for (let c = 0; c < C; c++) {
      low[c] = Math.max(low[c], cellLower[c]);
      high[c] = Math.min(high[c], cellUpper[c]);
      if (!(low[c] <= high[c])) throw new InvalidInputError(`calibrate: cell ${c} has lower bound ${low[c]} above its upper bound ${high[c]}`);
    }
  }
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
  const factor = new Float64Array(C);
  const derivative = new Float64Array(C);
  /** Factors and derivatives at η; false if any is not finite. */
  const evaluate = (): boolean => {
    let finite = true;
    for (let c = 0; c < C; c++) {
      let u = 0;
      for (let j = 0; j < marginCount; j++) u += eta[columnOfCell[c * marginCount + j]];
      const raw = calfun === 'linear' ? 1 + u : Math.exp(u);
      factor[c] = Math.min(Math.max(raw, low[c]), high[c]);
      derivative[c] = u > low[c] - 1 && u < high[c] - 1 ? (calfun === 'linear' ? 1 : raw) : 0;
      if (!Number.isFinite(factor[c]) || !Number.isFinite(derivative[c])) finite = false;
    }
    return finite;
  };
  const misfit = (): Float64Array => {
    const m = Float64Array.from(population);
    for (let c = 0; c < C; c++) {
      const w = cells.baseWeight[c] * factor[c];
      for (let j = 0; j < marginCount; j++) m[columnOfCell[c * marginCount + j]] -= w;
    }
    return m;
  };
  evaluate();
  let iterations = 0;
  let error = Infinity;
  const step = new Float64Array(k);
  while (iterations < maxIterations) {
    iterations++;
    const gram = new Float64Array(k * k);
    for (let c = 0; c < C; c++) {
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
      let s = 0;
      for (let b = 0; b < k; b++) s += inverse[a * k + b] * m[b];
      step[a] = s;
      eta[a] += s;
    }
    // As grake: halve the step while a factor or derivative overflows.
    while (!evaluate() && iterations < maxIterations) {
      iterations++;
      for (let a = 0; a < k; a++) {
        step[a] /= 2;
        eta[a] -= step[a];
      }
    }
    error = maxMarginError(cells, margins, factor);
    if (error <= (tolerance / 100) * populationSize) break;
  }
  // Converged at the engine's tolerance, or at R's criterion on the margin-cell totals (every |misfit| / (1 + |total|) < 1e-7,
  // calibrate()'s default epsilon): a slow bounded raking that R accepts is not reported as failed.
  const m = misfit();
  let rAccepts = true;
  for (let a = 0; a < k; a++) if (!(Math.abs(m[a]) / (1 + Math.abs(population[a])) < 1e-7)) rAccepts = false;
  const converged = error <= tolerance * populationSize || rAccepts;
  return { method: calfun, factor, iterations, converged, maxMarginError: error, projection };
}
