/**
 * Reading and writing CSV, shared by the server, the CLI and the analysis
 * engine: the reader (comma or semicolon, BOM, line numbers for Swedish
 * errors), the locale-number parser and the line writer with formula
 * defusing. Pure: reading a file from disk is the CLI's `readCsvFile`.
 */
import { parse } from 'csv-parse/sync';

/**
 * Input error in a CSV file. The message is Swedish and names the file, the
 * line (1-based, the header is line 1) and the column when known, e.g.
 * `R.csv, rad 14, kolumn "kon": värdet "K " finns inte i befolkningsfilen (giltiga: kvinna, man)`.
 */
export class CsvInputError extends Error {
  override readonly name = 'CsvInputError';

  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly column: string | undefined,
    readonly detail: string,
  ) {
    super(formatLocation(file, line, column) + detail);
  }
}

function formatLocation(file: string, line?: number, column?: string): string {
  let location = file;
  if (line !== undefined) location += `, rad ${line}`;
  if (column !== undefined) location += `, kolumn "${column}"`;
  return `${location}: `;
}

export interface CsvRow {
  /** 1-based line number in the file (the header is line 1). */
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

export interface CsvTable {
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly CsvRow[];
}

/**
 * Parses CSV text with a header row. Accepts comma or semicolon as delimiter
 * (decided from the header line), UTF-8 with or without BOM, CRLF or LF.
 * Cells are trimmed. Blank lines are skipped.
 *
 * @throws {CsvInputError} for an empty file, a duplicate or empty column name,
 * or a row with the wrong number of cells.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') {
    throw new CsvInputError(file, undefined, undefined, 'filen är tom eller saknar rubrikrad');
  }
  const delimiter = detectDelimiter(firstLine);
  let records: string[][];
  try {
    records = parse(body, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    const info = error as { lines?: number; message?: string };
    throw new CsvInputError(file, info.lines, undefined, `filen kunde inte läsas som CSV (${info.message ?? 'okänt fel'})`);
  }
  if (records.length === 0) {
    throw new CsvInputError(file, undefined, undefined, 'filen är tom');
  }
  const columns = records[0];
  const seen = new Set<string>();
  columns.forEach((name, index) => {
    if (name === '') throw new CsvInputError(file, 1, `#${index + 1}`, 'kolumnen saknar namn');
    if (seen.has(name)) throw new CsvInputError(file, 1, name, 'kolumnnamnet förekommer två gånger');
    seen.add(name);
  });
  const lineNumbers = lineNumbersOfRecords(body);
  const rows: CsvRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const record = records[r];
    const line = lineNumbers[r] ?? r + 1;
    if (record.length === 1 && record[0] === '') continue;
    if (record.length !== columns.length) {
      throw new CsvInputError(file, line, undefined, `raden har ${record.length} fält men rubrikraden har ${columns.length}`);
    }
    const values: Record<string, string> = {};
    for (let c = 0; c < columns.length; c++) values[columns[c]] = record[c];
    rows.push({ line, values });
  }
  return { file, columns, rows };
}

/**
 * Parses a number as Swedish spreadsheets write it: "12", "12.5", a decimal
 * comma ("12,5") or spaces as thousands separators ("20 600"). Returns
 * undefined for anything else. The one locale-number parser: CSV readers,
 * population tables and the analysis engine use it.
 *
 * @example
 * parseLocaleNumber('20 600') // → 20600
 * parseLocaleNumber('tolv') // → undefined
 */
export function parseLocaleNumber(raw: string): number | undefined {
  const cleaned = raw.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cleaned)) return undefined;
  return Number(cleaned);
}

/** The delimiter of a CSV file, decided from its header line: `;` when it has more semicolons than commas outside quotes. */
export function detectDelimiter(headerLine: string): ';' | ',' {
  return countOutsideQuotes(headerLine, ';') > countOutsideQuotes(headerLine, ',') ? ';' : ',';
}

function countOutsideQuotes(line: string, char: string): number {
  let count = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === char && !quoted) count++;
  }
  return count;
}

/**
 * Line number (1-based) on which each record starts, accounting for quoted
 * fields spanning several lines and for skipped blank lines.
 */
function lineNumbersOfRecords(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let quoted = false;
  let atRecordStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (atRecordStart && ch !== '\n' && ch !== '\r') {
      starts.push(line);
      atRecordStart = false;
    }
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n') {
      line++;
      if (!quoted) atRecordStart = true;
    }
  }
  return starts;
}

/**
 * One CSV line (RFC 4180: comma-separated, quoted when needed, CRLF-free `\n`
 * ending). Text that a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, tab or carriage return, and not a number) gets a
 * leading `'`, so an opened export never executes what someone typed into a
 * frame file or an answer (OWASP "CSV injection").
 */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    const value = values[i];
    if (value === null || value === undefined) continue;
    const text = typeof value === 'string' ? defuseFormula(value) : String(value);
    line += /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }
  return line + '\n';
}

const NUMBER = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$/;

/**
 * Defuses every piece of a cell that a spreadsheet could read as a cell of
 * its own: the whole text, and each part after a comma, semicolon, tab or
 * line break (Swedish Excel splits on `;`, so `x;=1+1` would otherwise give
 * a formula cell). A piece starting with `=`, `+`, `-`, `@`, tab or carriage
 * return that is not a number gets a leading `'`.
 */
export function defuseFormula(text: string): string {
  const pieces = text.split(/([,;\t\r\n])/);
  let out = '';
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    const isDelimiter = i % 2 === 1;
    // A tab or CR delimiter is itself dangerous at the start of the cell.
    if (isDelimiter) {
      out += i === 1 && pieces[0] === '' && (piece === '\t' || piece === '\r') ? `'${piece}` : piece;
      continue;
    }
    out += /^[=+\-@]/.test(piece) && !NUMBER.test(piece.trim()) ? `'${piece}` : piece;
  }
  return out;
}

/** The two CSV dialects of the workspace's downloads: `excel` (sv-SE, the default) and `csv` (programs, `?format=csv`). */
export type CsvDialect = 'excel' | 'csv';

/** The byte order mark that makes Excel read a file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

/**
 * One CSV line as Excel in sv-SE opens it: `;` between cells, decimal comma
 * ("0,1234"), quoted when a cell holds `;`, `"` or a line break, formulas
 * defused as in {@link csvLine}, CRLF ending. Numbers keep full precision;
 * no thousands separator, so Excel reads them as numbers. The file starts
 * with {@link UTF8_BOM}.
 *
 * @example
 * excelCsvLine(['utsatt', 0.1029847281, 167]) // → 'utsatt;0,1029847281;167\r\n'
 */
export function excelCsvLine(values: readonly (string | number | null | undefined)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ';';
    const value = values[i];
    if (value === null || value === undefined) continue;
    const text = typeof value === 'string' ? defuseFormula(value) : String(value).replace('.', ',');
    line += /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }
  return line + '\r\n';
}

/** The line writer of a dialect. */
export function csvLineWriter(dialect: CsvDialect): (values: readonly (string | number | null | undefined)[]) => string {
  return dialect === 'excel' ? excelCsvLine : csvLine;
}
