import { SCREENING_DISCLOSURE_MEASURES, type ScreeningDimension } from '../domain/screening-contact';
import type { ScreeningProportion } from '../analysis/screening-proportion';
import type { ScreeningSummary } from '../analysis/screening-summary';

/** Measures written for every group, in order; suppressed groups get these rows with empty numbers. */
const FIXED_MEASURES = [
  'coverage',
  ...SCREENING_DISCLOSURE_MEASURES.map((measure) => `disclosure.${measure}`),
  'unknownToUnit',
  'supportOffered',
  'supportAccepted',
  'childrenAffected',
];

/**
 * Writes a screening summary as long CSV: one row per group × measure.
 *
 * Columns: `grouping` ("total" or the --by spec, e.g. "enhet:kon"), one column
 * per dimension used by any grouping (empty when not part of the row's
 * grouping), `measure`, `x`, `n`, `p`, `ci_lower`, `ci_upper`, `suppressed`
 * (true|false) and `reason`. Comma-delimited, dot decimals, full precision,
 * LF line ends, no BOM. Measures: coverage, disclosure.utsatt …
 * disclosure.pagaende, unknownToUnit, supportOffered, supportAccepted,
 * childrenAffected (disclosures where barn_berorda = ja), then
 * notAskedReasons.<reason> (x = count, n = contacts not asked, p and ci empty).
 * A proportion with n = 0 has empty p and ci. A suppressed group gets one row
 * per fixed measure with x, n, p and ci empty.
 */
export function formatScreeningCsv(summary: ScreeningSummary, by: readonly (readonly ScreeningDimension[])[]): string {
  const dimensions: ScreeningDimension[] = [];
  for (const grouping of by) for (const dimension of grouping) if (!dimensions.includes(dimension)) dimensions.push(dimension);
  const header = ['grouping', ...dimensions, 'measure', 'x', 'n', 'p', 'ci_lower', 'ci_upper', 'suppressed', 'reason'];
  const lines = [header.map(escape).join(',')];
  for (const result of summary.groups) {
    const keys = Object.keys(result.group) as ScreeningDimension[];
    const grouping = keys.length === 0 ? 'total' : keys.join(':');
    const prefix = [grouping, ...dimensions.map((dimension) => result.group[dimension] ?? '')];
    const row = (measure: string, cells: readonly (string | number)[]): void => {
      lines.push([...prefix, measure, ...cells].map((cell) => escape(String(cell))).join(','));
    };
    if (result.suppressed) {
      for (const measure of FIXED_MEASURES) row(measure, ['', '', '', '', '', 'true', result.reason]);
      continue;
    }
    const proportion = (measure: string, value: ScreeningProportion): void =>
      row(measure, [value.x, value.n, value.p ?? '', value.ci?.[0] ?? '', value.ci?.[1] ?? '', 'false', '']);
    proportion('coverage', result.coverage);
    for (const measure of SCREENING_DISCLOSURE_MEASURES) proportion(`disclosure.${measure}`, result.disclosure[measure]);
    proportion('unknownToUnit', result.unknownToUnit);
    proportion('supportOffered', result.supportOffered);
    proportion('supportAccepted', result.supportAccepted);
    proportion('childrenAffected', result.childrenAffected);
    const notAsked = result.contacts - result.asked;
    for (const [reason, count] of Object.entries(result.notAskedReasons)) {
      row(`notAskedReasons.${reason}`, [count, notAsked, '', '', '', 'false', '']);
    }
  }
  return lines.join('\n') + '\n';
}

function escape(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
