import { clopperPearsonInterval } from './clopper-pearson-interval';
import { InvalidInputError } from './invalid-input-error';

/**
 * Reliability flags of an unweighted share x / n (a screening month's
 * coverage, disclosure or support), after the NCHS Data Presentation
 * Standards for Proportions (Parker et al. 2017, Vital Health Stat 2(175)):
 *
 * - `n<30`: fewer than 30 in the denominator;
 * - `ciWidth>0.30`: the 95 % Clopper–Pearson interval is wider than 0.30;
 * - `relCiWidth>130%`: the width is above 0.05 and more than 130 % of p;
 * - `p=0|1`: 0 % or 100 %.
 *
 * For unweighted counts the standard's Korn–Graubard interval is the
 * Clopper–Pearson interval (effective n = n), and the effective-n and
 * degrees-of-freedom criteria coincide with `n<30`. The interval shown
 * stays Wilson's; the flags say when a share should be read with care.
 *
 * Reference: as nchsReliabilityFlags; R `binom.test(x, n)$conf.int`.
 * Complexity: O(betaQuantile).
 *
 * @throws {InvalidInputError} if n is not a positive integer or x not an integer in [0, n].
 * @example
 * screeningReliabilityFlags(46, 57) // → []
 * screeningReliabilityFlags(3, 12) // → ['n<30', 'ciWidth>0.30'] (binom.test(3, 12): 0.0549–0.5719)
 */
export function screeningReliabilityFlags(x: number, n: number): string[] {
  if (!Number.isInteger(n) || n < 1) throw new InvalidInputError(`screeningReliabilityFlags: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(x) || x < 0 || x > n) throw new InvalidInputError(`screeningReliabilityFlags: x must be an integer in [0, ${n}], got ${x}`);
  const flags: string[] = [];
  if (n < 30) flags.push('n<30');
  const p = x / n;
  const [lower, upper] = clopperPearsonInterval(x, n, 0.95);
  const width = upper - lower;
  if (width > 0.3) flags.push('ciWidth>0.30');
  else if (width > 0.05 && (p === 0 || width / p > 1.3)) flags.push('relCiWidth>130%');
  if (p === 0 || p === 1) flags.push('p=0|1');
  return flags;
}
