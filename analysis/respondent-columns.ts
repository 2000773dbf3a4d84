import { AnalysisInputError } from './analysis-input-error';
import { parseLocaleNumber } from '../domain/csv';

/** A cell as front ends hold it: text from a CSV file, a number or null from stored answers. Empty, null and undefined are missing. */
export type CellValue = string | number | null | undefined;

/** One respondent as a plain record (a CSV row, test data), before it is typed by {@link respondentColumnsFromRecords}. */
export type RespondentRecord = Readonly<Record<string, CellValue>>;

/** A category per respondent: an index into `levels`, −1 where the value is missing (empty). */
export interface CategoricalColumn {
  readonly kind: 'categorical';
  /** Distinct trimmed values in order of first appearance (never ''). */
  readonly levels: readonly string[];
  readonly codes: Int32Array;
}

/** A number per respondent (indicators 0/1, ages, birth years, weights); NaN where missing. */
export interface NumericColumn {
  readonly kind: 'numeric';
  readonly values: Float64Array;
}

export type RespondentColumn = CategoricalColumn | NumericColumn;

/**
 * The engine's respondent input: one typed column per variable, all of the
 * same length. Categories are integer codes, numbers a Float64Array; nothing
 * is parsed or trimmed again after {@link buildRespondentColumns}.
 */
export interface RespondentColumns {
  readonly size: number;
  readonly columns: ReadonlyMap<string, RespondentColumn>;
}

/** How a column's cells are read: a category (trimmed text), a number, or a 0/1 indicator. */
export type ColumnRole = 'category' | 'number' | 'indicator';

/** One column to build: its name, role, and the cell of each respondent. */
export interface ColumnSource {
  readonly name: string;
  readonly role: ColumnRole;
  readonly cell: (row: number) => CellValue;
}

/** Indicator answers that mean "no answer" (the questionnaire's "Vill inte svara"), compared in lower case. */
const REFUSED = new Set(['vill inte svara', 'vill ej svara', 'na']);

/**
 * Builds the typed respondent columns, the one way respondents enter the
 * engine: the CLI passes CSV cells, the server the values of stored answers
 * and the code's register stratum. Every cell is read once.
 *
 * - `category`: text is trimmed, numbers are written as text; empty is missing.
 * - `number`: "12", "12,5" and "20 600" are numbers; empty is missing.
 * - `indicator`: 0 or 1 (also "0", "1", "1,0"); empty, null and "vill inte
 *   svara" are missing; anything else is an error.
 *
 * Complexity: O(size · columns).
 *
 * @throws {AnalysisInputError} (source `respondents`, with row and column) for a number or indicator that cannot be read.
 * @example
 * buildRespondentColumns(2, [{ name: 'kon', role: 'category', cell: (i) => ['K ', 'M'][i] }]).columns.get('kon')
 * // → { kind: 'categorical', levels: ['K', 'M'], codes: Int32Array [0, 1] }
 */
export function buildRespondentColumns(size: number, sources: readonly ColumnSource[]): RespondentColumns {
  const columns = new Map<string, RespondentColumn>();
  for (const source of sources) {
    columns.set(source.name, source.role === 'category' ? categoricalColumn(size, source) : numericColumn(size, source));
  }
  return { size, columns };
}

/**
 * Codes for levels in the order they first appear: `code(level)` gives a
 * level's code, adding the level when it is new; `levels` lists them.
 */
export function levelCoder(): { readonly levels: string[]; code(level: string): number } {
  const levels: string[] = [];
  const index = new Map<string, number>();
  return {
    levels,
    code(level) {
      let code = index.get(level);
      if (code === undefined) {
        code = levels.length;
        index.set(level, code);
        levels.push(level);
      }
      return code;
    },
  };
}

function categoricalColumn(size: number, source: ColumnSource): CategoricalColumn {
  const codes = new Int32Array(size);
  const coder = levelCoder();
  for (let row = 0; row < size; row++) {
    const value = source.cell(row);
    const text = value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : value.trim();
    codes[row] = text === '' ? -1 : coder.code(text);
  }
  return { kind: 'categorical', levels: coder.levels, codes };
}

function numericColumn(size: number, source: ColumnSource): NumericColumn {
  const values = new Float64Array(size);
  const indicator = source.role === 'indicator';
  for (let row = 0; row < size; row++) {
    const value = source.cell(row);
    if (value === 0 || value === 1 || (!indicator && typeof value === 'number')) {
      values[row] = value;
      continue;
    }
    // The common cells of a CSV file, without the general number parser.
    if (value === '0' || value === '1') {
      values[row] = value === '1' ? 1 : 0;
      continue;
    }
    if (value === '') {
      values[row] = NaN;
      continue;
    }
    if (value === null || value === undefined) {
      values[row] = NaN;
      continue;
    }
    const raw = typeof value === 'number' ? String(value) : value.trim();
    if (raw === '' || (indicator && REFUSED.has(raw.toLowerCase()))) {
      values[row] = NaN;
      continue;
    }
    const parsed = parseLocaleNumber(raw);
    if (indicator ? parsed !== 0 && parsed !== 1 : parsed === undefined) {
      throw new AnalysisInputError(
        indicator ? `analyzeSurvey: respondents[${row}].${source.name} must be 0, 1 or empty, got "${raw}"` : `analyzeSurvey: respondents[${row}].${source.name} is not a number: "${raw}"`,
        indicator ? `värdet "${raw}" är inte 0 eller 1 (tom cell betyder saknat svar)` : `värdet "${raw}" är inte ett tal`,
        'respondents',
        { row, column: source.name },
      );
    }
    values[row] = parsed as number;
  }
  return { kind: 'numeric', values };
}

