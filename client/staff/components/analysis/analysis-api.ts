/**
 * Wire types of the analysis API (server/services/analysis.ts) and Swedish
 * formatting for the analysis page and report.
 */
import { textFor } from '../../../../domain/localized-text';
import { ApiError } from '../../api';

export type LocalizedText = string | Record<string, string>;

export interface IndicatorInfo {
  id: string;
  label: LocalizedText;
  period: string;
  registerCategory: string | null;
}

export interface Area {
  code: string;
  name: LocalizedText;
}

export interface PopulationTableSummary {
  id: string;
  name: string;
  source: string;
  reference: string;
  fileName: string;
  columns: string[];
  rowCount: number;
  total: number;
  createdAt: string;
}

export interface RegisteredTableSummary {
  id: string;
  name: string;
  period: string;
  unit: 'persons' | 'cases';
  fileName: string;
  columns: string[];
  rowCount: number;
  createdAt: string;
}

export interface AnalysisSetup {
  campaign: { id: string; title: string; kommunkod: string; kind: 'population' | 'screening'; status: string; isDemo: boolean };
  responses: number;
  indicators: IndicatorInfo[];
  variables: string[];
  ageGroups: string[];
  areas: Area[];
  populationTables: PopulationTableSummary[];
  registeredTables: RegisteredTableSummary[];
  minCellFloor: number;
  defaultMinCell: number;
}

export interface AnalysisRequest {
  indicators: string[];
  by: string[][];
  method: 'rake' | 'poststrat' | 'linear';
  ci: 'logit' | 'beta' | 'wilson';
  minCell: number;
  useScb: boolean;
  populationTableIds: string[];
  registeredTableId?: string;
}

export interface Estimate {
  indicator: string;
  domain: Record<string, string>;
  n: number;
  df: number | null;
  proportion: number | null;
  se: number | null;
  ci: [number, number] | null;
  total: number | null;
  totalSe: number | null;
  totalCi: [number, number] | null;
  deff: number | null;
  cv: number | null;
  flags: string[];
  suppressed: boolean;
  reason?: string;
}

export interface DarkFigure {
  indicator: string;
  domain: Record<string, string>;
  registered: number | null;
  estimatedTotal: number | null;
  estimatedTotalCi: [number, number] | null;
  unregistered: number | null;
  unregisteredCi: [number, number] | null;
  detectionRatio: number | null;
  detectionRatioCi: [number | null, number | null] | null;
  suppressed: boolean;
  reason?: string;
}

export interface Weighting {
  method: 'rake' | 'poststrat' | 'linear' | 'raking' | 'none';
  iterations: number;
  converged: boolean;
  maxMarginError: number;
  nEffective: number;
  weightMin: number;
  weightMax: number;
  weightCv: number;
  weightingDesignEffect: number;
  respondents: number;
  populationSize: number;
  trimRounds: number;
}

export interface AnalysisResult {
  weighting: Weighting;
  estimates: Estimate[];
  darkFigure: DarkFigure[];
  meta: {
    campaign: { id: string; title: string; kommunkod: string; isDemo: boolean };
    responses: number;
    analysed: number;
    excluded: { variable: string; value: string; count: number }[];
    parameters: { indicators: string[]; margins: string[][]; method: string; by: string[][]; ci: string; level: number; minCell: number; fpc: boolean; ageGroups: string[] };
    population: { kind: 'scb' | 'upload'; id: string | null; name: string; source: string; columns: string[]; total: number }[];
    registered: RegisteredTableSummary | null;
    indicators: IndicatorInfo[];
    areas: Area[];
    caveats: { indicator: string; points: string[] }[];
    timing: { loadMs: number; cached: boolean; analysisMs: number };
  };
}

/** A POST whose body is text (CSV upload) or whose answer is text (CSV download), with the session's CSRF token. */
export async function postText(path: string, csrfToken: string, body: string, contentType: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-csrf-token': csrfToken, accept: 'application/json, text/csv' },
      body,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', 'Det gick inte att nå servern. Kontrollera anslutningen och försök igen.');
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    let message = `Servern svarade med ett fel (${response.status}).`;
    try {
      const envelope = JSON.parse(text) as { error?: { message?: string } };
      if (envelope.error?.message) message = envelope.error.message;
    } catch {
      // Not the JSON envelope: keep the generic message.
    }
    throw new ApiError(response.status, `http_${response.status}`, message);
  }
  return text;
}

