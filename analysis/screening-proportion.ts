import { InvalidInputError } from './invalid-input-error';
import { wilsonInterval } from './wilson-interval';

/**
 * An unweighted proportion x / n with its Wilson 95 % interval.
 * When n = 0 the proportion is undefined and both `p` and `ci` are null
 * (never NaN), so a reader can tell "no one to count" from "0 %".
 */
export interface ScreeningProportion {
  readonly x: number;
  readonly n: number;
  readonly p: number | null;
  readonly ci: readonly [number, number] | null;
}

/**
 * Unweighted sample proportion with a Wilson score 95 % interval, as used for
 * every share in a screening month (coverage, disclosure, unknown to the unit,
 * support).
 *
 *   p  = x / n
 *   ci = Wilson score interval at level 0.95 (see `wilsonInterval`)
 *   n = 0 → { x: 0, n: 0, p: null, ci: null }
 *
 * Reference: R `prop.test(x, n, correct = FALSE)$conf.int`.
 * Complexity: O(1).
 *
 * @throws {InvalidInputError} if x or n is not a non-negative integer or x > n.
 * @example
 * screeningProportion(18, 167)
 * // → { x: 18, n: 167, p: 0.10778443…, ci: [0.0692734689…, 0.1639337344…] }
 * screeningProportion(0, 0) // → { x: 0, n: 0, p: null, ci: null }
 */
export function screeningProportion(x: number, n: number): ScreeningProportion {
  if (!Number.isInteger(n) || n < 0) {
    throw new InvalidInputError(`screeningProportion: n must be a non-negative integer, got ${n}`);
  }
  if (!Number.isInteger(x) || x < 0 || x > n) {
    throw new InvalidInputError(`screeningProportion: x must be an integer in [0, n] = [0, ${n}], got ${x}`);
  }
  if (n === 0) return { x, n, p: null, ci: null };
  return { x, n, p: x / n, ci: wilsonInterval(x, n, 0.95) };
}
