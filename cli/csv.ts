import { readFileSync } from 'node:fs';
import { CsvInputError, parseCsv, type CsvTable } from '../domain/csv';

export { CsvInputError, parseCsv, parseLocaleNumber, type CsvRow, type CsvTable } from '../domain/csv';

/** Reads and parses a CSV file; the error names the file if it cannot be read. */
export function readCsvFile(path: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CsvInputError(path, undefined, undefined, 'filen finns inte eller kan inte läsas');
  }
  return parseCsv(text, path);
}
