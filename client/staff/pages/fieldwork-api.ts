/**
 * Small display helpers of the population-survey fieldwork pages. The wire
 * types come from contracts/fieldwork.ts. No statistics here.
 */
import type { CampaignArea } from '../../../contracts/common';
import { textFor } from '../../../domain/localized-text';
import { valueLabel, variableLabel } from '../../../domain/value-labels';

export { valueLabel, variableLabel };

export const campaignPath = (id: string, step = '') => `/arbetsyta/undersokningar/${encodeURIComponent(id)}${step ? `/${step}` : ''}`;

const percentFormat = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 1 });
const numberFormat = new Intl.NumberFormat('sv-SE');

/** "45,0 %" or "–" when the denominator is 0. */
export function rate(numerator: number, denominator: number): string {
  return denominator > 0 ? percentFormat.format(numerator / denominator) : '–';
}

export function count(value: number): string {
  return numberFormat.format(value);
}

/** Stratum variables in the order kön, åldersgrupp, område, then the rest by name. */
export function orderVariables(names: Iterable<string>): string[] {
  const all = [...new Set(names)];
  const order = ['kon', 'aldersgrupp', 'omrade'];
  return [...order.filter((n) => all.includes(n)), ...all.filter((n) => !order.includes(n)).sort()];
}

/** A stratum as "Kvinna · 18–29 år · Norr", in the order kön, åldersgrupp, område, then the rest; område by its name. */
export function stratumLabel(stratum: Record<string, string>, areaNames?: ReadonlyMap<string, string>): string {
  const keys = orderVariables(Object.keys(stratum));
  return keys.map((k) => valueLabel(k, stratum[k], k === 'omrade' ? areaNames : undefined)).join(' · ') || 'Hela urvalet';
}

export function areaName(area: CampaignArea): string {
  return textFor(area.name) || area.code;
}
