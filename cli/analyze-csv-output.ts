import type { SurveyAnalysisResult } from '../analysis/index';

/** `--format csv`: one row per estimate with its mörkertal columns alongside. */
export function formatAnalysisCsv(result: SurveyAnalysisResult): string {
  const header = [
    'indicator', 'domain', 'n', 'df', 'proportion', 'se', 'ci_lower', 'ci_upper', 'total', 'total_se', 'total_ci_lower', 'total_ci_upper',
    'deff', 'cv', 'flags', 'suppressed', 'reason', 'registered', 'unregistered', 'unregistered_ci_lower', 'unregistered_ci_upper',
    'detection_ratio', 'detection_ratio_ci_lower', 'detection_ratio_ci_upper',
  ];
  const lines = [header.join(',')];
  const key = (indicator: string, domain: Readonly<Record<string, string>>): string => `${indicator}|${JSON.stringify(domain)}`;
  const dark = new Map(result.darkFigure.map((d) => [key(d.indicator, d.domain), d]));
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    const text = String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  for (const e of result.estimates) {
    const d = dark.get(key(e.indicator, e.domain));
    const domain = Object.entries(e.domain).map(([k, v]) => `${k}=${v}`).join(';');
    lines.push(
      [
        e.indicator, domain, e.n, e.df, e.proportion, e.se, e.ci?.[0], e.ci?.[1], e.total, e.totalSe, e.totalCi?.[0], e.totalCi?.[1],
        e.deff, e.cv, e.flags.join('|'), e.suppressed, e.reason ?? (d?.suppressed ? d.reason : ''), d?.registered, d?.unregistered,
        d?.unregisteredCi?.[0], d?.unregisteredCi?.[1], d?.detectionRatio, d?.detectionRatioCi?.[0], d?.detectionRatioCi?.[1],
      ].map(cell).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
