import type { CalibrationCells, Margin } from './calibration-cells';
import { marginCellOfCells } from './calibration-cells';
import type { CalibrationProjection } from './calibration-result';
import { symmetricPseudoInverse } from './symmetric-pseudo-inverse';

/**
 * The GREG projection for a set of categorical margins: the design matrix has
 * one indicator column per margin cell, and the Gram matrix
 * G = Σ_c W0_c m_c m_cᵀ (W0_c = Σ base weights in joint cell c) is
 * pseudo-inverted once, so that every (indicator, domain) later needs only
 * β = G⁺ Σ_c m_c Σ_{i∈c} w0_i u_i. The column space, and so the residuals, are
 * the same as those of R's `model.matrix(~kon:aldersgrupp + omrade)`.
 *
 * Reference: R `survey:::svyrecvar`, `qr.resid(psvar$qr, x/psvar$w)*psvar$w`.
 * Complexity: O(cells · margins + k³), k = number of margin cells.
 *
 * @example
 * regressionProjection(cells, margins).kind // → 'regression'
 */
export function regressionProjection(cells: CalibrationCells, margins: readonly Margin[]): CalibrationProjection {
  const marginCount = margins.length;
  const columnOfCell = new Int32Array(cells.cellCount * marginCount);
  let offset = 0;
  margins.forEach((margin, j) => {
    const of = marginCellOfCells(cells, margin);
    for (let c = 0; c < cells.cellCount; c++) columnOfCell[c * marginCount + j] = offset + of[c];
    offset += margin.totals.length;
  });
  const k = offset;
  const gram = new Float64Array(k * k);
  for (let c = 0; c < cells.cellCount; c++) {
    const w = cells.baseWeight[c];
    for (let a = 0; a < marginCount; a++) {
      const ca = columnOfCell[c * marginCount + a];
      for (let b = 0; b < marginCount; b++) gram[ca * k + columnOfCell[c * marginCount + b]] += w;
    }
  }
  return { kind: 'regression', columnOfCell, marginCount, columnCount: k, gramPseudoInverse: symmetricPseudoInverse(gram, k) };
}
