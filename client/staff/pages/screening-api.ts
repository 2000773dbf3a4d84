/**
 * Display helpers of the screening month pages. The wire types come from
 * contracts/screening.ts. No statistics here: every number comes from the server.
 */
import type { GroupKey, Proportion, Share } from '../../../contracts/screening';
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

/** "81 % (69–89 %)", or "–" when nobody could be counted or the share is suppressed. */
export function percentWithInterval(value: Proportion | Share): string {
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

/** Why a share is not shown, for a tooltip or note. */
export function suppressedShareText(reason: string, minCell: number): string {
  if (reason === 'secondary') return 'Dold så att ett litet antal i en annan grupp inte kan räknas fram (sekundär sekretess).';
  if (reason.startsWith('x<')) return `Färre än ${minCell} i täljaren: visas inte så att ingen enskild person ska kunna identifieras.`;
  return `Färre än ${minCell} i nämnaren: visas inte så att ingen enskild person ska kunna identifieras.`;
}

/** "x av n", or what the suppression says. */
export function shareCount(value: Share, minCell: number): string {
  if (value.suppressed) return suppressedShareText(value.reason, minCell);
  return value.n > 0 ? `${value.x} av ${value.n}` : 'Ingen att räkna';
}

/** A shown share with reliability flags (few in the denominator, a wide interval) is marked as uncertain. */
export function isUncertain(value: Share): boolean {
  return !value.suppressed && value.flags.some((flag) => flag !== 'p=0|1');
}
