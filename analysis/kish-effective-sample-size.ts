import { InvalidInputError } from './invalid-input-error';

/**
 * Kish's effective sample size of a set of sampling weights,
 *
 *   n_eff = (Σ w)² / Σ w²  = n / (1 + CV²)
 *
 * with CV the coefficient of variation of the weights (population variance).
 *
 * Reference: Kish (1965), Survey Sampling, §11.7. Complexity: O(n), one pass.
 *
 * @throws {InvalidInputError} if the array is empty or a weight is negative or not finite.
 * @example
 * kishEffectiveSampleSize(Float64Array.from([1, 1, 2, 4])) // → 3.2727272727272725
 */
export function kishEffectiveSampleSize(weights: ArrayLike<number>): number {
  if (weights.length === 0) throw new InvalidInputError('kishEffectiveSampleSize: need at least one weight');
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!(w >= 0) || !Number.isFinite(w)) throw new InvalidInputError(`kishEffectiveSampleSize: weights must be non-negative finite numbers, got ${w} at ${i}`);
    sum += w;
    sumSquares += w * w;
  }
  if (sumSquares === 0) throw new InvalidInputError('kishEffectiveSampleSize: all weights are zero');
  return (sum * sum) / sumSquares;
}
