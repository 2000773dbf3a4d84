import { InvalidInputError } from './invalid-input-error';

/** Mörkertal: estimated affected total against registered persons. */
export interface DarkFigure {
  readonly registered: number;
  readonly estimatedTotal: number;
  readonly estimatedTotalCi: [number, number];
  /** T̂ − R; negative when more are registered than estimated (never clipped). */
  readonly unregistered: number;
  readonly unregisteredCi: [number, number];
  /** Upptäcktsgrad R / T̂; null when T̂ = 0. */
  readonly detectionRatio: number | null;
  /** [R / upper_T, R / lower_T]; an end is null when the bound of T is 0. */
  readonly detectionRatioCi: [number | null, number | null];
}

/**
 * Mörkertal (dark figure) for one domain:
 *
 *   T̂ = N·p̂, CI_T = N × CI(p̂)
 *   unregistered = T̂ − R, CI = CI_T − R
 *   detection ratio = R / T̂, CI = [R / upper_T, R / lower_T]
 *
 * R > T̂ is shown as it is (negative unregistered, ratio above 1), never
 * clipped: it signals that the two sides are not aligned (period, age range,
 * definition, persons versus ärenden).
 *
 * Reference: DOMAIN.md §4. Complexity: O(1).
 *
 * @throws {InvalidInputError} if R is negative or not finite, or T̂ or its CI is negative or not finite.
 * @example
 * darkFigure(150, 2121.4853987, [1345.043132, 3270.019857]).detectionRatioCi // → [0.0458712811…, 0.1115205873…]
 */
export function darkFigure(registered: number, estimatedTotal: number, estimatedTotalCi: readonly [number, number]): DarkFigure {
  if (!(registered >= 0) || !Number.isFinite(registered)) throw new InvalidInputError(`darkFigure: registered must be a non-negative number, got ${registered}`);
  const [lower, upper] = estimatedTotalCi;
  if (!(estimatedTotal >= 0) || !(lower >= 0) || !(upper >= lower) || !Number.isFinite(upper)) {
    throw new InvalidInputError(`darkFigure: need 0 ≤ lower ≤ upper and a non-negative estimate, got ${estimatedTotal} [${lower}, ${upper}]`);
  }
  return {
    registered,
    estimatedTotal,
    estimatedTotalCi: [lower, upper],
    unregistered: estimatedTotal - registered,
    unregisteredCi: [lower - registered, upper - registered],
    detectionRatio: estimatedTotal > 0 ? registered / estimatedTotal : null,
    detectionRatioCi: [upper > 0 ? registered / upper : null, lower > 0 ? registered / lower : null],
  };
}
