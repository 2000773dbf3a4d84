import { InvalidInputError } from './invalid-input-error';

/**
 * Weight trimming as R's `trimWeights(design, upper, lower)`: weights outside
 * [lower, upper] are set to the bound and the total trimmed amount is shared
 * equally among the weights that were inside, so Σ w is unchanged.
 * Recalibrate afterwards (the margins no longer hold exactly); the analysis
 * alternates trimming and calibration (option `trim`).
 *
 * Reference: R `survey::trimWeights`; Potter (1990). Complexity: O(n), two passes.
 *
 * @throws {InvalidInputError} if lower > upper or no weight lies inside the bounds.
 * @example
 * trimWeights(Float64Array.from([1, 2, 3, 10]), 0, 6) // → [2.333…, 3.333…, 4.333…, 6]
 */
export function trimWeights(weights: Float64Array, lower: number, upper: number): Float64Array {
  if (!(lower <= upper)) throw new InvalidInputError(`trimWeights: need lower ≤ upper, got ${lower}, ${upper}`);
  const result = new Float64Array(weights.length);
  let trimmed = 0;
  let inside = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    const clipped = Math.max(lower, Math.min(w, upper));
    result[i] = clipped;
    trimmed += w - clipped;
    if (clipped === w) inside++;
  }
  if (trimmed === 0 && inside === weights.length) return result;
  if (inside === 0) throw new InvalidInputError('trimWeights: every weight lies outside the bounds');
  const share = trimmed / inside;
  for (let i = 0; i < weights.length; i++) if (result[i] === weights[i]) result[i] += share;
  return result;
}
