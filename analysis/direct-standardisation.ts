import { gammaQuantile } from './gamma-quantile';
import { InvalidInputError } from './invalid-input-error';
import { normalQuantile } from './normal-quantile';
import { studentTQuantile } from './student-t-quantile';

/** A stratum-specific (e.g. kön × åldersgrupp) estimated proportion and its standard error. */
export interface StratumProportion {
  readonly proportion: number;
  readonly se: number;
}

export interface DirectlyStandardisedProportion {
  /** DSP = Σ w_k p_k with w_k the normalised standard population weights. */
  readonly estimate: number;
  /** sqrt(Σ w_k² SE_k²): strata are taken as independent. */
  readonly se: number;
  /** Null when the estimate is 0 or 1 on the logit scale (the interval does not exist there). */
  readonly ci: [number, number] | null;
  /** The normalised standard weights w_k = W_k / Σ W. */
  readonly weights: number[];
  /** Effective sample size DSP(1 − DSP)/SE², null when SE = 0 or DSP is 0 or 1. */
  readonly effectiveN: number | null;
}

export interface DirectlyStandardisedRate {
  /** Σ x_k / Σ n_k × multiplier. */
  readonly crudeRate: number;
  /** DSR = Σ w_k x_k/n_k × multiplier. */
  readonly estimate: number;
  /** sqrt(Σ w_k² x_k/n_k²) × multiplier (Poisson counts). */
  readonly se: number;
  /** Fay–Feuer gamma interval × multiplier. */
  readonly ci: [number, number];
}

function normalisedWeights(fn: string, standardPopulation: readonly number[], strata: number): number[] {
  if (standardPopulation.length !== strata || strata === 0) {
    throw new InvalidInputError(`${fn}: standardPopulation must have one entry per stratum (${strata}), got ${standardPopulation.length}`);
  }
  let total = 0;
  for (const [k, size] of standardPopulation.entries()) {
    if (!(size >= 0) || !Number.isFinite(size)) {
      throw new InvalidInputError(`${fn}: standardPopulation[${k}] must be a finite number ≥ 0, got ${size}`);
    }
    total += size;
  }
  if (!(total > 0)) throw new InvalidInputError(`${fn}: the standard population must have a positive total`);
  return standardPopulation.map((size) => size / total);
}

/**
 * Directly age–sex standardised proportion (prevalence) from stratum-specific
 * survey estimates: the prevalence the area would have if its population had
 * the standard population's composition.
 *
 *   w_k = W_k / Σ_j W_j                 (W_k: standard population in stratum k)
 *   DSP = Σ_k w_k p_k
 *   SE  = sqrt(Σ_k w_k² SE_k²)          (stratum estimates independent)
 *   logit CI:  expit(logit DSP ± q · SE / (DSP (1 − DSP)))
 *   normal CI: DSP ± q · SE, clipped to [0, 1]
 *
 * q is the normal quantile at (1 + level)/2, or Student's t with `df` degrees
 * of freedom when given. The independence of strata holds for domain
 * estimates of post-strata (calibration residuals are centred within each
 * cell) and for independent samples; otherwise it is an approximation.
 *
 * Reference: Breslow & Day (1987), Statistical Methods in Cancer Research II,
 * §2.3; Korn & Graubard (1999), Analysis of Health Surveys, §4.5 (direct
 * standardisation of survey estimates; R `survey::svystandardize`).
 * Complexity: O(K) for K strata.
 *
 * @throws {InvalidInputError} if the strata and standard population differ in length or are empty, a proportion is
 * outside [0, 1], an SE is negative or not finite, the standard population has a negative entry or a zero total, or
 * level is outside (0, 1).
 * @example
 * directlyStandardisedProportion([{ proportion: 0.1, se: 0.02 }, { proportion: 0.3, se: 0.05 }], [600, 400])
 * // → { estimate: 0.18, se: 0.0233238075…, ci: [0.1387081012…, 0.2302973019…], weights: [0.6, 0.4], effectiveN: 271.3235294… }
 */
