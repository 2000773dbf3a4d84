import { betaQuantile } from './beta-quantile';
import { InvalidInputError } from './invalid-input-error';

/**
 * Clopper–Pearson ("exact") interval for x successes in n unweighted trials:
 *
 *   [qbeta(α/2, x, n − x + 1), qbeta(1 − α/2, x + 1, n − x)]
 *
 * with lower 0 when x = 0 and upper 1 when x = n.
 *
 * Reference: Clopper & Pearson (1934), Biometrika 26:404–413; R
 * `binom.test(x, n)$conf.int`. Complexity: O(betaQuantile).
 *
 * @throws {InvalidInputError} if n is not a positive integer, x not an integer in [0, n], or level outside (0, 1).
 * @example
 * clopperPearsonInterval(18, 167) // → [0.0651432887…, 0.1649902078…]
 */
export function clopperPearsonInterval(x: number, n: number, level = 0.95): [number, number] {
  if (!Number.isInteger(n) || n <= 0) throw new InvalidInputError(`clopperPearsonInterval: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(x) || x < 0 || x > n) throw new InvalidInputError(`clopperPearsonInterval: x must be an integer in [0, n] = [0, ${n}], got ${x}`);
  if (!(level > 0 && level < 1)) throw new InvalidInputError(`clopperPearsonInterval: level must lie in (0, 1), got ${level}`);
  const alpha = 1 - level;
  return [betaQuantile(alpha / 2, x, n - x + 1), betaQuantile(1 - alpha / 2, x + 1, n - x)];
}
