import type { CampaignAnalysis } from './analysis';
import { csvLine } from '../../domain/csv';

function labelText(label: CampaignAnalysis['meta']['indicators'][number]['label']): string {
  return typeof label === 'string' ? label : label.default ?? Object.values(label)[0] ?? '';
}

/**
 * The estimates table as CSV (one row per indicator and domain, mörkertal
 * alongside). Suppressed values are empty with the reason given; registered
 * counts below the threshold are never written.
 */
export function analysisCsv(analysis: CampaignAnalysis): string {
  const labels = new Map(analysis.meta.indicators.map((i) => [i.id, labelText(i.label)]));
  const key = (indicator: string, domain: Readonly<Record<string, string>>) => `${indicator}|${JSON.stringify(domain)}`;
  const dark = new Map(analysis.darkFigure.map((d) => [key(d.indicator, d.domain), d]));
  const level = Math.round(analysis.meta.parameters.level * 100);
  const lines = [
    csvLine([
      'indikator',
      'beskrivning',
      'grupp',
      'n',
      'andel',
      `andel_ki${level}_nedre`,
      `andel_ki${level}_ovre`,
      'antal_skattat',
      `antal_ki${level}_nedre`,
      `antal_ki${level}_ovre`,
      'cv',
      'flaggor',
      'undertryckt',
      'orsak',
      'registrerade',
      'upptacktsgrad',
      'upptacktsgrad_ki_nedre',
      'upptacktsgrad_ki_ovre',
      'morkertal',
    ]),
  ];
  for (const e of analysis.estimates) {
    const d = dark.get(key(e.indicator, e.domain));
    const visible = d && !d.suppressed;
    lines.push(
      csvLine([
        e.indicator,
        labels.get(e.indicator) ?? '',
        Object.entries(e.domain).map(([k, v]) => `${k}=${v}`).join(';') || 'alla',
        e.n,
        e.proportion,
        e.ci?.[0],
        e.ci?.[1],
        e.total,
        e.totalCi?.[0],
        e.totalCi?.[1],
        e.cv,
        e.flags.join(' '),
        e.suppressed ? 'ja' : 'nej',
        e.reason ?? d?.reason ?? '',
        visible ? d.registered : '',
        visible ? d.detectionRatio : '',
        visible ? d.detectionRatioCi?.[0] : '',
        visible ? d.detectionRatioCi?.[1] : '',
        visible ? d.unregistered : '',
      ]),
    );
  }
  return lines.join('');
}
