import { CsvInputError, csvLine, parseCsv } from '../csv';
import type { DrawnStratum } from './draw-frame-sample';
import { SamplingInputError } from './sampling-input-error';
import { stratumKeyOf, type StratumValues } from './stratum-key';

/** What `POST /api/campaigns/:id/codes` returns per code. */
export interface IssuedCode {
  readonly code: string;
  readonly ref: string;
  readonly stratum: StratumValues;
}

/** One letter: the person's own cells from the frame, and what the letter adds. */
export interface Letter {
  /** Every cell of the person's frame row, by column name. */
  readonly fields: Readonly<Record<string, string>>;
  readonly aldersgrupp: string;
  /** The personal code, XXXX-XXXX-XXX. */
  readonly kod: string;
  /** `<link base>/s/<kod>`: the letter's link and its QR code's content. */
  readonly lank: string;
  /** The non-secret letter reference (reminder lists and paper entry name it). */
  readonly ref: string;
}

export interface LetterFile {
  /** The frame's columns in file order; the letter file adds `aldersgrupp`, `kod`, `lank`, `ref` after them. */
  readonly frameColumns: readonly string[];
  readonly letters: readonly Letter[];
}

/** The link printed in a letter: the base without trailing slashes, `/s/`, the code. */
export function letterLink(linkBase: string, code: string): string {
  return `${linkBase.replace(/\/+$/, '')}/s/${code}`;
}

/**
 * Merges the drawn persons with the codes the server issued for their
 * strata: the i-th code issued for a stratum goes to its i-th drawn person.
 * This happens where the frame is (the browser or the CLI); the server only
 * saw the counts.
 *
 * Complexity: O(n).
 * @throws {SamplingInputError} if a stratum got a different number of codes than persons were drawn.
 */
export function mergeLetters(frameColumns: readonly string[], drawn: readonly DrawnStratum[], codes: readonly IssuedCode[], linkBase: string): LetterFile {
  const byStratum = new Map<string, IssuedCode[]>();
  for (const code of codes) {
    const key = stratumKeyOf(code.stratum);
    const list = byStratum.get(key);
    if (list) list.push(code);
    else byStratum.set(key, [code]);
  }
  const letters: Letter[] = [];
  for (const s of drawn) {
    const issued = byStratum.get(s.key) ?? [];
    if (issued.length !== s.persons.length) {
      throw new SamplingInputError(`mergeLetters: stratumet ${s.key} fick ${issued.length} koder för ${s.persons.length} dragna personer`);
    }
    byStratum.delete(s.key);
    s.persons.forEach((person, i) => {
      letters.push({ fields: person.fields, aldersgrupp: person.aldersgrupp, kod: issued[i].code, lank: letterLink(linkBase, issued[i].code), ref: issued[i].ref });
    });
  }
  const extra = [...byStratum.keys()];
  if (extra.length > 0) throw new SamplingInputError(`mergeLetters: koder för strata som inte drogs: ${extra.join(', ')}`);
  return { frameColumns, letters };
}

const ADDED_COLUMNS = ['aldersgrupp', 'kod', 'lank', 'ref'] as const;

/**
 * The letter file as CSV (comma-separated, UTF-8, formula-like text
 * defused): the frame's columns, then `aldersgrupp`, `kod`, `lank`, `ref`.
 * The kommun keeps it; reminders are made from it and the server's list of
 * unused refs.
 */
export function letterFileCsv(file: LetterFile): string {
  let csv = csvLine([...file.frameColumns, ...ADDED_COLUMNS]);
  for (const letter of file.letters) {
    csv += csvLine([...file.frameColumns.map((column) => letter.fields[column] ?? ''), letter.aldersgrupp, letter.kod, letter.lank, letter.ref]);
  }
  return csv;
}

/**
 * Reads a saved letter file back (for reminders): it must have the columns
 * `kod`, `lank` and `ref`; every other column is kept as the person's
 * fields. A cell that `csvLine` defused (a leading `'` before `=`, `+`, `-`
 * or `@`) is restored.
 *
 * @throws {CsvInputError} naming file, line and column for a missing column, an empty code or a repeated ref.
 */
export function parseLetterFile(text: string, file: string): LetterFile {
  const table = parseCsv(text, file);
  for (const column of ['kod', 'lank', 'ref']) {
    if (!table.columns.includes(column)) {
      throw new CsvInputError(file, 1, undefined, `kolumnen "${column}" saknas: är det brevfilen från dragningen? (kolumner i filen: ${table.columns.join(', ')})`);
    }
  }
  const frameColumns = table.columns.filter((column) => !(ADDED_COLUMNS as readonly string[]).includes(column));
  const seen = new Map<string, number>();
  const letters = table.rows.map((row) => {
    const cell = (column: string) => restoreDefused(row.values[column] ?? '');
    for (const column of ['kod', 'lank', 'ref']) {
      if (cell(column) === '') throw new CsvInputError(file, row.line, column, 'värdet saknas');
    }
    const ref = cell('ref');
    const first = seen.get(ref);
    if (first !== undefined) throw new CsvInputError(file, row.line, 'ref', `brevreferensen "${ref}" finns redan på rad ${first}`);
    seen.set(ref, row.line);
    const fields: Record<string, string> = {};
    for (const column of frameColumns) fields[column] = cell(column);
    return { fields, aldersgrupp: cell('aldersgrupp'), kod: cell('kod'), lank: cell('lank'), ref };
  });
  return { frameColumns, letters };
}

function restoreDefused(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/**
 * The letters whose ref the server lists as unused (not yet answered), for a
 * reminder. Refs in the list that the file does not have are returned too, so
 * a mismatch (another campaign's file) can be shown.
 * Complexity: O(letters + refs).
 */
export function remindersFor(file: LetterFile, unusedRefs: readonly string[]): { letters: Letter[]; unknownRefs: string[] } {
  const unused = new Set(unusedRefs);
  const letters = file.letters.filter((letter) => unused.has(letter.ref));
  const known = new Set(file.letters.map((letter) => letter.ref));
  return { letters, unknownRefs: unusedRefs.filter((ref) => !known.has(ref)) };
}
