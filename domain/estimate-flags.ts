/**
 * The analysis engine's reliability flags and suppression reasons in plain Swedish
 * (docs/analysis.md, "Reliability and disclosure"), for the workspace, its CSV downloads and the
 * lägesbild alike.
 */

/** Each flag of an estimate as one sentence. */
export const ESTIMATE_FLAG_TEXT: Readonly<Record<string, string>> = {
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

/** The NCHS flags that make an estimate "osäker" (the standard would suppress on these). */
export const UNRELIABLE_FLAGS: readonly string[] = ['n<30', 'neff<30', 'ciWidth>0.30', 'relCiWidth>130%'];

/** Why a value is not shown. */
export function suppressionReasonText(reason: string | undefined, minCell: number): string {
  if (reason === 'n=0') return 'Inga svarande i gruppen.';
  if (reason === 'secondary') return 'Dold så att en liten grupp inte kan räknas fram ur summan och de andra grupperna (sekundär sekretess).';
  if (reason?.startsWith('n<')) return `Färre än ${minCell} svarande: redovisas inte, för att ingen ska kunna identifieras.`;
  if (reason?.startsWith('registered<')) return `Färre än ${minCell} registrerade: redovisas inte, för att ingen ska kunna identifieras.`;
  return 'Redovisas inte.';
}
