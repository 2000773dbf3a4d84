import { numericOf, type RespondentColumns } from './respondent-columns';
import type { UnweightedEstimate } from './survey-analysis-types';
import { wilsonInterval } from './wilson-interval';

/**
 * Unweighted proportions of the indicators among a group of respondents,
 * with Wilson intervals: for those who cannot be weighted (kön "annat",
 * ålder or område not given), as a check of whether leaving them out biases
 * the weighted estimates. Missing values are left out per indicator; below
 * `minCell` respondents with a value the figures are suppressed.
 *
 * Reference: Wilson (1927); R `prop.test(x, n, correct = FALSE)$conf.int`.
 * Complexity: O(n · indicators).
 *
 * @example
 * unweightedEstimates(excluded, ['utsatt'], 5)[0] // → { indicator: 'utsatt', n: 12, proportion: 0.25, ci: [0.0889, 0.5323], suppressed: false }
 */
export function unweightedEstimates(respondents: RespondentColumns, indicators: readonly string[], minCell: number): UnweightedEstimate[] {
  return indicators.map((indicator) => {
    const values = numericOf(respondents, indicator, 'indicator');
    let n = 0;
    let x = 0;
    for (const y of values) {
      if (y !== y) continue;
      n++;
      x += y;
    }
    if (n === 0) return { indicator, n, proportion: null, ci: null, suppressed: true, reason: 'n=0' };
    if (n < minCell) return { indicator, n, proportion: null, ci: null, suppressed: true, reason: `n<${minCell}` };
    return { indicator, n, proportion: x / n, ci: wilsonInterval(x, n), suppressed: false };
  });
}