/**
 * Typed columns from plain records (a CSV file's rows, test data): every
 * column of `columns` (default: the keys of all records) with the role that
 * `roleOf` gives it. A thin wrapper over {@link buildRespondentColumns}.
 *
 * Complexity: O(records · columns).
 *
 * @throws {AnalysisInputError} as buildRespondentColumns.
 * @example
 * respondentColumnsFromRecords([{ kon: 'K', utsatt: '1' }], respondentColumnRoles({ indicators: ['utsatt'] })).size // → 1
 */
export function respondentColumnsFromRecords(
  records: readonly RespondentRecord[],
  roleOf: (column: string) => ColumnRole,
  columns?: readonly string[],
): RespondentColumns {
  let names = columns;
  if (!names) {
    const seen = new Set<string>();
    for (const record of records) for (const key of Object.keys(record)) seen.add(key);
    names = [...seen];
  }
  return buildRespondentColumns(
    records.length,
    names.map((name) => ({ name, role: roleOf(name), cell: (row: number) => records[row][name] })),
  );
}

/**
 * The role of each respondent column for a given analysis: its indicators
 * are indicators; the given-weight column, `alder` and `fodelsear` are
 * numbers; everything else is a category.
 *
 * @example
 * respondentColumnRoles({ indicators: ['utsatt'] })('alder') // → 'number'
 */
export function respondentColumnRoles(options: { readonly indicators: readonly string[]; readonly weightColumn?: string }): (column: string) => ColumnRole {
  const indicators = new Set(options.indicators);
  return (column) =>
    indicators.has(column) ? 'indicator' : column === options.weightColumn || column === 'alder' || column === 'fodelsear' ? 'number' : 'category';
}

/** The column as categories (numbers are written as text). @throws {AnalysisInputError} if it does not exist. */
export function categoricalOf(respondents: RespondentColumns, name: string): CategoricalColumn {
  const column = requireColumn(respondents, name);
  if (column.kind === 'categorical') return column;
  return categoricalColumn(respondents.size, { name, role: 'category', cell: (row) => (Number.isNaN(column.values[row]) ? null : column.values[row]) });
}

/** The column as numbers (categories are parsed). @throws {AnalysisInputError} if it does not exist or holds text that is not a number. */
export function numericOf(respondents: RespondentColumns, name: string, role: 'number' | 'indicator' = 'number'): Float64Array {
  const column = requireColumn(respondents, name);
  if (column.kind === 'numeric') return column.values;
  return numericColumn(respondents.size, { name, role, cell: (row) => (column.codes[row] < 0 ? null : column.levels[column.codes[row]]) }).values;
}

/** @throws {AnalysisInputError} naming the column when the respondents do not have it. */
export function requireColumn(respondents: RespondentColumns, name: string): RespondentColumn {
  const column = respondents.columns.get(name);
  if (!column) {
    throw new AnalysisInputError(`analyzeSurvey: unknown respondent column ${name}`, `okänd kolumn "${name}" (finns inte i svarsfilen)`, 'respondents', { column: name });
  }
  return column;
}

/**
 * The respondents whose `keep` entry is 1, as new columns (categorical
 * levels unchanged). Complexity: O(size · columns).
 *
 * @example
 * selectRespondents(columns, Uint8Array.from([1, 0, 1])).size // → 2
 */
export function selectRespondents(respondents: RespondentColumns, keep: Uint8Array): RespondentColumns {
  let size = 0;
  for (let i = 0; i < keep.length; i++) size += keep[i];
  const columns = new Map<string, RespondentColumn>();
  for (const [name, column] of respondents.columns) {
    if (column.kind === 'categorical') {
      const codes = new Int32Array(size);
      for (let i = 0, j = 0; i < keep.length; i++) if (keep[i]) codes[j++] = column.codes[i];
      columns.set(name, { kind: 'categorical', levels: column.levels, codes });
    } else {
      const values = new Float64Array(size);
      for (let i = 0, j = 0; i < keep.length; i++) if (keep[i]) values[j++] = column.values[i];
      columns.set(name, { kind: 'numeric', values });
    }
  }
  return { size, columns };
}

/**
 * One respondent's cells as a plain record (categories as text, numbers as
 * numbers, missing as null): the inverse of {@link respondentColumnsFromRecords}.
 * Complexity: O(columns).
 *
 * @example
 * respondentRecord(columns, 0) // → { kon: 'K', utsatt: 1 }
 */
export function respondentRecord(respondents: RespondentColumns, row: number): Record<string, CellValue> {
  const record: Record<string, CellValue> = {};
  for (const [name, column] of respondents.columns) {
    if (column.kind === 'categorical') record[name] = column.codes[row] < 0 ? null : column.levels[column.codes[row]];
    else record[name] = Number.isNaN(column.values[row]) ? null : column.values[row];
  }
  return record;
}
