/**
 * Wire types of the analysis API (server/services/analysis.ts) and Swedish
 * formatting for the analysis page and report.
 */
import { ApiError } from '../../api';

import type { analysisSetup, CampaignAnalysis } from '../../../../server/services/analysis';
import type { AnalysisRequest as AnalysisBody } from '../../../../server/services/analysis-schema';

export type LocalizedText = string | Record<string, string>;

/** The answer of POST /api/campaigns/:id/analysis and its parts (the server's types, imported as types only). */
export type AnalysisResult = CampaignAnalysis;
export type Estimate = AnalysisResult['estimates'][number];
export type DarkFigure = AnalysisResult['darkFigure'][number];
export type Weighting = AnalysisResult['weighting'];
export type IndicatorInfo = AnalysisResult['meta']['indicators'][number];
export type Area = AnalysisResult['meta']['areas'][number];
/** The answer of GET /api/campaigns/:id/analysis. */
export type AnalysisSetup = Awaited<ReturnType<typeof analysisSetup>>;
export type PopulationTableSummary = AnalysisSetup['populationTables'][number];
export type RegisteredTableSummary = AnalysisSetup['registeredTables'][number];

/** The body the page sends: the choices it always makes, and the optional ones. */
export type AnalysisRequest = Required<Pick<AnalysisBody, 'indicators' | 'by' | 'method' | 'ci' | 'minCell' | 'useScb' | 'populationTableIds'>> &
  Pick<AnalysisBody, 'registeredTableId' | 'bounds' | 'trim' | 'populationYear' | 'df'>;

/** A POST of a file's bytes as they are (SCB's PX or CSV in any encoding), with the session's CSRF token; answers the text. */
export function postBytes(path: string, csrfToken: string, body: ArrayBuffer): Promise<string> {
  return postText(path, csrfToken, body, 'application/octet-stream');
}

/** A POST whose body is text (CSV upload) or whose answer is text (CSV download), with the session's CSRF token. */
export async function postText(path: string, csrfToken: string, body: string | ArrayBuffer, contentType: string): Promise<string> {
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

export function textOf(label: LocalizedText): string {
  return typeof label === 'string' ? label : label.sv ?? label.default ?? Object.values(label)[0] ?? '';
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
      return area ? textOf(area.name) : value;
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
  'weighting-failed': 'Vikterna nådde inte sitt mål (se Vägning): siffran ska inte användas.',
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
