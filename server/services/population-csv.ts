import { CsvInputError, FORMULA_START, parseLocaleNumber, type CsvTable } from '../../domain/csv';
import { badRequest, HttpError } from '../http/http-error';
import type { AggregateRow } from '../queries/population-tables';
import { SEXES } from './population-scb';
import { parseUploadedCsv, type UploadLimits } from './upload-csv';

/** Largest number of rows accepted in one aggregate upload. */
export const MAX_AGGREGATE_ROWS = 50_000;
const COUNT = 'antal';
const AGE_GROUP_PATTERN = /^\d+-\d+$|^\d+\+$/;

/** How the variable columns of an aggregate file are checked. */
export interface VariableRule {
  /** Allowed values; undefined = any non-empty text. */
  readonly values?: readonly string[];
  readonly pattern?: RegExp;
  readonly patternText?: string;
  /** An empty cell is allowed (registered files: the overall row). */
  readonly optional?: boolean;
}

export interface AggregateSpec {
  /** Variable columns that may appear, with their rules. */
  readonly variables: Readonly<Record<string, VariableRule>>;
  /** Columns that must appear besides `antal`. */
  readonly required?: readonly string[];
  /** At least one variable column is needed (population tables). */
  readonly needsVariable?: boolean;
}

export interface ParsedAggregate {
  columns: string[];
  rows: AggregateRow[];
  /** The file line of each row (the header is line 1). */
  lines: number[];
  total: number;
}

/** The error for one place in an uploaded file: `fil.csv, rad 3, kolumn "antal": …`, with line and column in details. */
export function uploadError(file: string, line: number | undefined, column: string | undefined, detail: string): HttpError {
  const error = new CsvInputError(file, line, column, detail);
  return badRequest(error.message, { file, line: line ?? null, column: column ?? null });
}

/** Limits of an uploaded aggregate table beyond its row count: its columns, cells and rows (the body is at most 5 MB). */
export const UPLOAD_LIMITS: UploadLimits = { maxRows: MAX_AGGREGATE_ROWS, maxColumns: 10, maxCellLength: 200, maxRowLength: 2000 };

async function parse(text: string, file: string): Promise<CsvTable> {
  try {
    return await parseUploadedCsv(text, file, UPLOAD_LIMITS);
  } catch (error) {
    if (error instanceof CsvInputError) throw uploadError(error.file, error.line, error.column, error.detail);
    throw error;
  }
}

/** Rows checked between two turns of the event loop. */
const ROWS_PER_TURN = 5000;

export const sexRule: VariableRule = { values: SEXES };
export const ageGroupRule: VariableRule = { pattern: AGE_GROUP_PATTERN, patternText: 'en åldersgrupp som 18-29 eller 65+' };
export const areaRule: VariableRule = {};

/**
 * Parses and validates an uploaded aggregate CSV (a population table or a
 * registered-count table): known columns only, `antal` a whole number ≥ 0,
 * variable values by rule, no repeated combination. Errors are 400 with a
 * Swedish message naming the file, line (the header is line 1) and column.
 *
 * Read in slices that yield to the event loop (`parseUploadedCsv`), with
 * limits per cell and row, so a large upload never stalls the server.
 *
 * Complexity: O(rows · columns).
 */
export async function parseAggregateCsv(text: string, file: string, spec: AggregateSpec): Promise<ParsedAggregate> {
  const table = await parse(text, file);
  const allowed = [...Object.keys(spec.variables), COUNT];
  for (const column of table.columns) {
    if (!allowed.includes(column)) throw uploadError(file, 1, column, `okänd kolumn (tillåtna: ${allowed.join(', ')})`);
  }
  if (!table.columns.includes(COUNT)) throw uploadError(file, 1, COUNT, `kolumnen saknas (rubrikraden har: ${table.columns.join(', ')})`);
  for (const column of spec.required ?? []) {
    if (!table.columns.includes(column)) throw uploadError(file, 1, column, `kolumnen saknas (rubrikraden har: ${table.columns.join(', ')})`);
  }
  const variables = table.columns.filter((c) => c !== COUNT);
  if (spec.needsVariable && variables.length === 0) {
    throw uploadError(file, 1, undefined, `filen behöver minst en variabelkolumn (${Object.keys(spec.variables).join(', ')}) utöver ${COUNT}`);
  }
  if (table.rows.length === 0) throw uploadError(file, undefined, undefined, 'filen har inga rader utöver rubrikraden');
  if (table.rows.length > MAX_AGGREGATE_ROWS) throw uploadError(file, undefined, undefined, `filen har ${table.rows.length} rader; högst ${MAX_AGGREGATE_ROWS} tas emot`);
  const seen = new Map<string, number>();
  const rows: AggregateRow[] = [];
  const lines: number[] = [];
  let total = 0;
  for (const [r, { line, values }] of table.rows.entries()) {
    if (r > 0 && r % ROWS_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const row: AggregateRow = {};
    for (const column of variables) {
      const value = values[column];
      const rule = spec.variables[column];
      if (value === '') {
        if (rule.optional) {
          row[column] = '';
          continue;
        }
        throw uploadError(file, line, column, 'värdet saknas');
      }
      if (FORMULA_START.test(value)) {
        throw uploadError(file, line, column, `värdet "${value}" börjar som en kalkylformel (=, +, -, @); skriv det utan det första tecknet`);
      }
      if (rule.values && !rule.values.includes(value)) {
        throw uploadError(file, line, column, `värdet "${value}" är inte tillåtet (giltiga: ${rule.values.join(', ')})`);
      }
      if (rule.pattern && !rule.pattern.test(value)) {
        throw uploadError(file, line, column, `värdet "${value}" är inte ${rule.patternText}`);
      }
      row[column] = value;
    }
    const raw = values[COUNT];
    const count = parseLocaleNumber(raw);
    if (count === undefined || !Number.isInteger(count) || count < 0) {
      throw uploadError(file, line, COUNT, `värdet "${raw}" är inte ett heltal som är 0 eller större`);
    }
    const key = JSON.stringify(variables.map((c) => row[c]));
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const shown = variables.map((c) => `${c}=${row[c] === '' ? '(tom)' : row[c]}`).join(', ');
      throw uploadError(file, line, undefined, `kombinationen ${shown} finns redan på rad ${earlier}`);
    }
    seen.set(key, line);
    row[COUNT] = count;
    total += count;
    rows.push(row);
    lines.push(line);
  }
  return { columns: table.columns.filter((c) => c !== COUNT).concat(COUNT), rows, lines, total };
}
