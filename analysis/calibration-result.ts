/**
 * How the linearised variance removes the part of an influence variable
 * explained by the calibration (Särndal, Swensson & Wretman 1992, §6.6;
 * R `survey:::svyrecvar`):
 *
 * - `none`: no calibration, x_i = w_i·u_i.
 * - `regression`: residuals of the regression of u on the calibration cell
 *   indicators, weighted by the base weights w0, multiplied by the final
 *   weights: x_i = w_i·(u_i − m_iᵀβ), β = (Σ w0 m mᵀ)⁺ Σ w0 m u. This is what
 *   `postStratify` and `calibrate` record (`greg_calibration`, `qr.resid`).
 * - `backfitting`: R's treatment of `rake()`: ten sweeps over the margins of
 *   x ← x − psw_j · ave(x / psw_j, margin_j), with psw_j the weights after
 *   margin j in the last raking sweep and `ave` the unweighted cell mean.
 */
export type CalibrationProjection =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'regression';
      /** Column of margin j for cell c at [c · margins + j]. */
      readonly columnOfCell: Int32Array;
      readonly marginCount: number;
      readonly columnCount: number;
      /** (Σ_c W0_c m_c m_cᵀ)⁺, row-major columnCount². */
      readonly gramPseudoInverse: Float64Array;
    }
  | {
      readonly kind: 'backfitting';
      readonly marginCellOf: readonly Int32Array[];
      readonly marginCellCount: readonly number[];
      /** Cell factor after margin j of the last sweep, per margin. */
      readonly stepFactor: readonly Float64Array[];
      readonly sweeps: number;
    };

/** Outcome of a calibration in cell space: final weight of respondent i = w0_i · factor[cell(i)]. */
export interface CalibrationResult {
  readonly method: 'none' | 'poststrat' | 'rake' | 'linear' | 'raking';
  readonly factor: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** Largest |Σ w − population total| over all margin cells. */
  readonly maxMarginError: number;
  readonly projection: CalibrationProjection;
}
