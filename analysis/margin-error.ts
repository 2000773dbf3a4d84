import type { CalibrationCells, Margin } from './calibration-cells';
import { marginCellOfCells } from './calibration-cells';

/**
 * Largest absolute difference between the weighted sample totals
 * Σ_{cells in K} W0_c·g_c and the population totals, over every cell K of
 * every margin. Zero when the weights are exactly calibrated.
 *
 * Complexity: O(cells · margins).
 *
 * @example
 * maxMarginError(cells, margins, factor) // → 0 after post-stratification
 */
export function maxMarginError(cells: CalibrationCells, margins: readonly Margin[], factor: Float64Array, marginCellOf?: readonly Int32Array[]): number {
  let worst = 0;
  margins.forEach((margin, j) => {
    const of = marginCellOf?.[j] ?? marginCellOfCells(cells, margin);
    const sums = new Float64Array(margin.totals.length);
    for (let c = 0; c < cells.cellCount; c++) sums[of[c]] += cells.baseWeight[c] * factor[c];
    for (let k = 0; k < sums.length; k++) worst = Math.max(worst, Math.abs(sums[k] - margin.totals[k]));
  });
  return worst;
}
