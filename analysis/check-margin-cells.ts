import { AnalysisInputError } from './analysis-input-error';
import type { CalibrationCells, Margin } from './calibration-cells';
import { marginCellOfCells } from './calibration-cells';

/**
 * Checks that every margin cell with a positive population total has at least
 * one respondent, and that no respondent falls in a cell whose population is
 * zero. Calibration cannot give weight to an empty sample cell; the usual
 * remedy is to collapse it with a neighbouring cell (option `collapse`; the
 * error carries the advice, which each front end phrases as its own flag or
 * setting).
 *
 * Complexity: O(cells · margins).
 *
 * @param names variable names and level labels, for the message, and the
 *   population table each margin's totals come from, for the error location
 * @throws {AnalysisInputError} naming the cell and its table, with the advice to collapse.
 * @example
 * checkMarginCells(cells, margins, names) // → undefined, or throws
 */
export function checkMarginCells(
  cells: CalibrationCells,
  margins: readonly Margin[],
  names: { readonly variables: readonly string[]; readonly levels: readonly (readonly string[])[]; readonly tables?: readonly number[] },
): void {
  margins.forEach((margin, j) => {
    const table = names.tables?.[j];
    const of = marginCellOfCells(cells, margin);
    const sampleCount = new Float64Array(margin.totals.length);
    for (let c = 0; c < cells.cellCount; c++) sampleCount[of[c]] += cells.count[c];
    for (let k = 0; k < margin.totals.length; k++) {
      const label = describeMarginCell(margin, k, cells.levelCounts, names);
      if (sampleCount[k] === 0 && margin.totals[k] > 0) {
        const lastVariable = names.variables[margin.variables[margin.variables.length - 1]];
        throw new AnalysisInputError(
          `calibration: margin cell ${label} has no respondents but a population of ${margin.totals[k]}; collapse it with a neighbouring cell`,
          `cellen ${label} saknar svarande men har befolkningen ${margin.totals[k]}; slå ihop den med en närliggande cell`,
          'population',
          { table, column: lastVariable },
          { kind: 'collapse', variable: lastVariable },
        );
      }
      if (sampleCount[k] > 0 && !(margin.totals[k] > 0)) {
        throw new AnalysisInputError(
          `calibration: margin cell ${label} has ${sampleCount[k]} respondents but a population of 0`,
          `cellen ${label} har ${sampleCount[k]} svarande men befolkningen 0`,
          'population',
          { table },
        );
      }
    }
  });
}

/** "kon=M, aldersgrupp=16-29": the levels of margin cell `code`. */
export function describeMarginCell(
  margin: Margin,
  code: number,
  levelCounts: readonly number[],
  names: { readonly variables: readonly string[]; readonly levels: readonly (readonly string[])[] },
): string {
  return Object.entries(marginCellLevels(margin, code, levelCounts, names))
    .map(([variable, level]) => `${variable}=${level}`)
    .join(', ');
}

/** { kon: 'M', aldersgrupp: '16-29' }: the level of each variable of margin cell `code` (mixed radix, first variable most significant). */
export function marginCellLevels(
  margin: Margin,
  code: number,
  levelCounts: readonly number[],
  names: { readonly variables: readonly string[]; readonly levels: readonly (readonly string[])[] },
): Record<string, string> {
  const parts: [string, string][] = [];
  let rest = code;
  for (let j = margin.variables.length - 1; j >= 0; j--) {
    const v = margin.variables[j];
    const level = rest % levelCounts[v];
    rest = Math.floor(rest / levelCounts[v]);
    parts.unshift([names.variables[v], names.levels[v][level]]);
  }
  return Object.fromEntries(parts);
}
