import { CsvInputError, type CsvTable } from '../domain/csv';
import {
  SCREENING_ANSWERS,
  SCREENING_KON,
  SCREENING_REQUIRED_COLUMNS,
  screeningContact,
  YES_NO,
  type ScreeningAnswer,
  type ScreeningContact,
  type ScreeningKon,
} from '../domain/screening-contact';

export interface ReadScreeningOptions {
  /** Require a non-empty `verksamhet` column (needed for --by verksamhet). */
  readonly requireVerksamhet?: boolean;
}

/**
 * Turns a parsed registrations file (one row per client contact) into
 * `ScreeningContact` records.
 *
 * Values of enumerated columns are matched case-insensitively; column names
 * too. `psykiskt` … `pagaende` take ja | nej | vill_ej_svara or empty (not
 * answered); `kand_sedan_tidigare`, `stod_erbjudet` and `stod_accepterat`
 * take ja | nej or empty (unknown). Answers on rows with `tillfragad = nej`
 * are read but ignored by the analysis. Optional `verksamhet` and
 * `barn_berorda` (ja | nej or empty) columns are read when present.
 *
 * @throws {CsvInputError} (Swedish, naming file, line and column) for a missing
 * column, a file without data rows, an empty required value or a value
 * outside the allowed set.
 */
export function readScreeningRegistrations(table: CsvTable, options: ReadScreeningOptions = {}): ScreeningContact[] {
  const columnOf = new Map<string, string>();
  for (const column of table.columns) {
    const key = column.toLowerCase();
    if (!columnOf.has(key)) columnOf.set(key, column);
  }
  const required: string[] = [...SCREENING_REQUIRED_COLUMNS];
  if (options.requireVerksamhet) required.push('verksamhet');
  const missing = required.filter((name) => !columnOf.has(name));
  if (missing.length > 0) {
    const name = missing[0];
    let why = name === 'verksamhet' ? 'kolumnen saknas men behövs för --by verksamhet' : 'obligatorisk kolumn saknas i rubrikraden';
    if (missing.length > 1) why += ` (saknade kolumner: ${missing.join(', ')})`;
    throw new CsvInputError(table.file, 1, name, why);
  }
  if (table.rows.length === 0) {
    throw new CsvInputError(table.file, undefined, undefined, 'filen innehåller inga kontakter (bara rubrikraden)');
  }
  const hasVerksamhet = columnOf.has('verksamhet');
  const hasChildren = columnOf.has('barn_berorda');
  return table.rows.map((row) => {
    const cell = (name: string): string => row.values[columnOf.get(name)!] ?? '';
    const fail = (name: string, detail: string): never => {
      throw new CsvInputError(table.file, row.line, columnOf.get(name) ?? name, detail);
    };
    const text = (name: string): string => {
      const value = cell(name);
      if (value === '') fail(name, 'värdet saknas (får inte vara tomt)');
      return value;
    };
    const verksamhet = hasVerksamhet ? cell('verksamhet') : '';
    if (options.requireVerksamhet && verksamhet === '') fail('verksamhet', 'värdet saknas (behövs för --by verksamhet)');
    return screeningContact(
      { enhet: text('enhet'), ...(verksamhet !== '' ? { verksamhet } : {}) },
      {
        kon: choice(cell, fail, 'kon', SCREENING_KON, false) as ScreeningKon,
        aldersgrupp: text('aldersgrupp'),
        tillfragad: choice(cell, fail, 'tillfragad', YES_NO, false) === 'ja',
        orsak_ej_tillfragad: cell('orsak_ej_tillfragad') === '' ? null : cell('orsak_ej_tillfragad'),
        psykiskt: answer(cell, fail, 'psykiskt'),
        fysiskt: answer(cell, fail, 'fysiskt'),
        sexuellt: answer(cell, fail, 'sexuellt'),
        radd: answer(cell, fail, 'radd'),
        pagaende: answer(cell, fail, 'pagaende'),
        kand_sedan_tidigare: yesNo(cell, fail, 'kand_sedan_tidigare'),
        stod_erbjudet: yesNo(cell, fail, 'stod_erbjudet'),
        stod_accepterat: yesNo(cell, fail, 'stod_accepterat'),
        ...(hasChildren ? { barn_berorda: yesNo(cell, fail, 'barn_berorda') } : {}),
      },
    );
  });
}

type Cell = (name: string) => string;
type Fail = (name: string, detail: string) => never;

function choice(cell: Cell, fail: Fail, name: string, allowed: readonly string[], emptyAllowed: boolean): string | null {
  const raw = cell(name);
  if (raw === '') {
    if (emptyAllowed) return null;
    return fail(name, `värdet saknas (giltiga: ${allowed.join(', ')})`);
  }
  const value = raw.toLowerCase().replace(/ /g, '_');
  if (!allowed.includes(value)) {
    return fail(name, `värdet "${raw}" är inte tillåtet (giltiga: ${allowed.join(', ')}${emptyAllowed ? ' eller tomt' : ''})`);
  }
  return value;
}

function answer(cell: Cell, fail: Fail, name: string): ScreeningAnswer | null {
  return choice(cell, fail, name, SCREENING_ANSWERS, true) as ScreeningAnswer | null;
}

function yesNo(cell: Cell, fail: Fail, name: string): boolean | null {
  const value = choice(cell, fail, name, YES_NO, true);
  return value === null ? null : value === 'ja';
}
