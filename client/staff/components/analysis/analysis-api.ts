/**
 * Swedish formatting for the analysis page and report. The wire types come
 * from contracts/analysis.ts; no statistics here.
 */
import type { AnalysisRequest, Weighting } from '../../../../contracts/analysis';
import { textFor } from '../../../../domain/localized-text';
import { ESTIMATE_FLAG_TEXT, suppressionReasonText } from '../../../../domain/estimate-flags';
import { VARIABLE_LABELS } from '../../../../domain/domain-label';

/** The page's choices: a request body with every choice made (the register table, bounds, trimming, SCB year and df rule stay optional). */
export type AnalysisForm = Required<Pick<AnalysisRequest, 'indicators' | 'by' | 'method' | 'ci' | 'minCell' | 'useScb' | 'populationTableIds'>> &
  Pick<AnalysisRequest, 'registeredTableId' | 'bounds' | 'trim' | 'populationYear' | 'df' | 'scaleScbToTable'>;

export { domainLabel, VARIABLE_LABELS } from '../../../../domain/domain-label';

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

/** The engine's reliability flags in plain Swedish (domain/estimate-flags.ts). */
export const FLAG_TEXT = ESTIMATE_FLAG_TEXT;

/** Why a value is not shown. */
export const suppressionText = suppressionReasonText;

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
