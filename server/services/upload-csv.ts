import { parse } from 'csv-parse';
import { CsvInputError, detectDelimiter, type CsvRow, type CsvTable } from '../../domain/csv';
import { describeUnsafeText, unsafeCharacterOf } from '../../domain/plain-text';

/** Limits of an uploaded table (population and registered counts): its rows, columns and cells. */
export interface UploadLimits {
  readonly maxRows: number;
  readonly maxColumns: number;
  /** Characters in one cell (after trimming). */
  readonly maxCellLength: number;
  /** Characters in one row, delimiters included. */
  readonly maxRowLength: number;
}

/** Characters parsed between two yields to the event loop. */
const SLICE = 64 * 1024;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Reads an uploaded CSV like `parseCsv` (comma or semicolon from the header
 * line, BOM, CRLF or LF, cells trimmed, blank lines skipped), but in slices
 * of 64 KB with a turn of the event loop between them, so that a large
 * upload never stalls other requests (`/healthz` answers during a 5 MB
 * upload). It stops at the first cell, row or row count over `limits`, and
 * at any control character or lone surrogate (text is text), naming the
 * file, line and column.
 *
 * Complexity: O(length of the text), in O(length / 64 KB) turns.
 *
 * @throws {CsvInputError} naming the file, line and column.
 */
export async function parseUploadedCsv(text: string, file: string, limits: UploadLimits): Promise<CsvTable> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, Math.min(body.length, limits.maxRowLength + 2)).split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') throw new CsvInputError(file, undefined, undefined, 'filen är tom eller saknar rubrikrad');
  const parser = parse({
    delimiter: detectDelimiter(firstLine),
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
    max_record_size: limits.maxRowLength,
  });
  const records: { line: number; cells: string[] }[] = [];
  let failure: CsvInputError | undefined;
  const fail = (error: CsvInputError) => {
    failure ??= error;
  };
  /** The problem with one record, if any. */
  const problemOf = (record: string[], line: number): CsvInputError | undefined => {
    const columns = records.length === 0 ? record : records[0].cells;
    if (record.length > limits.maxColumns) return new CsvInputError(file, line, undefined, `raden har ${record.length} fält; högst ${limits.maxColumns} tas emot`);
    for (let c = 0; c < record.length; c++) {
      const where = records.length === 0 ? `#${c + 1}` : (columns[c] ?? `#${c + 1}`);
      const unsafe = unsafeCharacterOf(record[c]);
      if (unsafe) return new CsvInputError(file, line, where, `cellen ${describeUnsafeText(unsafe)}`);
      if (record[c].length > limits.maxCellLength) return new CsvInputError(file, line, where, `cellen har ${record[c].length} tecken; högst ${limits.maxCellLength} tas emot`);
    }
    if (records.length > limits.maxRows) return new CsvInputError(file, undefined, undefined, `filen har fler än ${limits.maxRows} rader; högst ${limits.maxRows} tas emot`);
    return undefined;
  };
  parser.on('readable', () => {
    let entry: { record: string[]; info: { lines: number } } | null;
    // Always drain what the parser holds, also after a failure, so that it ends.
    while ((entry = parser.read()) !== null) {
      if (failure) continue;
      const { record, info } = entry;
      // csv-parse reports the line a record ends on; a quoted cell may span lines.
      const line = info.lines - record.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0);
      const problem = problemOf(record, line);
      if (problem) fail(problem);
      else records.push({ line, cells: record });
    }
  });
  const done = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', (error: Error & { code?: string; lines?: number }) => {
      fail(
        error.code === 'CSV_MAX_RECORD_SIZE'
          ? new CsvInputError(file, error.lines, undefined, `raden är längre än ${limits.maxRowLength} tecken`)
          : new CsvInputError(file, error.lines, undefined, `filen kunde inte läsas som CSV (${error.message})`),
      );
      resolve();
    });
  });
  for (let at = 0; at < body.length && !failure; at += SLICE) {
    parser.write(body.slice(at, at + SLICE));
    await nextTurn();
  }
  parser.end();
  await done;
  if (failure) throw failure;
  if (records.length === 0) throw new CsvInputError(file, undefined, undefined, 'filen är tom');
  const columns = records[0].cells;
  const seen = new Set<string>();
  columns.forEach((name, index) => {
    if (name === '') throw new CsvInputError(file, 1, `#${index + 1}`, 'kolumnen saknar namn');
    if (seen.has(name)) throw new CsvInputError(file, 1, name, 'kolumnnamnet förekommer två gånger');
    seen.add(name);
  });
  const rows: CsvRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const { line, cells } = records[r];
    if (cells.length === 1 && cells[0] === '') continue;
    if (cells.length !== columns.length) throw new CsvInputError(file, line, undefined, `raden har ${cells.length} fält men rubrikraden har ${columns.length}`);
    const values: Record<string, string> = {};
    for (let c = 0; c < columns.length; c++) values[columns[c]] = cells[c];
    rows.push({ line, values });
  }
  return { file, columns, rows };
}
