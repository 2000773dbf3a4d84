import { calibrate } from './calibrate';
import type { CalibrationCells, Margin } from './calibration-cells';
import type { CalibrationResult } from './calibration-result';
import { postStratify } from './post-stratify';
import { rake } from './rake';
import type { CalibrationMethod } from './survey-analysis-types';

/** How the design is calibrated: the method, its margins and optional bounds on w/w0. */
export interface DesignCalibration {
  readonly method: CalibrationMethod | 'none';
  readonly margins: readonly Margin[];
  readonly bounds?: readonly [number, number];
  readonly tolerance?: number;
  readonly maxIterations?: number;
}

/**
 * Calibrates the base weights of the joint cells by the chosen method:
 *
 * - `none`: g = 1 (the base weights are final);
 * - `poststrat`: {@link postStratify} on the one crossed margin;
 * - `rake`: {@link rake}, or with bounds the bounded raking calibration;
 * - `linear` / `raking`: {@link calibrate} with that calibration function and the bounds.
 *
 * With `cellBounds` (bounds on w/w0 per cell, from bounds on the weights
 * themselves) every method becomes bounded calibration: `raking` for rake and
 * raking, `linear` for linear and post-stratification (which is linear
 * calibration on the full crossing).
 *
 * Reference: R `postStratify`, `rake`, `calibrate(…, calfun, bounds, bounds.const)`.
 * Complexity: that of the method chosen.
 *
 * @example
 * calibrateDesign(cells, { method: 'rake', margins }).converged // → true
 */
export function calibrateDesign(
  cells: CalibrationCells,
  settings: DesignCalibration,
  cellBounds?: { readonly lower: Float64Array; readonly upper: Float64Array },
): CalibrationResult {
  const { method, margins, bounds, tolerance, maxIterations } = settings;
  if (method === 'none') {
    return { method: 'none', factor: new Float64Array(cells.cellCount).fill(1), iterations: 0, converged: true, maxMarginError: 0, projection: { kind: 'none' } };
  }
  if (cellBounds) {
    const calfun = method === 'linear' || method === 'poststrat' ? 'linear' : 'raking';
    return calibrate(cells, margins, { calfun, bounds, cellBounds, tolerance, maxIterations });
  }
  switch (method) {
    case 'poststrat':
      return postStratify(cells, margins[0]);
    case 'rake':
      return bounds ? calibrate(cells, margins, { calfun: 'raking', bounds, tolerance, maxIterations }) : rake(cells, margins, { tolerance, maxIterations });
    case 'linear':
    case 'raking':
      return calibrate(cells, margins, { calfun: method, bounds, tolerance, maxIterations });
  }
}
