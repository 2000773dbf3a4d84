/**
 * Reading and writing CSV, shared by the server, the CLI and the analysis
 * engine: the reader (comma or semicolon, BOM, line numbers for Swedish
 * errors), the locale-number parser and the line writer with formula
 * defusing. Pure: reading a file from disk is the CLI's `readCsvFile`.
 */

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

/** A CSV file as columns: what large files are read into (no object per row). */
export interface CsvColumns {
  readonly file: string;
  readonly columns: readonly string[];
  /** Number of rows (blank lines are skipped). */
  readonly size: number;
  /** `cells[c][r]`: column c of row r, trimmed, '' when empty. Equal cells of a column mostly share one string. */
  readonly cells: readonly (readonly string[])[];
  /** 1-based line on which each row starts (the header is line 1). */
  readonly lines: Int32Array;
}

/**
 * Parses CSV text with a header row. Accepts comma or semicolon as delimiter
 * (decided from the header line), UTF-8 with or without BOM, CRLF or LF.
 * Cells are trimmed. Blank lines are skipped.
 *
 * @throws {CsvInputError} for an empty file, a duplicate or empty column name,
 * a row with the wrong number of cells, or misplaced quotes.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const table = parseCsvColumns(text, file);
  const { columns, cells, lines } = table;
  const rows: CsvRow[] = new Array(table.size);
  for (let r = 0; r < table.size; r++) {
    const values: Record<string, string> = {};
    for (let c = 0; c < columns.length; c++) values[columns[c]] = cells[c][r];
    rows[r] = { line: lines[r], values };
  }
  return { file, columns, rows };
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Trimmed around fields and delimiters (not inside quotes), as csv-parse's `trim`: space, tab, form feed. */
const isBlank = (code: number) => code === 32 || code === 9 || code === 12;
/** A column's distinct cells are reused while it has at most this many; columns with more stop looking. */
const REUSED_CELLS = 16;
/** One-character cells (0, 1, K, M …) as shared strings. */
const ASCII = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));

/**
 * Parses CSV text with a header row into columns, in one pass over the text
 * with no object per row: the reader for large files (a CLI's 100,000
 * responses, a sampling frame). The same rules as {@link parseCsv}, which is
 * built on it: comma or semicolon (decided from the header line), BOM,
 * CRLF or LF, RFC 4180 quotes (`""` inside quotes is a quote; a quoted cell
 * may span lines), cells trimmed outside quotes, blank lines skipped. A cell
 * equal to one of the first few distinct cells of its column is that
 * string, not a copy, so a column of categories costs one pointer per row.
 *
 * Complexity: O(length of the text).
 *
 * @throws {CsvInputError} naming the file, line and (where known) column: an
 * empty file, a duplicate or empty column name, a row with the wrong number
 * of cells, a quote inside an unquoted cell, text after a closing quote, or
 * a quote never closed.
 * @example
 * parseCsvColumns('kon;antal\nkvinna;10\n', 'p.csv').cells // → [['kvinna'], ['10']]
 */
