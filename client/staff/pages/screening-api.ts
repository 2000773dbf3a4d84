/**
 * Wire types of the screening month API (keep in step with
 * server/services/screening-schema.ts and the analysis types) and display
 * helpers. No statistics here: every number comes from the server.
 */

export type YesNo = 'ja' | 'nej';
export type Answer = 'ja' | 'nej' | 'vill_ej_svara';

export interface ScreeningListItem {
  id: string;
  title: string;
  status: 'draft' | 'open' | 'closed' | 'archived';
  kommunkod: string;
  periodStart: string | null;
  periodEnd: string | null;
}

export interface ScreeningUnit {
  unitId: string;
  verksamhet: string;
  enhet: string;
  linkToken?: string;
  hasPin?: boolean;
  pinSetAt?: string | null;
}

export interface Choice {
  value: string;
  text: string;
}

export interface ScreeningView {
  id: string;
  title: string;
  kommunkod: string;
  status: ScreeningListItem['status'];
  periodStart: string | null;
  periodEnd: string | null;
  units: ScreeningUnit[];
  myUnitIds: string[];
  canManage: boolean;
  choices: Record<string, Choice[]>;
}

export interface RegistrationFields {
  datum: string;
  kon: 'kvinna' | 'man' | 'annat';
  aldersgrupp: string;
  tillfragad: YesNo;
  orsak_ej_tillfragad: string | null;
  orsak_annat_text: string | null;
  psykiskt: Answer | null;
  fysiskt: Answer | null;
  sexuellt: Answer | null;
  radd: Answer | null;
  pagaende: Answer | null;
  kand_sedan_tidigare: YesNo | null;
  stod_erbjudet: YesNo | null;
  stod_accepterat: YesNo | null;
  barn_berorda: YesNo | null;
  redan_tillfragad: YesNo | null;
}

export interface Registration extends RegistrationFields {
  id: string;
  unitId: string;
  enhet: string;
  status: 'active' | 'withdrawn';
  version: number;
}

export interface FollowUp {
  units: { unitId: string; enhet: string; verksamhet: string; contacts: number; asked: number; lastDate: string | null; coverage: number | null }[];
  total: { contacts: number; asked: number; coverage: number | null };
}

export interface Proportion {
  x: number;
  n: number;
  p: number | null;
  ci: [number, number] | null;
}

export type GroupKey = Partial<Record<'enhet' | 'verksamhet' | 'kon' | 'aldersgrupp', string>>;

export const MEASURES = ['utsatt', 'psykiskt', 'fysiskt', 'sexuellt', 'radd', 'pagaende'] as const;
export type Measure = (typeof MEASURES)[number];

export type GroupResult =
  | {
      group: GroupKey;
      suppressed: false;
      contacts: number;
      asked: number;
      coverage: Proportion;
      notAskedReasons: Record<string, number>;
      disclosure: Record<Measure, Proportion>;
      unknownToUnit: Proportion;
      supportOffered: Proportion;
      supportAccepted: Proportion;
    }
  | { group: GroupKey; suppressed: true; reason: string };

export interface Summary {
  groups: GroupResult[];
}

export interface Comparison {
  measure: Measure;
  units: ({ enhet: string; suppressed: false; contacts: number; disclosure: Proportion } | { enhet: string; suppressed: true; reason: string })[];
  test: { statistic: number; df: number; pValue: number; minExpected: number; units: string[] } | null;
  testNotDone: 'fewer-than-two-units' | 'no-variation' | null;
}

export interface Report {
  campaign: { id: string; title: string; kommunkod: string; kommunNamn: string; periodStart: string | null; periodEnd: string | null; period: string | null; status: string };
  units: { enhet: string; verksamhet: string; contacts: number; asked: number; coverage: number | null }[];
  minCell: number;
  summary: Summary;
  comparison: Comparison;
  text: { findings: string[]; method: string[] };
  generatedOn: string;
}

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
