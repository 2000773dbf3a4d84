import { calibrateDesign, type DesignCalibration } from './calibrate-design';
import type { CalibrationCells } from './calibration-cells';
import type { CalibrationResult } from './calibration-result';
import { InvalidInputError } from './invalid-input-error';
import { trimWeights } from './trim-weights';

/** A design after trimming: its cells, calibration and final weights, and whether the bounds could be met. */
export interface TrimmedDesign {
  readonly cells: CalibrationCells;
  readonly calibration: CalibrationResult;
  readonly weights: Float64Array;
  /** Newton steps of the bounded calibration, or trimWeights passes without margins; 0 when no weight was outside. */
  readonly rounds: number;
  /** Without margins: how far the worst weight still lies outside the bounds (0 when met). */
  readonly outside: number;
  /** True when every weight lies within the bounds and (with margins) the calibration converged. */
  readonly met: boolean;
}

/** Relative slack on the bounds, for rounding. */
const SLACK = 1e-9;

/**
 * Keeps every final weight within [lower, upper].
 *
 * - **With calibration margins**: calibration with bounds on the weights
 *   themselves, i.e. bounds lower/w0 and upper/w0 on g = w/w0 in each cell
 *   (R's `bounds.const = TRUE`), by the raking calibration function for
 *   rake and raking and the linear one for linear calibration and
 *   post-stratification. The weights then meet the margins exactly and lie
 *   within the bounds, or no such weights were found (`met` false, and the
 *   calibration carries the margin error that remains).
 * - **Without margins**: R's `trimWeights(design, upper, lower, strict = TRUE)`:
 *   weights outside are set to the bound and the excess is shared equally
 *   among the others, repeated until none is outside (at most `maxRounds`).
 *   The trimmed weights become the design weights. Impossible when
 *   Σw/n lies outside the bounds.
 *
 * When the calibrated weights already lie within the bounds nothing changes.
 *
 * Reference: R `survey::calibrate(design, formula, population, calfun,
 * bounds = c(lower, upper), bounds.const = TRUE)`, `survey::trimWeights`;
 * Potter (1990). Complexity: that of the bounded calibration, or O(n · rounds).
 *
 * @param buildCells the design's cells for other base weights (used without margins)
 * @throws {InvalidInputError} if lower ≥ upper or lower < 0.
 * @example
 * trimDesign(cells, raked, settings, { upper: 180 }, build).met // → true (toy kommun)
 */
export function trimDesign(
  cells: CalibrationCells,
  calibration: CalibrationResult,
  settings: DesignCalibration,
  trim: { readonly lower?: number; readonly upper?: number; readonly maxRounds?: number },
  buildCells: (baseWeights: Float64Array) => CalibrationCells,
): TrimmedDesign {
  const lower = trim.lower ?? -Infinity;
  const upper = trim.upper ?? Infinity;
  const maxRounds = trim.maxRounds ?? 50;
  if (!(lower < upper) || upper <= 0) throw new InvalidInputError(`trimDesign: need lower < upper and upper > 0, got ${lower}, ${upper}`);
  const weights = finalWeights(cells, calibration);
  const unchanged = { cells, calibration, weights, rounds: 0, outside: 0, met: calibration.converged };
  if (distanceOutside(weights, lower, upper) === 0) return unchanged;

  if (settings.method !== 'none') {
    const cellLower = new Float64Array(cells.cellCount);
    const cellUpper = new Float64Array(cells.cellCount);
    for (let c = 0; c < cells.cellCount; c++) {
      const w0 = cells.baseWeight[c] / cells.count[c];
      cellLower[c] = lower / w0;
      cellUpper[c] = upper / w0;
    }
    const bounded = calibrateDesign(cells, settings, { lower: cellLower, upper: cellUpper });
    const trimmed = finalWeights(cells, bounded);
    const outside = distanceOutside(trimmed, lower, upper);
    return { cells, calibration: bounded, weights: trimmed, rounds: bounded.iterations, outside, met: bounded.converged && outside === 0 };
  }

  let current = weights;
  let rounds = 0;
  let total = 0;
  for (const w of current) total += w;
  const feasible = total >= lower * current.length * (1 - SLACK) && total <= upper * current.length * (1 + SLACK);
  while (feasible && rounds < maxRounds && distanceOutside(current, lower, upper) > 0 && someInside(current, lower, upper)) {
    current = trimWeights(current, lower, upper);
    rounds++;
  }
  const trimmedCells = rounds > 0 ? buildCells(current) : cells;
  const none = rounds > 0 ? calibrateDesign(trimmedCells, settings) : calibration;
  const outside = distanceOutside(current, lower, upper);
  return { cells: trimmedCells, calibration: none, weights: current, rounds, outside, met: outside === 0 };
}

/** How far the weight furthest outside [lower, upper] lies from its bound (0 when all are within, up to a relative 1e-9). */
export function distanceOutside(weights: Float64Array, lower: number, upper: number): number {
  let worst = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (w < lower * (1 - SLACK)) worst = Math.max(worst, lower - w);
    else if (w > upper * (1 + SLACK)) worst = Math.max(worst, w - upper);
  }
  return worst;
}

function someInside(weights: Float64Array, lower: number, upper: number): boolean {
  for (let i = 0; i < weights.length; i++) if (weights[i] >= lower && weights[i] <= upper) return true;
  return false;
}

/** w_i = w0_i · g_{cell(i)}. Complexity: O(n). */
export function finalWeights(cells: CalibrationCells, calibration: CalibrationResult): Float64Array {
  const weights = new Float64Array(cells.respondentCount);
  for (let i = 0; i < weights.length; i++) weights[i] = cells.respondentBaseWeight[i] * calibration.factor[cells.cellOf[i]];
  return weights;
}