export const VARIABLE_LABELS: Record<string, string> = { kon: 'Kön', aldersgrupp: 'Åldersgrupp', omrade: 'Område' };
const SEX_LABELS: Record<string, string> = { kvinna: 'Kvinnor', man: 'Män' };

/** "Kvinnor", "18–29 år", an område's name, or "Kvinnor, 18–29 år"; "Alla" for the whole population. */
export function domainLabel(domain: Record<string, string>, areas: readonly Area[]): string {
  const parts = Object.entries(domain).map(([variable, value]) => {
    if (variable === 'kon') return SEX_LABELS[value] ?? value;
    if (variable === 'aldersgrupp') return `${value.replace('-', '–')} år`;
    if (variable === 'omrade') {
      const area = areas.find((a) => a.code === value);
      return area ? textFor(area.name) : value;
    }
    return `${VARIABLE_LABELS[variable] ?? variable} ${value}`;
  });
  return parts.length === 0 ? 'Alla' : parts.join(', ');
}

const percentFormat = new Intl.NumberFormat('sv-SE', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const countFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const percent = (p: number) => percentFormat.format(p);
/** Whole numbers with a space as thousands separator (sv-SE); rounded to tens above 1,000, since the estimates are not more precise. */
export const count = (x: number) => countFormat.format(Math.abs(x) >= 1000 ? Math.round(x / 10) * 10 : Math.round(x));
export const decimal = (x: number) => decimalFormat.format(x);
/** An exact whole number (respondents, registered persons). */
export const exact = (x: number) => countFormat.format(x);
export const percentInterval = (ci: readonly [number | null, number | null]) => `${ci[0] === null ? '–' : percent(ci[0])}–${ci[1] === null ? '–' : percent(ci[1])}`;
export const countInterval = (ci: readonly [number, number]) => `${count(ci[0])}–${count(ci[1])}`;

/** The engine's reliability flags in plain Swedish (docs/analysis.md, "Reliability and disclosure"). */
export const FLAG_TEXT: Record<string, string> = {
  'n<30': 'Färre än 30 svarande: skattningen är osäker.',
  'neff<30': 'Effektivt antal svarande under 30: skattningen är osäker.',
  'ciWidth>0.30': 'Konfidensintervallet är bredare än 30 procentenheter.',
  'relCiWidth>130%': 'Konfidensintervallet är brett i förhållande till andelen.',
  'df<8': 'Få frihetsgrader: osäkerheten är själv osäker.',
  'df<1': 'För få svarande för att beräkna osäkerheten.',
  'p=0|1': 'Andelen är 0 % eller 100 % bland de svarande.',
  'ci=clopper-pearson': 'Intervallet är beräknat med Clopper–Pearsons metod eftersom andelen är 0 % eller 100 %.',
  'jk1-undefined': 'Jackknife-variansen kunde inte beräknas.',
};

/** Why a value is not shown. */
export function suppressionText(reason: string | undefined, minCell: number): string {
  if (reason === 'n=0') return 'Inga svarande i gruppen.';
  if (reason?.startsWith('n<')) return `Färre än ${minCell} svarande: redovisas inte, för att ingen ska kunna identifieras.`;
  if (reason?.startsWith('registered<')) return `Färre än ${minCell} registrerade: redovisas inte, för att ingen ska kunna identifieras.`;
  return 'Redovisas inte.';
}

export const METHOD_TEXT: Record<Weighting['method'], string> = {
  rake: 'rakning (iterativ proportionell anpassning)',
  raking: 'kalibrering med rakningsfunktion',
  poststrat: 'efterstratifiering',
  linear: 'linjär kalibrering (GREG)',
  none: 'ingen kalibrering (lika vikter)',
};

export const CI_TEXT: Record<string, string> = {
  logit: 'logit-intervall (svyciprop, method = "logit")',
  beta: 'Korn–Graubards intervall (svyciprop, method = "beta")',
  wilson: 'Wilsons intervall på effektivt antal svarande',
};

/** "kön × åldersgrupp och område". */
export function marginsText(margins: readonly (readonly string[])[]): string {
  const parts = margins.map((m) => m.map((v) => (VARIABLE_LABELS[v] ?? v).toLowerCase()).join(' × '));
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} och ${parts[parts.length - 1]}`;
}

export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
