import { InvalidInputError } from './invalid-input-error';

const LN_SQRT_2PI = 0.9189385332046727;

/**
 * Natural logarithm of the gamma function, ln Γ(x), for x > 0.
 *
 * Lanczos approximation (g = 671/128, 14 terms; Numerical Recipes 3rd ed.
 * §6.1 `gammln`) for x < 10, and Stirling's series with the correction term
 * {@link stirlingCorrection} for x ≥ 10. Relative error below 1e-14.
 *
 * Reference: R's `lgamma`. Complexity: O(1).
 *
 * @throws {InvalidInputError} if x is not a positive finite number.
 * @example
 * logGamma(10) // → 12.801827480081469 (= ln 9!)
 */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) {
    throw new InvalidInputError(`logGamma: x must be a positive finite number, got ${x}`);
  }
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
  const cof = [
    57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4,
    0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3,
    0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
    0.368991826595316234e-5,
  ];
  let y = x;
  const tmp0 = x + 5.24218750000000000;
  const tmp = (x + 0.5) * Math.log(tmp0) - tmp0;
  let ser = 0.999999999999997092;
  for (let j = 0; j < 14; j++) ser += cof[j] / ++y;
  return tmp + Math.log((2.5066282746310005 * ser) / x);
}

/**
 * Stirling-series remainder ln Γ(x) − [(x − ½) ln x − x + ln √(2π)] for x ≥ 10
 * (R's `lgammacor`), accurate to about 1e-17 there.
 */
export function stirlingCorrection(x: number): number {
  const r = 1 / (x * x);
  return (
    (1 / x) *
    (1 / 12 + r * (-1 / 360 + r * (1 / 1260 + r * (-1 / 1680 + r * (1 / 1188 + r * (-691 / 360360 + r * (1 / 156)))))))
  );
}

/**
 * Logarithm of the beta function, ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b),
 * computed without the cancellation of the naive sum when a or b is large
 * (the same case split as R's `lbeta`).
 *
 * Reference: R's `lbeta`. Complexity: O(1).
 *
 * @throws {InvalidInputError} if a or b is not a positive finite number.
 * @example
 * logBeta(0.5, 0.5) // → 1.1447298858494002 (= ln π)
 */
export function logBeta(a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new InvalidInputError(`logBeta: a and b must be positive finite numbers, got a = ${a}, b = ${b}`);
  }
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (p >= 10) {
    const corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(p / (p + q)) + q * Math.log1p(-p / (p + q));
  }
  if (q >= 10) {
    const corr = stirlingCorrection(q) - stirlingCorrection(p + q);
    return logGamma(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
  }
  return logGamma(p) + logGamma(q) - logGamma(p + q);
}
