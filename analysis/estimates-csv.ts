import { csvLine } from '../domain/csv';
import type { SurveyAnalysisResult } from './survey-analysis-types';

/** Columns of the estimates CSV: the contract of `npm run analyze -- --format csv` (docs/analysis.md). */
export const ESTIMATES_CSV_COLUMNS = [
  'indicator', 'domain', 'n', 'df', 'proportion', 'se', 'ci_lower', 'ci_upper', 'total', 'total_se', 'total_ci_lower', 'total_ci_upper',
  'deff', 'cv', 'flags', 'suppressed', 'reason', 'registered', 'unregistered', 'unregistered_ci_lower', 'unregistered_ci_upper',
  'detection_ratio', 'detection_ratio_ci_lower', 'detection_ratio_ci_upper',
] as const;

/**
 * The estimates of a survey analysis as CSV: one row per indicator and
 * domain (`kon=kvinna;omrade=norr`, empty for the whole population), the
 * mörkertal alongside. Suppressed values are empty, with the reason. The one
 * estimates writer: the CLI prints it and the server's `analysis.csv` sends it.
 * Cells are written by `csvLine` (quoted when needed, formulas defused).
 *
 * Complexity: O(estimates + dark figures).
 *
 * @example
 * estimatesCsv({ weighting, estimates: [], darkFigure: [] }) // → 'indicator,domain,n,…,detection_ratio_ci_upper\n'
 */
export function estimatesCsv(result: Pick<SurveyAnalysisResult, 'estimates' | 'darkFigure'>): string {
  const key = (indicator: string, domain: Readonly<Record<string, string>>): string => `${indicator}|${JSON.stringify(domain)}`;
  const dark = new Map(result.darkFigure.map((d) => [key(d.indicator, d.domain), d]));
  let csv = csvLine(ESTIMATES_CSV_COLUMNS);
  for (const e of result.estimates) {
    const d = dark.get(key(e.indicator, e.domain));
    const domain = Object.entries(e.domain).map(([k, v]) => `${k}=${v}`).join(';');
    csv += csvLine([
      e.indicator, domain, e.n, e.df, e.proportion, e.se, e.ci?.[0], e.ci?.[1], e.total, e.totalSe, e.totalCi?.[0], e.totalCi?.[1],
      e.deff, e.cv, e.flags.join('|'), String(e.suppressed), e.reason ?? (d?.suppressed ? d.reason : ''), d?.registered, d?.unregistered,
      d?.unregisteredCi?.[0], d?.unregisteredCi?.[1], d?.detectionRatio, d?.detectionRatioCi?.[0], d?.detectionRatioCi?.[1],
    ]);
  }
  return csv;
}
