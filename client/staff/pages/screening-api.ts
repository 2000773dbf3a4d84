/**
 * Display helpers of the screening month pages. The wire types come from
 * contracts/screening.ts. No statistics here: every number comes from the server.
 */
import type { GroupKey, Proportion } from '../../../contracts/screening';
import { SCREENING_DISCLOSURE_MEASURES, type ScreeningDisclosureMeasure } from '../../../domain/screening-contact';

/** The disclosure measures in display order: `utsatt` (any type) first. */
export const MEASURES = SCREENING_DISCLOSURE_MEASURES;
export type Measure = ScreeningDisclosureMeasure;

export const MEASURE_LABELS: Record<Measure, string> = {
  utsatt: 'Utsatt (någon form)',
  psykiskt: 'Psykiskt våld',
  fysiskt: 'Fysiskt våld',
  sexuellt: 'Sexuellt våld',
  radd: 'Rädd nu',
  pagaende: 'Pågående',
};

export const KON_LABELS: Record<string, string> = { kvinna: 'Kvinnor', man: 'Män', annat: 'Annat kön' };

export const VERKSAMHET_LABELS: Record<string, string> = {
  forsorjningsstod: 'Försörjningsstöd',
  mottagning: 'Mottagning',
  barn_och_unga: 'Barn och unga',
  vuxen: 'Vuxen',
  oppenvard: 'Öppenvård',
  aldreomsorg: 'Äldreomsorg',
  lss: 'LSS',
  annan: 'Annan verksamhet',
};

/** 0.807 → "81 %" (rounded half up, as the server's findings text). */
export function percent(p: number): string {
  return `${Math.round(p * 100 + 1e-9)} %`;
}

/** "81 % (69–89 %)", or "–" when nobody could be counted. */
export function percentWithInterval(value: Proportion): string {
  if (value.p === null || value.ci === null) return '–';
  return `${percent(value.p)} (${Math.round(value.ci[0] * 100 + 1e-9)}–${percent(value.ci[1])})`;
}

/** "2025-11-01" → "1 nov. 2025". */
export function formatDate(iso: string | null): string {
  if (!iso) return '–';
  const date = new Date(`${iso}T12:00:00`);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium' }).format(date);
}

/** Today in the browser's time zone, 'YYYY-MM-DD'. */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function groupLabel(group: GroupKey): string {
  const parts: string[] = [];
  if (group.enhet) parts.push(group.enhet);
  if (group.verksamhet) parts.push(VERKSAMHET_LABELS[group.verksamhet] ?? group.verksamhet);
  if (group.kon) parts.push(KON_LABELS[group.kon] ?? group.kon);
  if (group.aldersgrupp) parts.push(`${group.aldersgrupp.replace('-', '–')} år`);
  return parts.length === 0 ? 'Alla kontakter' : parts.join(', ');
}
