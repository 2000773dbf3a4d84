import { AnalysisInputError } from './analysis-input-error';
import type { MarginTotals, ParsedPopulationTable } from './population-margin-totals';
import type { CategoricalColumn } from './respondent-columns';

/**
 * The population's level order of every variable the weighting checks:
 * the calibration variables (levels as in their margin totals), the
 * sampling stratum, and any other respondent column that a population table
 * has. Domains list their levels in this order.
 *
 * Complexity: O(Σ margin levels + table rows · columns).
 *
 * @example
 * populationLevelOrder([konAlder], [], tables, (c) => true).get('kon') // → ['K', 'M']
 */
export function populationLevelOrder(
  marginTotals: readonly MarginTotals[],
  strata: { readonly variable: string; readonly levels: readonly string[] } | undefined,
  tables: readonly ParsedPopulationTable[],
  isRespondentColumn: (column: string) => boolean,
): Map<string, string[]> {
  const order = new Map<string, string[]>();
  for (const totals of marginTotals) {
    totals.variables.forEach((variable, j) => {
      const list = order.get(variable) ?? [];
      const seen = new Set(list);
      for (const value of totals.levels[j]) if (!seen.has(value)) list.push(value);
      order.set(variable, list);
    });
  }
  if (strata && !order.has(strata.variable)) order.set(strata.variable, [...strata.levels]);
  for (const table of tables) {
    for (const column of table.columns) {
      if (!isRespondentColumn(column) || order.has(column)) continue;
      order.set(column, [...new Set(table.rows.map((row) => row.values[column]))]);
    }
  }
  return order;
}

/** Respondents' population level of each checked variable, and who could not be placed. */
export interface WeightingLevelIndex {
  /** Level index (into the population level order) per respondent, for each checked variable. */
  readonly index: ReadonlyMap<string, Int32Array>;
  /** 1 for respondents whose every checked value is a population level; undefined when that is everyone. */
  readonly keep: Uint8Array | undefined;
  /** Those left out, by the first variable whose value is not a level (most frequent first). */
  readonly byValue: { readonly variable: string; readonly value: string; readonly count: number }[];
}

/**
 * Places each respondent in the population levels of the checked variables.
 * A value that is not a level (kön "annat", område "vet inte", an empty
 * cell) stops the analysis (`error`, with row, column and the valid levels)
 * or leaves the respondent out of the weighting (`exclude`), counted by
 * variable and value.
 *
 * Complexity: O(n · variables + Σ levels).
 *
 * @throws {AnalysisInputError} in `error` mode, naming the row, column and valid levels.
 * @example
 * weightingLevelIndex((v) => columns[v], new Map([['kon', ['K', 'M']]]), 'exclude').byValue // → [{ variable: 'kon', value: 'annat', count: 2 }]
 */
export function weightingLevelIndex(
  columnOf: (variable: string) => CategoricalColumn,
  levelOrder: ReadonlyMap<string, readonly string[]>,
  mode: 'error' | 'exclude',
): WeightingLevelIndex {
  const index = new Map<string, Int32Array>();
  let keep: Uint8Array | undefined;
  const counts = new Map<string, { variable: string; value: string; count: number }>();
  for (const [variable, levels] of levelOrder) {
    const column = columnOf(variable);
    const lookup = new Map(levels.map((value, i) => [value, i]));
    const levelOfCode = Int32Array.from(column.levels, (value) => lookup.get(value) ?? -1);
    const n = column.codes.length;
    const indices = new Int32Array(n);
    for (let row = 0; row < n; row++) {
      const code = column.codes[row];
      const level = code < 0 ? -1 : levelOfCode[code];
      indices[row] = level;
      if (level >= 0) continue;
      const value = code < 0 ? '' : column.levels[code];
      if (mode === 'error') {
        const shown = levels.length > 12 ? `${levels.slice(0, 12).join(', ')}, …` : levels.join(', ');
        throw new AnalysisInputError(
          `analyzeSurvey: respondents[${row}].${variable} = "${value}" is not a level in the population (valid: ${shown})`,
          `värdet "${value}" finns inte i befolkningsfilen (giltiga: ${shown})`,
          'respondents',
          { row, column: variable },
        );
      }
      keep ??= new Uint8Array(n).fill(1);
      if (!keep[row]) continue;
      keep[row] = 0;
      const key = `${variable}\u0000${value}`;
      const entry = counts.get(key) ?? { variable, value, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
    index.set(variable, indices);
  }
  return { index, keep, byValue: [...counts.values()].sort((a, b) => b.count - a.count) };
}
