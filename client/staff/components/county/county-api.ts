/**
 * Wire types of the county API (keep in step with server/services/county*.ts)
 * and display helpers. No statistics here: every number comes from the server.
 */

export type FunnelPosition = 'within' | 'above95' | 'below95' | 'above998' | 'below998';

export interface CountyEstimate {
  estimate: number;
  ci: [number, number] | null;
  se: number;
}

export interface CountyRegisteredRate {
  table: { name: string; period: string };
  suppressed: boolean;
  reason: string | null;
  crudeRate: number | null;
  standardised: { estimate: number; ci: [number, number] } | null;
}

export interface CountyKommunRow {
  kod: string;
  namn: string;
  population: number;
  campaign: { title: string; periodEnd: string | null } | null;
  n: number | null;
  suppressed: boolean;
  reason: string | null;
  crude: (CountyEstimate & { flags: string[] }) | null;
  standardised: (CountyEstimate & { effectiveN: number | null }) | null;
  standardisedNote: string | null;
  funnel: { position: FunnelPosition; limits95: [number, number]; limits998: [number, number] } | null;
  registered: CountyRegisteredRate | null;
}

export interface FunnelPoint {
  n: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

export interface CountyComparison {
  lan: { kod: string; namn: string };
  template: { id: string; title: string };
  indicator: { id: string; label: string; period: string };
  indicators: { id: string; label: string }[];
  standard: 'lan' | 'riket';
  ageRange: [number, number];
  level: number;
  minCell: number;
  standardPopulation: { source: string; cells: { kon: string; aldersgrupp: string; antal: number; weight: number }[] };
  target: number | null;
  funnel: { method: 'normal'; levels: number[]; curve: FunnelPoint[] } | null;
  registeredNote: string;
  kommuner: CountyKommunRow[];
}

export interface CountyKommuner {
  lan: { kod: string; namn: string };
  ageRange: [number, number];
  source: string;
  templates: { id: string; kommuner: number }[];
  kommuner: {
    kod: string;
    namn: string;
    population: number;
    closedPopulationCampaigns: { templateId: string; title: string; periodEnd: string | null; responses: number }[];
    screening: { campaigns: number; registrations: number };
  }[];
}

const percentFormat = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const integerFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const rateFormat = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 0.1234 → "12,3 %". */
export const percent = (value: number) => `${percentFormat.format(value * 100)} %`;
export const integer = (value: number) => integerFormat.format(value);
export const rate = (value: number) => rateFormat.format(value);

/** "12,3 % (9,8–15,1)" or "12,3 %" without an interval. */
export function percentWithCi(estimate: CountyEstimate | null): string {
  if (!estimate) return '–';
  if (!estimate.ci) return percent(estimate.estimate);
  return `${percent(estimate.estimate)} (${percentFormat.format(estimate.ci[0] * 100)}–${percentFormat.format(estimate.ci[1] * 100)})`;
}

export const POSITION_LABELS: Record<FunnelPosition, string> = {
  within: 'Inom gränserna',
  above95: 'Över 95 %-gränsen',
  below95: 'Under 95 %-gränsen',
  above998: 'Över 99,8 %-gränsen',
  below998: 'Under 99,8 %-gränsen',
};

export const STANDARD_LABELS: Record<'lan' | 'riket', string> = {
  lan: 'Länets befolkning 2019',
  riket: 'Sveriges befolkning 2019',
};

/** The same in running text. */
export const STANDARD_PHRASES: Record<'lan' | 'riket', string> = {
  lan: 'länets befolkning 2019',
  riket: 'Sveriges befolkning 2019',
};

export const byName = (a: { namn: string }, b: { namn: string }) => a.namn.localeCompare(b.namn, 'sv');
