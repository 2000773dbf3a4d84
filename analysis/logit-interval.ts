import { InvalidInputError } from './invalid-input-error';
import { studentTQuantile } from './student-t-quantile';

/**
 * Logit (Wald on the log-odds scale) confidence interval for a proportion:
 *
 *   se_logit = se / (p(1 − p))
 *   [expit(logit p − t·se_logit), expit(logit p + t·se_logit)]
 *
 * with t the Student-t quantile at (1 + level)/2 and `df` degrees of freedom.
 * Always inside (0, 1). For a survey proportion this is exactly R's
 * `svyciprop(method = "logit")`: the intercept-only quasibinomial `svyglm`
 * has coefficient logit(p̂) and standard error se(p̂)/(p̂(1 − p̂)).
 *
 * Complexity: O(1).
 *
 * @throws {InvalidInputError} if p is not in (0, 1), se is negative, df ≤ 0 or level outside (0, 1).
 * @example
 * logitInterval(0.1029847281, 0.0232472907, 166) // → [0.0652933559…, 0.1587388280…]
 */
export function logitInterval(p: number, se: number, df: number, level = 0.95): [number, number] {
  if (!(p > 0 && p < 1)) throw new InvalidInputError(`logitInterval: p must lie in (0, 1), got ${p}`);
  if (!(se >= 0) || !Number.isFinite(se)) throw new InvalidInputError(`logitInterval: se must be a non-negative number, got ${se}`);
  if (!(level > 0 && level < 1)) throw new InvalidInputError(`logitInterval: level must lie in (0, 1), got ${level}`);
  const t = studentTQuantile((1 + level) / 2, df);
  const centre = Math.log(p / (1 - p));
  const half = (t * se) / (p * (1 - p));
  return [1 / (1 + Math.exp(-(centre - half))), 1 / (1 + Math.exp(-(centre + half)))];
}
