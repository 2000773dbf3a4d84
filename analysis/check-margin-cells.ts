import { AnalysisInputError } from './analysis-input-error';
import type { CalibrationCells, Margin } from './calibration-cells';
import { marginCellOfCells } from './calibration-cells';

/**
 * Checks that every margin cell with a positive population total has at least
 * one respondent, and that no respondent falls in a cell whose population is
 * zero. Calibration cannot give weight to an empty sample cell; the usual
 * remedy is to collapse it with a neighbouring cell (option `collapse`, CLI
 * `--collapse aldersgrupp=16-29+30-49`).
 *
 * Complexity: O(cells · margins).
 *
 * @param names variable names and level labels, for the message
 * @throws {AnalysisInputError} naming the cell and suggesting collapsing.
 * @example
 * checkMarginCells(cells, margins, names) // → undefined, or throws
 */
export function checkMarginCells(
  cells: CalibrationCells,
  margins: readonly Margin[],
  names: { readonly variables: readonly string[]; readonly levels: readonly (readonly string[])[] },
): void {
  for (const margin of margins) {
    const of = marginCellOfCells(cells, margin);
    const sampleCount = new Float64Array(margin.totals.length);
    for (let c = 0; c < cells.cellCount; c++) sampleCount[of[c]] += cells.count[c];
    for (let k = 0; k < margin.totals.length; k++) {
      const label = describeMarginCell(margin, k, cells.levelCounts, names);
      if (sampleCount[k] === 0 && margin.totals[k] > 0) {
        const firstVariable = names.variables[margin.variables[margin.variables.length - 1]];
        throw new AnalysisInputError(
          `calibration: margin cell ${label} has no respondents but a population of ${margin.totals[k]}; collapse it with a neighbouring cell`,
          `cellen ${label} saknar svarande men har befolkningen ${margin.totals[k]}; slå ihop den med en närliggande cell (t.ex. --collapse ${firstVariable}=A+B)`,
          'population',
          { column: firstVariable },
        );
      }
      if (sampleCount[k] > 0 && !(margin.totals[k] > 0)) {
        throw new AnalysisInputError(
          `calibration: margin cell ${label} has ${sampleCount[k]} respondents but a population of 0`,
          `cellen ${label} har ${sampleCount[k]} svarande men befolkningen 0`,
          'population',
          {},
        );
      }
    }
  }
}

function describeMarginCell(
  margin: Margin,
  code: number,
  levelCounts: readonly number[],
  names: { readonly variables: readonly string[]; readonly levels: readonly (readonly string[])[] },
): string {
  const parts: string[] = [];
  let rest = code;
  for (let j = margin.variables.length - 1; j >= 0; j--) {
    const v = margin.variables[j];
    const level = rest % levelCounts[v];
    rest = Math.floor(rest / levelCounts[v]);
    parts.unshift(`${names.variables[v]}=${names.levels[v][level]}`);
  }
  return parts.join(', ');
}
