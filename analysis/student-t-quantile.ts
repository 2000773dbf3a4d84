import { betaQuantile } from './beta-quantile';
import { InvalidInputError } from './invalid-input-error';
import { normalQuantile } from './normal-quantile';

/**
 * Quantile function of Student's t distribution with `df` degrees of freedom.
 *
 * For p > ½ the upper quantile t solves P(|T| ≤ t) = 2p − 1. Since
 * T²/(ν + T²) ~ Beta(½, ν/2), t = √(ν·y/(1 − y)) with y the (2p − 1)
 * quantile of Beta(½, ν/2); computing y (small) rather than 1 − y keeps full
 * precision for large ν. Symmetric for p < ½. df = Infinity gives the normal
 * quantile.
 *
 * Reference: R's `qt(p, df)`. Complexity: that of {@link betaQuantile}.
 *
 * @throws {InvalidInputError} if p is not in (0, 1) or df is not positive.
 * @example
 * studentTQuantile(0.975, 166) // → 1.974358535… (= R qt(0.975, 166))
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new InvalidInputError(`studentTQuantile: p must lie in (0, 1), got ${p}`);
  if (!(df > 0)) throw new InvalidInputError(`studentTQuantile: df must be positive, got ${df}`);
  if (df === Infinity) return normalQuantile(p);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const y = betaQuantile(2 * p - 1, 0.5, df / 2);
  return Math.sqrt((df * y) / (1 - y));
}
