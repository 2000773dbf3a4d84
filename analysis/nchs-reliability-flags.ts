import { InvalidInputError } from './invalid-input-error';
import { kornGraubardInterval } from './korn-graubard-interval';

/** Input of {@link nchsReliabilityFlags}: a proportion with its design information. */
export interface ProportionReliabilityInput {
  readonly p: number;
  readonly se: number;
  /** Unweighted respondents behind the estimate. */
  readonly n: number;
  /** Design degrees of freedom. */
  readonly df: number;
  /** R's nrow(design) − 1 for the Korn–Graubard adjustment (see kornGraubardInterval). */
  readonly rowsDf: number;
}

/**
 * Flags of the NCHS Data Presentation Standards for Proportions (Parker et
 * al. 2017, Vital Health Stat 2(175)):
 *
 * - `n<30`: fewer than 30 respondents;
 * - `neff<30`: effective sample size n_eff = min(n, p(1 − p)/se²) below 30
 *   (the design effect is floored at 1, so n_eff ≤ n);
 * - `ciWidth>0.30`: the 95% Korn–Graubard interval is wider than 0.30;
 * - `relCiWidth>130%`: the width is above 0.05 and more than 130% of p;
 * - `df<8`: fewer than 8 design degrees of freedom (to be reviewed);
 * - `p=0|1`: an estimate of 0 or 1, whose interval rests on n alone.
 *
 * The standard suppresses an estimate with any of the first four and flags
 * the last two for review; here all are reported and suppression for
 * disclosure is separate (minimum cell size).
 *
 * Complexity: O(betaQuantile).
 *
 * @throws {InvalidInputError} if p is outside [0, 1], se negative, or n not positive.
 * @example
 * nchsReliabilityFlags({ p: 0.1303, se: 0.0332, n: 94, df: 93, rowsDf: 166 }) // → []
 */
export function nchsReliabilityFlags(input: ProportionReliabilityInput): string[] {
  const { p, se, n, df, rowsDf } = input;
  if (!(p >= 0 && p <= 1)) throw new InvalidInputError(`nchsReliabilityFlags: p must lie in [0, 1], got ${p}`);
  if (!(se >= 0)) throw new InvalidInputError(`nchsReliabilityFlags: se must be non-negative, got ${se}`);
  if (!(n > 0)) throw new InvalidInputError(`nchsReliabilityFlags: n must be positive, got ${n}`);
  const flags: string[] = [];
  if (n < 30) flags.push('n<30');
  const nEffective = se === 0 || p === 0 || p === 1 ? n : Math.min(n, (p * (1 - p)) / (se * se));
  if (nEffective < 30) flags.push('neff<30');
  if (df >= 1 && rowsDf >= 1) {
    const [lower, upper] = kornGraubardInterval(p, se, df, rowsDf, n, 0.95);
    const width = upper - lower;
    if (width > 0.3) flags.push('ciWidth>0.30');
    else if (width > 0.05 && (p === 0 || width / p > 1.3)) flags.push('relCiWidth>130%');
  }
  if (df < 8) flags.push('df<8');
  if (p === 0 || p === 1) flags.push('p=0|1');
  return flags;
}
