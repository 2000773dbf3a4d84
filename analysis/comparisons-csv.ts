import { csvLine } from '../domain/csv';
import type { EstimateComparison } from './compare-estimates';

/** Columns of `--format csv`, one row per comparison (comma, dot decimals, as the analyze CSV). */
export const COMPARE_CSV_COLUMNS = [
  'indicator', 'domain', 'before_proportion', 'before_se', 'before_ci_lower', 'before_ci_upper', 'after_proportion', 'after_se',
  'after_ci_lower', 'after_ci_upper', 'difference', 'difference_se', 'difference_ci_lower', 'difference_ci_upper', 'clear_change', 'suppressed',
] as const;

/**
 * The comparisons of `npm run compare -- --format csv`: one row per indicator × domain, comma-separated
 * with dot decimals (the CLI's contract, like the estimates CSV); suppressed values are empty.
 *
 * @example
 * comparisonsCsv([]) // → 'indicator,domain,before_proportion,…,suppressed\n'
 */
export function comparisonsCsv(comparisons: readonly EstimateComparison[]): string {
  let csv = csvLine(COMPARE_CSV_COLUMNS);
  for (const c of comparisons) {
    const domain = Object.entries(c.domain).map(([k, v]) => `${k}=${v}`).join(';');
    csv += csvLine([
      c.indicator, domain, c.before.proportion, c.before.se, c.before.ci?.[0], c.before.ci?.[1], c.after.proportion, c.after.se, c.after.ci?.[0],
      c.after.ci?.[1], c.difference, c.differenceSe, c.differenceCi?.[0], c.differenceCi?.[1], String(c.clearChange), String(c.suppressed),
    ]);
  }
  return csv;
}

