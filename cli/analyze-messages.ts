import type { AnalysisInputAdvice, SurveyAnalysisResult, WeightingProblem } from '../analysis/index';

const numberFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

/** The CLI's remedy for an engine input error: the flag to use. */
export function adviceText(advice: AnalysisInputAdvice | undefined): string {
  if (!advice) return '';
  return advice.kind === 'collapse' ? ` (t.ex. --collapse ${advice.variable}=A+B)` : ' med --kommun';
}

/**
 * One Swedish line for weights that missed their target (the CLI then exits
 * with code 2): which margin and cell, and the error that remains, e.g.
 * `kalibreringen konvergerade inte: marginalen kon:aldersgrupp, cellen kon=kvinna, aldersgrupp=18-29 avviker med 66,2 personer efter 100 iterationer`.
 */
export function weightingProblemText(problem: WeightingProblem, result: SurveyAnalysisResult): string {
  const where = problem.margin ? `marginalen ${problem.margin}${problem.cell ? `, cellen ${Object.entries(problem.cell).map(([k, v]) => `${k}=${v}`).join(', ')}` : ''}` : '';
  const error = numberFormat.format(Math.abs(problem.error));
  if (problem.kind === 'calibration') {
    return `kalibreringen konvergerade inte: ${where} avviker med ${error} personer efter ${problem.iterations} iterationer`;
  }
  const trim = result.weighting.trim;
  const bounds = `${trim?.lower ?? 0}–${trim?.upper ?? '∞'}`;
  if (!problem.margin) return `vikterna kan inte trimmas till ${bounds}: den mest avvikande vikten ligger ${error} utanför gränserna`;
  return `vikterna kan inte hållas inom ${bounds} och samtidigt stämma med befolkningen: ${where} avviker med ${error} personer efter ${problem.iterations} iterationer`;
}
