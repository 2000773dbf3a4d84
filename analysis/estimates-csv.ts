import { csvLine, excelCsvLine, UTF8_BOM } from '../domain/csv';
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

/** Names a front end gives the estimates' indicators and domain values (Swedish labels, område names). */
export interface EstimateLabels {
  readonly indicator?: (id: string) => string;
  /** A domain level in words, e.g. "Kvinnor, 18–29 år"; default `kon=kvinna; omrade=norr`. */
  readonly domain?: (domain: Readonly<Record<string, string>>) => string;
  /** A flag or a suppression reason in words. */
  readonly flag?: (flag: string) => string;
  readonly reason?: (reason: string | undefined) => string;
}

/** Swedish column labels of the Excel download, in the order of ESTIMATES_CSV_COLUMNS. */
export const ESTIMATES_EXCEL_COLUMNS = [
  'Indikator', 'Grupp', 'Svarande', 'Frihetsgrader', 'Andel', 'Standardfel', 'KI nedre', 'KI övre', 'Antal invånare', 'Standardfel antal',
  'Antal KI nedre', 'Antal KI övre', 'Designeffekt', 'Variationskoefficient', 'Anmärkning', 'Redovisas', 'Skäl', 'Registrerade', 'Ej registrerade',
  'Ej registrerade KI nedre', 'Ej registrerade KI övre', 'Upptäcktsgrad', 'Upptäcktsgrad KI nedre', 'Upptäcktsgrad KI övre',
] as const;

/**
 * The estimates table for Excel in sv-SE (the workspace's default download): the columns of
 * {@link estimatesCsv} with Swedish labels, `;`, decimal comma, UTF-8 with BOM, CRLF; indicator,
 * group, flags and reasons in words. A suppressed row shows neither its values nor its number of
 * respondents (readers' tables never show the n of a hidden group).
 *
 * @example
 * estimatesExcelCsv({ estimates: [], darkFigure: [] }) // → '\uFEFFIndikator;Grupp;Svarande;…;Upptäcktsgrad KI övre\r\n'
 */
export function estimatesExcelCsv(result: Pick<SurveyAnalysisResult, 'estimates' | 'darkFigure'>, labels: EstimateLabels = {}): string {
  const key = (indicator: string, domain: Readonly<Record<string, string>>): string => `${indicator}|${JSON.stringify(domain)}`;
  const dark = new Map(result.darkFigure.map((d) => [key(d.indicator, d.domain), d]));
  const domainText = labels.domain ?? ((domain) => Object.entries(domain).map(([k, v]) => `${k}=${v}`).join('; ') || 'Alla');
  let csv = UTF8_BOM + excelCsvLine(ESTIMATES_EXCEL_COLUMNS);
  for (const e of result.estimates) {
    const d = dark.get(key(e.indicator, e.domain));
    const reason = e.suppressed ? e.reason : d?.suppressed ? d.reason : undefined;
    csv += excelCsvLine([
      labels.indicator?.(e.indicator) ?? e.indicator, domainText(e.domain), e.suppressed ? null : e.n, e.df, e.proportion, e.se, e.ci?.[0], e.ci?.[1],
      e.total, e.totalSe, e.totalCi?.[0], e.totalCi?.[1], e.deff, e.cv, e.flags.map((f) => labels.flag?.(f) ?? f).join(' '), e.suppressed ? 'nej' : 'ja',
      reason === undefined ? '' : (labels.reason?.(reason) ?? reason), d?.registered, d?.unregistered, d?.unregisteredCi?.[0], d?.unregisteredCi?.[1],
      d?.detectionRatio, d?.detectionRatioCi?.[0], d?.detectionRatioCi?.[1],
    ]);
  }
  return csv;
}
