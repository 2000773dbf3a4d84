import { InvalidInputError } from './invalid-input-error';
import { normalQuantile } from './normal-quantile';

/**
 * Wilson score interval for a binomial proportion.
 *
 *   centre = (x + z²/2) / (n + z²)
 *   half   = z / (n + z²) · sqrt(x(n − x)/n + z²/4)
 *   [centre − half, centre + half]
 *
 * with z the (1 + level)/2 standard normal quantile. Always inside [0, 1];
 * exactly 0 at x = 0 and exactly 1 at x = n.
 *
 * Reference: Wilson, E. B. (1927), JASA 22:209–212; Agresti & Coull (1998),
 * The American Statistician 52:119–126. Matches R's
 * `prop.test(x, n, correct = FALSE)$conf.int` and
 * `binom::binom.wilson`.
 *
 * `n` need not be an integer: with an effective sample size n_eff and a
 * weighted proportion p, pass x = p · n_eff (Wilson "on the effective n").
 *
 * Complexity: O(1).
 *
 * @throws {InvalidInputError} if n ≤ 0, x outside [0, n], or level outside (0, 1).
 * @example
 * wilsonInterval(18, 167) // → [0.0692734689…, 0.1639337344…]
 */
export function wilsonInterval(x: number, n: number, level = 0.95): [number, number] {
  if (!Number.isFinite(n) || n <= 0) {
    throw new InvalidInputError(`wilsonInterval: n must be a positive number, got ${n}`);
  }
  if (!Number.isFinite(x) || x < 0 || x > n) {
    throw new InvalidInputError(`wilsonInterval: x must lie in [0, n] = [0, ${n}], got ${x}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new InvalidInputError(`wilsonInterval: level must lie in (0, 1), got ${level}`);
  }
  const z = normalQuantile((1 + level) / 2);
  const z2 = z * z;
  const p = x / n;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At x = 0 (x = n) the lower (upper) limit is exactly 0 (1); the formula leaves ~1e-17 of rounding.
  return [x === 0 ? 0 : Math.max(0, centre - half), x === n ? 1 : Math.min(1, centre + half)];
}
