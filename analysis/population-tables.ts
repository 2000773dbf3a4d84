import { ageGroupOf, type AgeGroup } from '../domain/age-groups';
import { AGE, AGE_GROUP } from './age-binning';
import { AnalysisInputError } from './analysis-input-error';
import type { LevelRecoding } from './collapse-levels';
import { parseLocaleNumber } from '../domain/csv';
import type { ParsedPopulationTable } from './population-margin-totals';
import type { CellValue } from './respondent-columns';
import type { RecordTable } from './survey-analysis-types';

export const COUNT = 'antal';
const KOMMUN_COLUMNS = ['kommunkod', 'kommun'];

/** A cell as trimmed text ('' for missing). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(value) : value.trim();
}

/**
 * Parses one population table (`antal` plus variable columns) for the
 * weighting: counts must be non-negative numbers; a single-year `alder`
 * column is binned into `aldersgrupp` with the analysis' age groups (ages
 * outside every group are dropped); levels are recoded as the respondents'
 * (collapsing); and in a table with `kommunkod`/`kommun` columns (SCB's
 * national table) only the rows of the chosen kommun are kept.
 *
 * Complexity: O(rows · columns).
 *
 * @param index position of the table in the input, for error locations
 * @throws {AnalysisInputError} (source `population`, with table, row and column) for an empty table, a missing
 *   `antal`, a count or age that is not a number, or a table with several kommuner and none chosen
 *   (advice `choose-kommun`).
 * @example
 * parsePopulationTable({ rows: [{ omrade: 'Norr', antal: '12 000' }] }, 0, undefined, {}, undefined).rows[0].count // → 12000
 */
export function parsePopulationTable(
  table: RecordTable,
  index: number,
  ageGroups: readonly AgeGroup[] | undefined,
  collapse: LevelRecoding,
  kommun: string | undefined,
): ParsedPopulationTable {
  const columns = [...(table.columns ?? Object.keys(table.rows[0] ?? {}))];
  if (table.rows.length === 0) throw new AnalysisInputError(`analyzeSurvey: population table ${index} is empty`, 'filen är tom', 'population', { table: index });
  if (!columns.includes(COUNT)) {
    throw new AnalysisInputError(`analyzeSurvey: population table ${index} lacks the column antal`, 'kolumnen antal saknas', 'population', { table: index, column: COUNT });
  }
  const kommunColumns = columns.filter((c) => KOMMUN_COLUMNS.includes(c));
  const binAge = ageGroups !== undefined && columns.includes(AGE) && !columns.includes(AGE_GROUP);
  const kept = columns.filter((c) => c !== COUNT && !kommunColumns.includes(c)).map((c) => (binAge && c === AGE ? AGE_GROUP : c));
  const rows: { row: number; values: Record<string, string>; count: number }[] = [];
  const kommuner = new Set<string>();
  table.rows.forEach((record, row) => {
    const rawCount = cellText(record[COUNT]);
    const count = parseLocaleNumber(rawCount);
    if (count === undefined || !(count >= 0)) {
      throw new AnalysisInputError(
        `analyzeSurvey: population table ${index} row ${row}: antal is not a non-negative number: "${rawCount}"`,
        `antal "${rawCount}" är inte ett icke-negativt tal`,
        'population',
        { table: index, row, column: COUNT },
      );
    }
    if (kommunColumns.length > 0) {
      const codes = kommunColumns.map((c) => cellText(record[c]));
      if (kommun !== undefined && !codes.includes(kommun)) return;
      kommuner.add(codes[0]);
    }
    const values: Record<string, string> = {};
    for (const column of columns) {
      if (column === COUNT || kommunColumns.includes(column)) continue;
      let value = cellText(record[column]);
      let name = column;
      if (binAge && column === AGE) {
        const age = parseLocaleNumber(value);
        if (age === undefined) {
          throw new AnalysisInputError(
            `analyzeSurvey: population table ${index} row ${row}: alder is not a number: "${value}"`,
            `åldern "${value}" är inte ett tal`,
            'population',
            { table: index, row, column: AGE },
          );
        }
        const group = ageGroupOf(age, ageGroups as readonly AgeGroup[]);
        if (group === undefined) return;
        value = group;
        name = AGE_GROUP;
      }
      values[name] = collapse[name]?.[value] ?? value;
    }
    rows.push({ row, values, count });
  });
  if (kommunColumns.length > 0 && kommuner.size !== 1) {
    throw new AnalysisInputError(
      `analyzeSurvey: population table ${index} holds ${kommuner.size} kommuner; choose one`,
      kommuner.size === 0 ? `kommunen "${kommun}" finns inte i filen` : `filen innehåller ${kommuner.size} kommuner; välj en`,
      'population',
      { table: index, column: kommunColumns[0] },
      kommuner.size === 0 ? undefined : { kind: 'choose-kommun' },
    );
  }
  return { index, columns: kept, rows };
}
