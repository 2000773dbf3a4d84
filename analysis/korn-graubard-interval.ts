import { betaQuantile } from './beta-quantile';
import { InvalidInputError } from './invalid-input-error';
import { studentTQuantile } from './student-t-quantile';

/**
 * Korn–Graubard (1998) interval: a Clopper–Pearson interval on the effective
 * sample size, adjusted for the design degrees of freedom:
 *
 *   n_eff = p(1 − p)/se² · (t_{α/2, rowsDf} / t_{α/2, df})²
 *   [qbeta(α/2, n_eff·p, n_eff(1 − p) + 1), qbeta(1 − α/2, n_eff·p + 1, n_eff(1 − p))]
 *
 * `rowsDf` is R's `nrow(design) − 1`: n − 1 for the whole sample, and, for a
 * domain of a calibrated design (whose subset keeps every row with weight 0),
 * still the full n − 1. When se = 0 (p̂ = 0 or 1) n_eff is taken as `n`,
 * which gives the Clopper–Pearson interval on the unweighted n (R returns NaN).
 *
 * Reference: Korn & Graubard (1998), Survey Methodology 24:193–201; R
 * `svyciprop(method = "beta")`. Complexity: O(betaQuantile).
 *
 * @throws {InvalidInputError} if p is outside [0, 1], se negative, df or rowsDf ≤ 0, or level outside (0, 1).
 * @example
 * kornGraubardInterval(0.1029847281, 0.0232472907, 166, 166, 167) // → [0.0617836194…, 0.1586009011…]
 */
export function kornGraubardInterval(p: number, se: number, df: number, rowsDf: number, n: number, level = 0.95): [number, number] {
  if (!(p >= 0 && p <= 1)) throw new InvalidInputError(`kornGraubardInterval: p must lie in [0, 1], got ${p}`);
  if (!(se >= 0) || !Number.isFinite(se)) throw new InvalidInputError(`kornGraubardInterval: se must be a non-negative number, got ${se}`);
  if (!(df > 0) || !(rowsDf > 0)) throw new InvalidInputError(`kornGraubardInterval: df and rowsDf must be positive, got ${df}, ${rowsDf}`);
  if (!(level > 0 && level < 1)) throw new InvalidInputError(`kornGraubardInterval: level must lie in (0, 1), got ${level}`);
  const alpha = 1 - level;
  let nEffective: number;
  if (se === 0 || p === 0 || p === 1) {
    if (!(n > 0)) throw new InvalidInputError(`kornGraubardInterval: n must be positive, got ${n}`);
    nEffective = n;
  } else {
    const ratio = studentTQuantile(alpha / 2, rowsDf) / studentTQuantile(alpha / 2, df);
    nEffective = ((p * (1 - p)) / (se * se)) * ratio * ratio;
  }
  const x = nEffective * p;
  const lower = betaQuantile(alpha / 2, x, nEffective - x + 1);
  const upper = betaQuantile(1 - alpha / 2, x + 1, nEffective - x);
  return [lower, upper];
}
