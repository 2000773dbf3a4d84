/**
 * Wire types of the population-survey fieldwork API (keep in step with
 * server/services/campaign-lifecycle.ts, progress.ts, paper-entry.ts and the
 * sampling routes) and small display helpers. No statistics here.
 */
import { textFor } from '../../../domain/localized-text';
import type { CampaignStatus } from '../../../domain/campaign';

export interface CampaignArea {
  code: string;
  name: string | Record<string, string>;
}

export interface CampaignContact {
  name?: string;
  phone?: string;
  email?: string;
  url?: string;
}

export interface CampaignDetail {
  id: string;
  kommunkod: string;
  kind: 'population' | 'screening';
  title: string;
  status: CampaignStatus;
  mode: 'codes' | 'open';
  openSlug: string | null;
  isDemo: boolean;
  periodStart: string | null;
  periodEnd: string | null;
  languages: string[];
  contact: CampaignContact;
  areas: CampaignArea[];
  modules: Record<string, boolean>;
  template: { id: string; version: number };
  codesDeletedOn: string | null;
  createdAt: string;
  counts: { invited: number; started: number; completed: number; responses: number; byMode: { web: number; paper: number } };
}

export interface StratumProgress {
  stratum: Record<string, string>;
  invited: number;
  started: number;
  completed: number;
  populationSize: number | null;
}

export interface Progress {
  totals: { invited: number; started: number; completed: number };
  strata: StratumProgress[];
  byMode: { web: number; paper: number };
  byWeek: { weekStart: string; web: number; paper: number }[];
  byWave: { wave: number; sentOn: string | null; codeCount: number; responses: number }[];
}

export type PaperOutcome =
  | { status: 'stored' }
  | { status: 'waiting_for_second_entry'; entry: 1 | 2 }
  | { status: 'discrepancy'; ref: string | null; questions: string[] };

export interface PaperDiscrepancy {
  ref: string | null;
  questions: { question: string; entry1: unknown; entry2: unknown }[];
}

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

const variableLabels: Record<string, string> = { kon: 'Kön', aldersgrupp: 'Åldersgrupp', omrade: 'Område', alder: 'Ålder' };

export function variableLabel(name: string): string {
  return variableLabels[name] ?? name;
}

/** Stratum variables in the order kön, åldersgrupp, område, then the rest by name. */
export function orderVariables(names: Iterable<string>): string[] {
  const all = [...new Set(names)];
  const order = ['kon', 'aldersgrupp', 'omrade'];
  return [...order.filter((n) => all.includes(n)), ...all.filter((n) => !order.includes(n)).sort()];
}

/** A stratum as "kvinna · 18-29 · norr", in the order kön, åldersgrupp, område, then the rest. */
export function stratumLabel(stratum: Record<string, string>): string {
  const order = ['kon', 'aldersgrupp', 'omrade'];
  const keys = [...order.filter((k) => k in stratum), ...Object.keys(stratum).filter((k) => !order.includes(k)).sort()];
  return keys.map((k) => stratum[k]).join(' · ') || 'Hela urvalet';
}

/** Saves text as a file in the browser (no server round trip). */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function areaName(area: CampaignArea): string {
  return textFor(area.name) || area.code;
}
