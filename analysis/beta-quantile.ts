import { InvalidInputError } from './invalid-input-error';
import { logBeta } from './log-beta';
import { regularizedIncompleteBeta } from './regularized-incomplete-beta';

/**
 * Quantile function of the Beta(a, b) distribution (the inverse of the
 * regularized incomplete beta function): the x in [0, 1] with I_x(a, b) = p.
 *
 * Safeguarded Newton iteration on I_x(a, b) − p, started from the initial
 * guess of Numerical Recipes §6.14 (`invbetai`), keeping a bracket [lo, hi]
 * and bisecting whenever a Newton step would leave it. Stops when a step
 * changes x by less than 1e-15·x. Degenerate shapes follow R: a = 0 is a
 * point mass at 0, b = 0 a point mass at 1.
 *
 * Reference: R's `qbeta(p, a, b)`. Complexity: O(iterations · √max(a, b)),
 * usually under 10 iterations.
 *
 * @throws {InvalidInputError} if p is outside [0, 1], a or b negative or not finite, or both zero.
 * @example
 * betaQuantile(0.025, 18, 150) // → 0.06514328867… (= R qbeta(0.025, 18, 150))
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) throw new InvalidInputError(`betaQuantile: p must lie in [0, 1], got ${p}`);
  if (!(a >= 0) || !(b >= 0) || !Number.isFinite(a) || !Number.isFinite(b) || (a === 0 && b === 0)) {
    throw new InvalidInputError(`betaQuantile: shapes must be non-negative finite numbers, not both zero, got a = ${a}, b = ${b}`);
  }
  if (a === 0) return 0;
  if (b === 0) return 1;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const lnB = logBeta(a, b);
  let x = initialGuess(p, a, b, lnB);
  let lo = 0;
  let hi = 1;
  for (let iteration = 0; iteration < 200; iteration++) {
    const f = regularizedIncompleteBeta(x, a, b) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const logDensity = (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lnB;
    const step = f / Math.exp(logDensity);
    let next = x - step;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-15 * x || hi - lo <= 1e-300) return next;
    x = next;
  }
  return x;
}

function initialGuess(p: number, a: number, b: number, lnB: number): number {
  let x: number;
  if (a >= 1 && b >= 1) {
    const pp = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(pp));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) z = -z;
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    x = a / (a + b * Math.exp(2 * w));
  } else {
    const lna = Math.log(a / (a + b));
    const lnb = Math.log(b / (a + b));
    const t = Math.exp(a * lna) / a;
    const u = Math.exp(b * lnb) / b;
    const w = t + u;
    x = p < t / w ? Math.pow(a * w * p, 1 / a) : 1 - Math.pow(b * w * (1 - p), 1 / b);
  }
  void lnB;
  if (!(x > 0 && x < 1) || !Number.isFinite(x)) x = 0.5;
  return x;
}