export function parseCsvColumns(text: string, file: string): CsvColumns {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') {
    throw new CsvInputError(file, undefined, undefined, 'filen är tom eller saknar rubrikrad');
  }
  const delimiter = detectDelimiter(firstLine).charCodeAt(0);
  const length = body.length;
  let lineBreaks = 0;
  for (let at = body.indexOf('\n'); at >= 0; at = body.indexOf('\n', at + 1)) lineBreaks++;
  const capacity = lineBreaks + 1;

  let pos = 0;
  let line = 1;
  let columns: string[] | undefined;
  let cells: string[][] = [];
  let reused: string[][] = [];
  let misses: number[] = [];
  let lines = new Int32Array(capacity);
  let size = 0;
  const fail = (at: number, column: number, detail: string): never => {
    throw new CsvInputError(file, at, columns?.[column], `filen kunde inte läsas som CSV (${detail})`);
  };

  while (pos < length) {
    const recordLine = line;
    let field = 0;
    let lastEmpty = true;
    const header: string[] | undefined = columns === undefined ? [] : undefined;
    // One record: fields until an unquoted line break or the end of the text.
    for (;;) {
      let start = pos;
      while (start < length && isBlank(body.charCodeAt(start))) start++;
      let value: string | undefined;
      let end: number;
      let next: number;
      if (start < length && body.charCodeAt(start) === QUOTE) {
        const quoteLine = line;
        let collected = '';
        let segment = start + 1;
        for (;;) {
          const close = body.indexOf('"', segment);
          if (close < 0) fail(quoteLine, field, 'ett citattecken stängs aldrig');
          for (let at = body.indexOf('\n', segment); at >= 0 && at < close; at = body.indexOf('\n', at + 1)) line++;
          if (body.charCodeAt(close + 1) === QUOTE) {
            collected += body.slice(segment, close + 1);
            segment = close + 2;
            continue;
          }
          value = collected + body.slice(segment, close);
          next = close + 1;
          break;
        }
        while (next < length && isBlank(body.charCodeAt(next))) next++;
        const after = next < length ? body.charCodeAt(next) : -1;
        if (after !== -1 && after !== delimiter && after !== LF && after !== CR) fail(line, field, 'text efter ett avslutande citattecken');
        end = next;
      } else {
        end = start;
        while (end < length) {
          const code = body.charCodeAt(end);
          if (code === delimiter || code === LF || code === CR) break;
          if (code === QUOTE) fail(line, field, 'ett citattecken mitt i ett fält; sätt hela fältet inom citattecken och skriv "" för ett citattecken');
          end++;
        }
        next = end;
        while (end > start && isBlank(body.charCodeAt(end - 1))) end--;
      }

      if (header) {
        header.push(value ?? body.slice(start, end));
      } else if (field < cells.length) {
        const column = cells[field];
        if (value === undefined) {
          const width = end - start;
          if (width === 0) value = '';
          else if (width === 1 && body.charCodeAt(start) < 128) value = ASCII[body.charCodeAt(start)];
          else if (misses[field] >= 0) {
            const known = reused[field];
            const first = body.charCodeAt(start);
            for (let k = 0; k < known.length; k++) {
              const candidate = known[k];
              if (candidate.length === width && candidate.charCodeAt(0) === first && body.startsWith(candidate, start)) {
                value = candidate;
                break;
              }
            }
            if (value === undefined) {
              value = body.slice(start, end);
              if (known.length < REUSED_CELLS) known.push(value);
              else if (++misses[field] > 1000) misses[field] = -1;
            }
          } else value = body.slice(start, end);
        }
        column[size] = value;
        lastEmpty = value === '';
      } else {
        lastEmpty = false;
      }
      field++;
      pos = next;
      const code = pos < length ? body.charCodeAt(pos) : -1;
      if (code === delimiter) {
        pos++;
        continue;
      }
      if (code === CR) pos += body.charCodeAt(pos + 1) === LF ? 2 : 1;
      else if (code === LF) pos++;
      if (code === CR || code === LF) line++;
      break;
    }

    if (header) {
      if (header.length === 1 && header[0] === '') continue;
      const seen = new Set<string>();
      header.forEach((name, index) => {
        if (name === '') throw new CsvInputError(file, recordLine, `#${index + 1}`, 'kolumnen saknar namn');
        if (seen.has(name)) throw new CsvInputError(file, recordLine, name, 'kolumnnamnet förekommer två gånger');
        seen.add(name);
      });
      columns = header;
      cells = header.map(() => new Array<string>(capacity));
      reused = header.map(() => []);
      misses = header.map(() => 0);
      continue;
    }
    if (field === 1 && lastEmpty) continue;
    if (field !== cells.length) {
      throw new CsvInputError(file, recordLine, undefined, `raden har ${field} fält men rubrikraden har ${cells.length}`);
    }
    lines[size++] = recordLine;
  }
  if (!columns) throw new CsvInputError(file, undefined, undefined, 'filen är tom');
  for (const column of cells) column.length = size;
  return { file, columns, size, cells, lines: lines.subarray(0, size) };
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

/** Text a spreadsheet would run as a formula: it starts with `=`, `+`, `-` or `@`. */
export const FORMULA_START = /^[=+\-@]/;

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
    out += FORMULA_START.test(piece) && !NUMBER.test(piece.trim()) ? `'${piece}` : piece;
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
