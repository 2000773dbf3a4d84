import { InvalidInputError } from './invalid-input-error';
import { wilsonInterval } from './wilson-interval';

/**
 * Wilson score interval on the effective sample size of a weighted
 * proportion: n_eff = p(1 − p)/se², then the Wilson interval for
 * x = p·n_eff successes out of n_eff (normal quantile). When se = 0
 * (p̂ = 0 or 1) n_eff is the unweighted n.
 *
 * Reference: Kott & Carr (1997), "Developing an estimation strategy for a
 * pesticide data program", JOS 13:367–383; Wilson (1927).
 * Complexity: O(1).
 *
 * @throws {InvalidInputError} if p outside [0, 1], se negative, or n not positive.
 * @example
 * effectiveWilsonInterval(18 / 167, Math.sqrt((18 / 167) * (149 / 167) / 167), 167) // → [0.0692734689…, 0.1639337344…]
 */
export function effectiveWilsonInterval(p: number, se: number, n: number, level = 0.95): [number, number] {
  if (!(p >= 0 && p <= 1)) throw new InvalidInputError(`effectiveWilsonInterval: p must lie in [0, 1], got ${p}`);
  if (!(se >= 0) || !Number.isFinite(se)) throw new InvalidInputError(`effectiveWilsonInterval: se must be a non-negative number, got ${se}`);
  if (!(n > 0)) throw new InvalidInputError(`effectiveWilsonInterval: n must be positive, got ${n}`);
  const nEffective = se === 0 || p === 0 || p === 1 ? n : (p * (1 - p)) / (se * se);
  return wilsonInterval(Math.min(nEffective, Math.max(0, p * nEffective)), nEffective, level);
}
