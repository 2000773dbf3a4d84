import { InvalidInputError } from './invalid-input-error';
import { regularizedUpperGamma } from './regularized-lower-gamma';

/**
 * Upper tail probability of the chi-square distribution, P(X² ≥ statistic),
 * used for the screening month's test of homogeneity between units.
 *
 *   P(X² ≥ q; df) = Q(df / 2, q / 2)
 *
 * with Q the regularised upper incomplete gamma function
 * (`regularizedUpperGamma`, analysis/regularized-lower-gamma.ts).
 *
 * Reference: Press et al., Numerical Recipes, 3rd ed., §6.2 (gammp/gammq);
 * R `pchisq(q, df, lower.tail = FALSE)`.
 * Complexity: O(1) amortised (at most a few hundred iterations).
 *
 * (Named with the screening prefix only because of file ownership; it is a
 * general function and may move to `analysis/chi-square-survival.ts`.)
 *
 * @throws {InvalidInputError} if df is not a positive number or statistic is negative or not finite.
 * @example
 * chiSquareSurvival(3.841458820694124, 1) // → 0.05000000000…
 */
export function chiSquareSurvival(statistic: number, df: number): number {
  if (!Number.isFinite(df) || df <= 0) {
    throw new InvalidInputError(`chiSquareSurvival: df must be a positive number, got ${df}`);
  }
  if (!Number.isFinite(statistic) || statistic < 0) {
    throw new InvalidInputError(`chiSquareSurvival: statistic must be a finite number ≥ 0, got ${statistic}`);
  }
  if (statistic === 0) return 1;
  return regularizedUpperGamma(df / 2, statistic / 2);
}
