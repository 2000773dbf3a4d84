import { AnalysisInputError } from './analysis-input-error';
import { parseLocaleNumber } from '../domain/csv';
import { cellText, COUNT } from './population-tables';
import type { RecordTable } from './survey-analysis-types';

const INDICATOR = 'indikator';

/** Registered counts looked up by indicator and domain. */
export interface RegisteredCounts {
  /** The registered count R of an indicator in a domain level, or undefined when the table has none for it. */
  lookup(indicator: string, variables: readonly string[], values: readonly string[]): number | undefined;
}

/**
 * Reads a table of registered persons (`indikator`, optional domain
 * columns, `antal`) for the mörkertal. A row whose domain columns are all
 * empty is the overall count. For a domain, rows whose non-empty columns are
 * exactly the domain's variables are used; otherwise rows with every domain
 * column filled are summed over the other columns.
 *
 * Complexity: O(rows) to read, O(rows) per lookup.
 *
 * @param isRespondentColumn whether a domain column exists among the respondents
 * @throws {AnalysisInputError} (source `registered`) for an empty table, a missing `indikator` or `antal`, an unknown column, or a count that is not a non-negative number.
 * @example
 * registeredCounts({ rows: [{ indikator: 'utsatt', antal: '150' }] }, () => true).lookup('utsatt', [], []) // → 150
 */
export function registeredCounts(table: RecordTable, isRespondentColumn: (column: string) => boolean): RegisteredCounts {
  const columns = table.columns ?? Object.keys(table.rows[0] ?? {});
  if (table.rows.length === 0) throw new AnalysisInputError('analyzeSurvey: the registered table is empty', 'filen är tom', 'registered', {});
  for (const required of [INDICATOR, COUNT]) {
    if (!columns.includes(required)) {
      throw new AnalysisInputError(`analyzeSurvey: the registered table lacks the column ${required}`, `kolumnen ${required} saknas`, 'registered', { column: required });
    }
  }
  const domainColumns = columns.filter((c) => c !== INDICATOR && c !== COUNT);
  for (const column of domainColumns) {
    if (!isRespondentColumn(column)) {
      throw new AnalysisInputError(`analyzeSurvey: registered column ${column} is not a respondent column`, `okänd kolumn "${column}" (finns inte i svarsfilen)`, 'registered', { column });
    }
  }
  const rows = table.rows.map((record, row) => {
    const raw = cellText(record[COUNT]);
    const count = parseLocaleNumber(raw);
    if (count === undefined || !(count >= 0)) {
      throw new AnalysisInputError(`analyzeSurvey: registered[${row}].antal is not a non-negative number: "${raw}"`, `antal "${raw}" är inte ett icke-negativt tal`, 'registered', { row, column: COUNT });
    }
    const values: Record<string, string> = {};
    for (const column of domainColumns) values[column] = cellText(record[column]);
    return { indicator: cellText(record[INDICATOR]), values, count };
  });
  return {
    lookup(indicator, variables, values) {
      if (!variables.every((v) => domainColumns.includes(v))) return undefined;
      const own = rows.filter((r) => r.indicator === indicator);
      const matches = (r: (typeof rows)[number]): boolean => variables.every((v, j) => r.values[v] === values[j]);
      const exact = own.filter((r) => domainColumns.every((c) => (r.values[c] !== '') === variables.includes(c)) && matches(r));
      if (exact.length > 0) return exact.reduce((a, r) => a + r.count, 0);
      const detail = own.filter((r) => domainColumns.every((c) => r.values[c] !== '') && matches(r));
      if (detail.length > 0) return detail.reduce((a, r) => a + r.count, 0);
      return undefined;
    },
  };
}
