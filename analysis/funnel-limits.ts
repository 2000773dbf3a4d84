import { InvalidInputError } from './invalid-input-error';
import { normalQuantile } from './normal-quantile';
import { regularizedIncompleteBeta } from './regularized-incomplete-beta';

/** `exact`: binomial with Spiegelhalter's interpolation (integer n); `normal`: θ0 ± z·sqrt(θ0(1 − θ0)/n) (any n > 0). */
export type FunnelMethod = 'exact' | 'normal';

export interface FunnelLimits {
  readonly n: number;
  /** Two-sided coverage, e.g. 0.95 and 0.998. */
  readonly level: number;
  readonly lower: number;
  readonly upper: number;
}

/** Binomial CDF P(Y ≤ r), Y ~ Bin(n, θ), as I_{1−θ}(n − r, r + 1). */
function binomialCdf(r: number, n: number, theta: number): number {
  if (r < 0) return 0;
  if (r >= n) return 1;
  return regularizedIncompleteBeta(1 - theta, n - r, r + 1);
}

/** Spiegelhalter's interpolated binomial quantile divided by n (Appendix A.1.1). */
function exactLimit(probability: number, n: number, theta: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (binomialCdf(mid, n, theta) >= probability) hi = mid;
    else lo = mid + 1;
  }
  const r = lo;
  const atR = binomialCdf(r, n, theta);
  const below = binomialCdf(r - 1, n, theta);
  const alpha = (atR - probability) / (atR - below);
  return (r - alpha) / n;
}

/**
 * Funnel plot control limits for a proportion around a target θ0 (the county
 * or pooled value), as a function of the denominator n.
 *
 * - `exact` (integer n): with r_p the p-quantile of Bin(n, θ0) (the smallest r
 *   with F(r) ≥ p), α = (F(r_p) − p) / (F(r_p) − F(r_p − 1)) and the limit
 *   (r_p − α)/n, for p = (1 − level)/2 and (1 + level)/2. The interpolation makes the
 *   limits smooth in n; both limits are clipped to [0, 1] (for tiny n and θ0 the
 *   interpolated upper limit can be negative).
 * - `normal` (any n > 0, e.g. an effective sample size p(1 − p)/SE² of a
 *   weighted or standardised estimate): θ0 ± z_p · sqrt(θ0 (1 − θ0) / n),
 *   clipped to [0, 1].
 *
 * Use levels 0.95 (≈ 2 SD) and 0.998 (≈ 3 SD).
 *
 * Reference: Spiegelhalter, D. J. (2005), Funnel plots for comparing
 * institutional performance, Statistics in Medicine 24:1185–1202, §3 and
 * Appendix A.1.1. In R: `r <- qbinom(p, n, t); a <- (pbinom(r, n, t) - p) /
 * dbinom(r, n, t); (r - a) / n`.
 * Complexity: O(log n) incomplete-beta evaluations for `exact`, O(1) for `normal`.
 *
 * @throws {InvalidInputError} if target is outside (0, 1), n is not positive (or not an integer for `exact`),
 * or level is outside (0, 1).
 * @example
 * funnelLimits(0.2, 100, 0.95, 'exact')  // → { n: 100, level: 0.95, lower: 0.1197422327…, upper: 0.2764760850… }
 * funnelLimits(0.2, 100, 0.95, 'normal') // → { n: 100, level: 0.95, lower: 0.1216014406…, upper: 0.2783985593… }
 */
export function funnelLimits(target: number, n: number, level: number, method: FunnelMethod = 'exact'): FunnelLimits {
  if (!(target > 0 && target < 1)) throw new InvalidInputError(`funnelLimits: target must lie in (0, 1), got ${target}`);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidInputError(`funnelLimits: n must be a positive number, got ${n}`);
  if (!(level > 0 && level < 1)) throw new InvalidInputError(`funnelLimits: level must lie in (0, 1), got ${level}`);
  const pLower = (1 - level) / 2;
  const pUpper = (1 + level) / 2;
  if (method === 'exact') {
    if (!Number.isInteger(n)) throw new InvalidInputError(`funnelLimits: n must be an integer for the exact method, got ${n}`);
    // The interpolation can step below 0 (n = 1, θ0 = 0.02: (0 − 0.0051)/1); a limit of a proportion stays in [0, 1].
    return { n, level, lower: clampUnit(exactLimit(pLower, n, target)), upper: clampUnit(exactLimit(pUpper, n, target)) };
  }
  const half = normalQuantile(pUpper) * Math.sqrt((target * (1 - target)) / n);
  return { n, level, lower: Math.max(0, target - half), upper: Math.min(1, target + half) };
}

function clampUnit(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/**
 * The funnel's limit curves at many n, for drawing: for each n of a
 * geometric grid of `points` values from nMin to nMax, the limits at each level.
 * With `exact`, grid values are rounded to integers (duplicates dropped).
 *
 * Complexity: O(points × levels) limit evaluations.
 *
 * @throws {InvalidInputError} if nMin ≤ 0, nMax < nMin, points < 2, or as {@link funnelLimits}.
 * @example
 * funnelCurve(0.2, 10, 1000, [0.95], 3, 'normal').map((l) => l.n) // → [10, 100, 1000]
 */
export function funnelCurve(
  target: number,
  nMin: number,
  nMax: number,
  levels: readonly number[],
  points = 60,
  method: FunnelMethod = 'exact',
): FunnelLimits[] {
  if (!(nMin > 0) || !Number.isFinite(nMin)) throw new InvalidInputError(`funnelCurve: nMin must be a positive number, got ${nMin}`);
  if (!(nMax >= nMin) || !Number.isFinite(nMax)) throw new InvalidInputError(`funnelCurve: nMax must be a number ≥ nMin, got ${nMax}`);
  if (!Number.isInteger(points) || points < 2) throw new InvalidInputError(`funnelCurve: points must be an integer ≥ 2, got ${points}`);
  const ratio = Math.log(nMax / nMin) / (points - 1);
  const grid: number[] = [];
  for (let i = 0; i < points; i++) {
    let n = i === points - 1 ? nMax : nMin * Math.exp(ratio * i);
    if (method === 'exact') n = Math.max(1, Math.round(n));
    else n = Math.round(n * 1e9) / 1e9;
    if (grid[grid.length - 1] !== n) grid.push(n);
  }
  return grid.flatMap((n) => levels.map((level) => funnelLimits(target, n, level, method)));
}
