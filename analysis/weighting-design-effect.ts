import { InvalidInputError } from './invalid-input-error';

/**
 * Kish's design effect due to unequal weighting,
 *
 *   deff_w = 1 + CV²(w) = n · Σ w² / (Σ w)²
 *
 * the variance inflation of a mean from weighting alone (equal weights → 1).
 *
 * Reference: Kish (1992), "Weighting for unequal P_i", JOS 8:183–200.
 * Complexity: O(n), one pass.
 *
 * @throws {InvalidInputError} if the array is empty or a weight is negative or not finite.
 * @example
 * weightingDesignEffect(Float64Array.from([1, 1, 2, 4])) // → 1.2222222222222223
 */
export function weightingDesignEffect(weights: ArrayLike<number>): number {
  if (weights.length === 0) throw new InvalidInputError('weightingDesignEffect: need at least one weight');
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!(w >= 0) || !Number.isFinite(w)) throw new InvalidInputError(`weightingDesignEffect: weights must be non-negative finite numbers, got ${w} at ${i}`);
    sum += w;
    sumSquares += w * w;
  }
  if (sum === 0) throw new InvalidInputError('weightingDesignEffect: all weights are zero');
  return (weights.length * sumSquares) / (sum * sum);
}