export function directlyStandardisedProportion(
  strata: readonly StratumProportion[],
  standardPopulation: readonly number[],
  options: { readonly interval?: 'logit' | 'normal'; readonly level?: number; readonly df?: number } = {},
): DirectlyStandardisedProportion {
  const fn = 'directlyStandardisedProportion';
  const weights = normalisedWeights(fn, standardPopulation, strata.length);
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new InvalidInputError(`${fn}: level must lie in (0, 1), got ${level}`);
  let estimate = 0;
  let variance = 0;
  for (const [k, stratum] of strata.entries()) {
    if (!(stratum.proportion >= 0 && stratum.proportion <= 1)) {
      throw new InvalidInputError(`${fn}: strata[${k}].proportion must lie in [0, 1], got ${stratum.proportion}`);
    }
    if (!(stratum.se >= 0) || !Number.isFinite(stratum.se)) {
      throw new InvalidInputError(`${fn}: strata[${k}].se must be a finite number ≥ 0, got ${stratum.se}`);
    }
    estimate += weights[k] * stratum.proportion;
    variance += weights[k] * weights[k] * stratum.se * stratum.se;
  }
  estimate = Math.min(1, Math.max(0, estimate));
  const se = Math.sqrt(variance);
  const q = options.df === undefined ? normalQuantile((1 + level) / 2) : studentTQuantile((1 + level) / 2, options.df);
  let ci: [number, number] | null;
  if ((options.interval ?? 'logit') === 'normal') {
    ci = [Math.max(0, estimate - q * se), Math.min(1, estimate + q * se)];
  } else if (estimate > 0 && estimate < 1) {
    const centre = Math.log(estimate / (1 - estimate));
    const half = (q * se) / (estimate * (1 - estimate));
    ci = [1 / (1 + Math.exp(-(centre - half))), 1 / (1 + Math.exp(-(centre + half)))];
  } else {
    ci = null;
  }
  const effectiveN = se > 0 && estimate > 0 && estimate < 1 ? (estimate * (1 - estimate)) / variance : null;
  return { estimate, se, ci, weights, effectiveN };
}

/**
 * Directly age–sex standardised rate from stratum counts (e.g. registered
 * persons) and stratum populations, with the Fay–Feuer gamma interval.
 *
 *   w_k = W_k / Σ W,  r_k = x_k / n_k
 *   DSR = Σ w_k r_k,  V = Σ w_k² x_k / n_k²,  w_M = max_k w_k / n_k
 *   lower = qgamma(α/2,     shape = DSR²/V,                 scale = V/DSR)
 *   upper = qgamma(1 − α/2, shape = (DSR + w_M)²/(V + w_M²), scale = (V + w_M²)/(DSR + w_M))
 *
 * all multiplied by `multiplier` (1000 for a rate per 1,000). When every
 * count is 0 the lower limit is 0 (the gamma with shape 0 is a point mass at 0).
 *
 * Reference: Fay, M. P. & Feuer, E. J. (1997), Confidence intervals for
 * directly standardized rates: a method based on the gamma distribution,
 * Statistics in Medicine 16:791–801; identical to R
 * `epitools::ageadjust.direct(count, pop, stdpop = W)`.
 * Complexity: O(K).
 *
 * @throws {InvalidInputError} if the arrays differ in length or are empty, a count is negative or not an integer, a
 * population is not positive, the standard population has a negative entry or zero total, level outside (0, 1) or
 * multiplier not positive.
 * @example
 * directlyStandardisedRate([5, 20], [1000, 2000], [3000, 2000], { multiplier: 1000 })
 * // → { crudeRate: 8.333…, estimate: 7, se: 1.6124515…, ci: [4.2046377…, 11.3245539…] }
 */
export function directlyStandardisedRate(
  counts: readonly number[],
  population: readonly number[],
  standardPopulation: readonly number[],
  options: { readonly level?: number; readonly multiplier?: number } = {},
): DirectlyStandardisedRate {
  const fn = 'directlyStandardisedRate';
  if (population.length !== counts.length) {
    throw new InvalidInputError(`${fn}: counts and population must have the same length, got ${counts.length} and ${population.length}`);
  }
  const weights = normalisedWeights(fn, standardPopulation, counts.length);
  const level = options.level ?? 0.95;
  const multiplier = options.multiplier ?? 1;
  if (!(level > 0 && level < 1)) throw new InvalidInputError(`${fn}: level must lie in (0, 1), got ${level}`);
  if (!(multiplier > 0) || !Number.isFinite(multiplier)) throw new InvalidInputError(`${fn}: multiplier must be a positive number, got ${multiplier}`);
  let dsr = 0;
  let variance = 0;
  let maxWeight = 0;
  let countTotal = 0;
  let populationTotal = 0;
  for (let k = 0; k < counts.length; k++) {
    const x = counts[k];
    const n = population[k];
    if (!Number.isInteger(x) || x < 0) throw new InvalidInputError(`${fn}: counts[${k}] must be an integer ≥ 0, got ${x}`);
    if (!(n > 0) || !Number.isFinite(n)) throw new InvalidInputError(`${fn}: population[${k}] must be a positive number, got ${n}`);
    dsr += (weights[k] * x) / n;
    variance += (weights[k] * weights[k] * x) / (n * n);
    maxWeight = Math.max(maxWeight, weights[k] / n);
    countTotal += x;
    populationTotal += n;
  }
  const alpha = 1 - level;
  const lower = dsr > 0 ? gammaQuantile(alpha / 2, (dsr * dsr) / variance, variance / dsr) : 0;
  const upperMean = dsr + maxWeight;
  const upperVariance = variance + maxWeight * maxWeight;
  const upper = gammaQuantile(1 - alpha / 2, (upperMean * upperMean) / upperVariance, upperVariance / upperMean);
  return {
    crudeRate: (countTotal / populationTotal) * multiplier,
    estimate: dsr * multiplier,
    se: Math.sqrt(variance) * multiplier,
    ci: [lower * multiplier, upper * multiplier],
  };
}
