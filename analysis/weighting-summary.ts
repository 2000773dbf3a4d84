import { kishEffectiveSampleSize } from './kish-effective-sample-size';
import type { WeightDiagnostics, WeightingSummary } from './survey-analysis-types';
import type { WeightedSurveyDesign } from './weight-survey';
import { weightingDesignEffect } from './weighting-design-effect';

/**
 * The spread of a set of weights: range, coefficient of variation (population
 * form), Kish effective n (Σw)²/Σw² and the design effect of weighting
 * 1 + CV² = n·Σw²/(Σw)². With negative weights (unbounded GREG) the same
 * ratios are reported from the sums.
 *
 * Reference: Kish (1965), Survey Sampling, §11.7. Complexity: O(n), one pass.
 *
 * @example
 * weightDiagnostics(Float64Array.from([1, 1, 2, 4])).nEffective // → 2.909090909
 */
export function weightDiagnostics(w: Float64Array): WeightDiagnostics {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < w.length; i++) {
    min = Math.min(min, w[i]);
    max = Math.max(max, w[i]);
    sum += w[i];
    sumSquares += w[i] * w[i];
  }
  const mean = sum / w.length;
  const positive = min >= 0;
  return {
    weightMin: min,
    weightMax: max,
    weightCv: Math.sqrt(Math.max(0, sumSquares / w.length - mean * mean)) / mean,
    nEffective: positive ? kishEffectiveSampleSize(w) : (sum * sum) / sumSquares,
    weightingDesignEffect: positive ? weightingDesignEffect(w) : (w.length * sumSquares) / (sum * sum),
  };
}

/**
 * The `weighting` block of the analysis result: method, convergence, margin
 * error, base weights, strata, bounds and trimming (with the weights before
 * trimming), problems, and the diagnostics of the final weights.
 *
 * Complexity: O(n).
 *
 * @example
 * weightingSummary(design).converged // → true
 */
export function weightingSummary(design: WeightedSurveyDesign): WeightingSummary {
  const diagnostics = weightDiagnostics(design.weights);
  let strata = 0;
  let lonelyStrata = 0;
  for (const size of design.cells.stratumSize) {
    if (size > 0) strata++;
    if (size === 1) lonelyStrata++;
  }
  return {
    method: design.method,
    iterations: design.calibration.iterations,
    converged: design.calibration.converged && design.problems.length === 0,
    maxMarginError: design.calibration.maxMarginError,
    ...diagnostics,
    respondents: design.weights.length,
    populationSize: design.weights.reduce((a, b) => a + b, 0),
    trimRounds: design.trimRounds,
    baseWeights: design.baseWeights,
    strata,
    lonelyStrata,
    bounds: design.bounds ? [design.bounds[0], design.bounds[1]] : null,
    trim: design.trim,
    beforeTrim: design.untrimmedWeights ? weightDiagnostics(design.untrimmedWeights) : null,
    problems: [...design.problems],
  };
}
