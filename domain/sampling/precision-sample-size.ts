import { SamplingInputError } from './sampling-input-error';

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export interface PrecisionTarget {
  /** Target half-width h of the 95% CI of a proportion, e.g. 0.03. */
  readonly halfWidth: number;
  /** Expected prevalence p, e.g. 0.3 (0.5 is the conservative choice). */
  readonly prevalence: number;
  /** Expected response rate r, e.g. 0.45. */
  readonly responseRate: number;
}

/**
 * Sample size for estimating a proportion with a given precision under
 * simple random sampling without replacement, inflated for non-response:
 *
 *   n_resp  = z² p (1 − p) / h²
 *   n_resp' = n_resp / (1 + (n_resp − 1) / N)      (finite population correction)
 *   invited = min(N, ceil(n_resp' / r))
 *
 * Reference: Cochran (1977), Sampling Techniques, 3rd ed., §4.4 (eq. 4.2 and the fpc adjustment).
 * Complexity: O(1).
 * @throws {SamplingInputError} unless 0 < h < 1, 0 < p < 1, 0 < r ≤ 1 and N ≥ 1.
 * @example
 * precisionSampleSize({ halfWidth: 0.05, prevalence: 0.3, responseRate: 0.45 }, 10000);
 * // n_resp = 322.68, n_resp' = 312.63, invited = 695
 */
export function precisionSampleSize(target: PrecisionTarget, populationSize: number): { respondents: number; invited: number } {
  const { halfWidth: h, prevalence: p, responseRate: r } = target;
  if (!(h > 0 && h < 1)) throw new SamplingInputError(`precisionSampleSize: halvbredden ska ligga mellan 0 och 1, fick ${h}`);
  if (!(p > 0 && p < 1)) throw new SamplingInputError(`precisionSampleSize: den förväntade andelen ska ligga mellan 0 och 1, fick ${p}`);
  if (!(r > 0 && r <= 1)) throw new SamplingInputError(`precisionSampleSize: svarsfrekvensen ska vara större än 0 och högst 1, fick ${r}`);
  if (!Number.isInteger(populationSize) || populationSize < 1) throw new SamplingInputError(`precisionSampleSize: N ska vara ett positivt heltal, fick ${populationSize}`);
  const nResp = (Z_95 * Z_95 * p * (1 - p)) / (h * h);
  const corrected = nResp / (1 + (nResp - 1) / populationSize);
  return { respondents: corrected, invited: Math.min(populationSize, Math.ceil(corrected / r - 1e-9)) };
}

/**
 * Expected 95% CI half-width of a proportion from m respondents out of N
 * (SRSWOR): h = z · sqrt(p(1 − p)/m · (1 − m/N)). Returns null for m = 0.
 * Reference: Cochran (1977) §3.2, eq. 3.4 with the fpc.
 * @example
 * expectedHalfWidth(312.63, 10000, 0.3); // ≈ 0.0500
 */
export function expectedHalfWidth(respondents: number, populationSize: number, prevalence: number): number | null {
  if (respondents <= 0) return null;
  const fpc = Math.max(0, 1 - respondents / populationSize);
  return Z_95 * Math.sqrt(((prevalence * (1 - prevalence)) / respondents) * fpc);
}
