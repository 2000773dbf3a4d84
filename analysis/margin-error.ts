import type { CalibrationCells, Margin } from './calibration-cells';
import { marginCellOfCells } from './calibration-cells';

/** The margin cell whose weighted total is furthest from its population total. */
export interface WorstMarginCell {
  /** Index of the margin in the list. */
  readonly margin: number;
  /** Mixed-radix code of the cell within the margin (see {@link Margin}). */
  readonly cell: number;
  /** Σ w − population total in that cell (signed). */
  readonly difference: number;
}

/**
 * The margin cell with the largest |Σ_{cells in K} W0_c·g_c − N_K| over every
 * cell K of every margin, with its signed difference. Used to say which
 * margin a calibration that did not converge still misses, and by how much.
 *
 * Complexity: O(cells · margins).
 *
 * @example
 * worstMarginCell(cells, margins, factor) // → { margin: 0, cell: 3, difference: -66.2 }
 */
export function worstMarginCell(cells: CalibrationCells, margins: readonly Margin[], factor: Float64Array, marginCellOf?: readonly Int32Array[]): WorstMarginCell {
  let worst: WorstMarginCell = { margin: 0, cell: 0, difference: 0 };
  margins.forEach((margin, j) => {
    const of = marginCellOf?.[j] ?? marginCellOfCells(cells, margin);
    const sums = new Float64Array(margin.totals.length);
    for (let c = 0; c < cells.cellCount; c++) sums[of[c]] += cells.baseWeight[c] * factor[c];
    for (let k = 0; k < sums.length; k++) {
      const difference = sums[k] - margin.totals[k];
      if (Math.abs(difference) > Math.abs(worst.difference)) worst = { margin: j, cell: k, difference };
    }
  });
  return worst;
}

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
  return Math.abs(worstMarginCell(cells, margins, factor, marginCellOf).difference);
}
