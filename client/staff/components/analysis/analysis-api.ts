/**
 * Swedish formatting for the analysis page and report. The wire types come
 * from contracts/analysis.ts; no statistics here.
 */
import type { AnalysisRequest, Weighting } from '../../../../contracts/analysis';
import type { CampaignArea } from '../../../../contracts/common';
import { textFor } from '../../../../domain/localized-text';
import { valueLabel, variableLabel } from '../../../../domain/value-labels';

/** The page's choices: a request body with every choice made (the register table, bounds, trimming, SCB year and df rule stay optional). */
export type AnalysisForm = Required<Pick<AnalysisRequest, 'indicators' | 'by' | 'method' | 'ci' | 'minCell' | 'useScb' | 'populationTableIds'>> &
  Pick<AnalysisRequest, 'registeredTableId' | 'bounds' | 'trim' | 'populationYear' | 'df' | 'scaleScbToTable'>;

export const VARIABLE_LABELS: Record<string, string> = { kon: 'Kön', aldersgrupp: 'Åldersgrupp', omrade: 'Område', skola: 'Skola', arskurs: 'Årskurs' };
const SEX_LABELS: Record<string, string> = { kvinna: 'Kvinnor', man: 'Män' };

/** "Kvinnor", "18–29 år", an område's name, or "Kvinnor, 18–29 år"; "Alla" for the whole population. */
export function domainLabel(domain: Readonly<Record<string, string>>, areas: readonly CampaignArea[]): string {
  const parts = Object.entries(domain).map(([variable, value]) => {
    if (variable === 'kon') return SEX_LABELS[value] ?? valueLabel(variable, value);
    if (variable === 'aldersgrupp') return valueLabel(variable, value);
    if (variable === 'omrade') {
      const area = areas.find((a) => a.code === value);
      return area ? textFor(area.name) : valueLabel(variable, value);
    }
    return `${VARIABLE_LABELS[variable] ?? variableLabel(variable)} ${valueLabel(variable, value)}`;
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
