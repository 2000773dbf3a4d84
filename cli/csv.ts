import { readFileSync } from 'node:fs';
import { CsvInputError, parseCsv, parseCsvColumns, type CsvColumns, type CsvTable } from '../domain/csv';

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new CsvInputError(path, undefined, undefined, 'filen finns inte eller kan inte läsas');
  }
}

/** Reads and parses a CSV file into rows; the error names the file if it cannot be read. */
export function readCsvFile(path: string): CsvTable {
  return parseCsv(readText(path), path);
}

/** Reads and parses a (large) CSV file into columns; the error names the file if it cannot be read. */
export function readCsvColumnsFile(path: string): CsvColumns {
  return parseCsvColumns(readText(path), path);
}
