import { AnalysisInputError } from './analysis-input-error';
import type { Margin } from './calibration-cells';

/** A population table after parsing: its columns (without `antal`) and rows with a numeric count. */
export interface ParsedPopulationTable {
  /** Index of the table in the input list, for error locations. */
  readonly index: number;
  readonly columns: readonly string[];
  readonly rows: readonly { readonly row: number; readonly values: Readonly<Record<string, string>>; readonly count: number }[];
}

/** Population totals of one margin: level tuple (joined by U+001F) → total, and the table it came from. */
export interface MarginTotals {
  readonly variables: readonly string[];
  readonly totals: ReadonlyMap<string, number>;
  /** Level order of each variable as first met in the table. */
  readonly levels: readonly (readonly string[])[];
  readonly table: number;
}

export const KEY_SEPARATOR = '\u001f';

/**
 * Population totals of a margin (a crossing of variables): taken from the
 * table whose columns are exactly the margin's variables plus `antal`, or
 * else summed from the table with the fewest extra columns that contains all
 * of them (e.g. `kon,alder,omrade,antal`, or SCB's single-year table).
 *
 * Complexity: O(rows of the chosen table).
 *
 * @throws {AnalysisInputError} if no table has every variable of the margin.
 * @example
 * marginTotalsFromTables(['omrade'], tables).totals.get('Norr') // → 12000
 */
export function marginTotalsFromTables(variables: readonly string[], tables: readonly ParsedPopulationTable[]): MarginTotals {
  let best: ParsedPopulationTable | undefined;
  for (const table of tables) {
    if (!variables.every((v) => table.columns.includes(v))) continue;
    if (!best || table.columns.length < best.columns.length) best = table;
  }
  if (!best) {
    throw new AnalysisInputError(
      `analyzeSurvey: no population table has all of the columns ${variables.join(', ')}`,
      `ingen befolkningsfil har kolumnerna ${variables.join(', ')} (marginalen ${variables.join(':')})`,
      'population',
      { table: 0, column: variables.find((v) => !tables[0]?.columns.includes(v)) ?? variables[0] },
    );
  }
  const totals = new Map<string, number>();
  const levels = variables.map(() => [] as string[]);
  const seen = variables.map(() => new Set<string>());
  for (const row of best.rows) {
    const tuple = variables.map((v, j) => {
      const value = row.values[v];
      if (!seen[j].has(value)) {
        seen[j].add(value);
        levels[j].push(value);
      }
      return value;
    });
    const key = tuple.join(KEY_SEPARATOR);
    totals.set(key, (totals.get(key) ?? 0) + row.count);
  }
  return { variables: [...variables], totals, levels, table: best.index };
}

/**
 * Checks that margins agree with each other: for every pair of margins, the
 * totals over their shared variables (the grand total when they share none)
 * may differ by at most 0.1% of the larger value.
 *
 * Complexity: O(Σ margin cells · margins²).
 *
 * @throws {AnalysisInputError} naming the two margins and the cell that disagree.
 * @example
 * checkMarginConsistency([konAlder, omrade]) // → undefined (both sum to 20,600)
 */
export function checkMarginConsistency(margins: readonly MarginTotals[]): void {
  for (let a = 0; a < margins.length; a++) {
    for (let b = a + 1; b < margins.length; b++) {
      const shared = margins[a].variables.filter((v) => margins[b].variables.includes(v));
      const sa = collapseTo(margins[a], shared);
      const sb = collapseTo(margins[b], shared);
      for (const key of new Set([...sa.keys(), ...sb.keys()])) {
        const x = sa.get(key) ?? 0;
        const y = sb.get(key) ?? 0;
        if (Math.abs(x - y) > 0.001 * Math.max(Math.abs(x), Math.abs(y))) {
          const cell = shared.length === 0 ? 'totalen' : shared.map((v, j) => `${v}=${key.split(KEY_SEPARATOR)[j]}`).join(', ');
          const nameA = margins[a].variables.join(':');
          const nameB = margins[b].variables.join(':');
          throw new AnalysisInputError(
            `analyzeSurvey: margins ${nameA} and ${nameB} disagree by more than 0.1% for ${cell}: ${x} vs ${y}`,
            `marginalerna ${nameA} (${x}) och ${nameB} (${y}) skiljer sig åt med mer än 0,1 % för ${cell}`,
            'population',
            { table: margins[b].table, column: 'antal' },
          );
        }
      }
    }
  }
}

function collapseTo(margin: MarginTotals, variables: readonly string[]): Map<string, number> {
  const positions = variables.map((v) => margin.variables.indexOf(v));
  const result = new Map<string, number>();
  for (const [key, total] of margin.totals) {
    const parts = key.split(KEY_SEPARATOR);
    const reduced = positions.map((p) => parts[p]).join(KEY_SEPARATOR);
    result.set(reduced, (result.get(reduced) ?? 0) + total);
  }
  return result;
}

/**
 * A margin's totals as a {@link Margin} of the calibration cells: the
 * variables as indices into the calibration variables, and the totals
 * indexed by the mixed-radix code of the levels in population level order.
 *
 * Complexity: O(margin cells · variables).
 *
 * @example
 * calibrationMargin(omradeTotals, ['kon', 'aldersgrupp', 'omrade'], levelsOf) // → { variables: [2], totals: Float64Array [12000, 8600] }
 */
export function calibrationMargin(totals: MarginTotals, calibrationVariables: readonly string[], levelsOf: (variable: string) => readonly string[]): Margin {
  const variables = totals.variables.map((v) => calibrationVariables.indexOf(v));
  const sizes = totals.variables.map((v) => levelsOf(v).length);
  const lookups = totals.variables.map((v) => new Map(levelsOf(v).map((value, index) => [value, index])));
  const array = new Float64Array(sizes.reduce((a, b) => a * b, 1));
  for (const [key, total] of totals.totals) {
    const parts = key.split(KEY_SEPARATOR);
    let code = 0;
    parts.forEach((value, j) => (code = code * sizes[j] + (lookups[j].get(value) as number)));
    array[code] += total;
  }
  return { variables, totals: array };
}
