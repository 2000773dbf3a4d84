/**
 * Display helpers of the county pages. The wire types come from
 * contracts/county.ts. No statistics here: every number comes from the server.
 */
import type { CountyEstimate, FunnelPosition } from '../../../../contracts/county';

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
