import { CsvInputError, parseCsv, type CsvRow } from '../csv';
import { ageGroupOf, type AgeGroup } from '../age-groups';

/**
 * One person in a frame extract. It exists only in the analyst's browser (or
 * the CLI): the server never receives a frame, only the strata and their N_h.
 */
export interface FramePerson {
  readonly id: string;
  readonly kon: 'kvinna' | 'man';
  readonly aldersgrupp: string;
  readonly omrade: string;
  /** 1-based line in the file. */
  readonly line: number;
  /** Every cell of the person's row by column name (name, address, …), for the letter file. */
  readonly fields: Readonly<Record<string, string>>;
}

export interface FrameOptions {
  /** Age = referenceYear − födelseår when the file has a birth year column. */
  readonly referenceYear: number;
  /** Population age range (template `meta.population`); rows outside it are excluded and counted. */
  readonly minAge?: number;
  readonly maxAge?: number;
  readonly ageGroups: readonly AgeGroup[];
  /** Allowed område codes (the campaign's områden); omit to accept any. */
  readonly areas?: readonly string[];
  /** Stop collecting errors after this many (default 100). */
  readonly maxErrors?: number;
  /** Called every 5,000 rows with the rows checked so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ParsedFrame {
  readonly file: string;
  readonly persons: FramePerson[];
  readonly rowCount: number;
  /** Rows outside the population's age range. */
  readonly excludedOutsideAge: number;
  /** Rows inside the population but in no age group of the template. */
  readonly excludedNoAgeGroup: number;
  /** Row errors (up to `maxErrors`); a frame with errors must not be used. */
  readonly errors: CsvInputError[];
  /** Columns used, as named in the file. */
  readonly columns: { id: string; kon: string; age: string; ageKind: 'fodelsear' | 'alder'; omrade: string };
  /** Every column of the file, in file order (the letter file keeps them all). */
  readonly allColumns: readonly string[];
}

/** Columns that the letter file (and the CLI's sample file) add; a frame may not have them already. */
export const LETTER_COLUMNS = ['kod', 'lank', 'ref', 'aldersgrupp', 'stratum'] as const;

/** Normalised column names (lower case, no diacritics, no spaces, _ or -) accepted per field. */
const COLUMN_NAMES = {
  id: ['personnummer', 'id', 'lopnr', 'lopnummer', 'personid'],
  kon: ['kon', 'sex'],
  fodelsear: ['fodelsear', 'fodar'],
  alder: ['alder'],
  omrade: ['omrade', 'omradeskod'],
} as const;

/** A column name without case, diacritics, spaces, `_` or `-`: "Födelse år" → "fodelsear". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

const KON_VALUES: Record<string, 'kvinna' | 'man'> = { kvinna: 'kvinna', k: 'kvinna', man: 'man', m: 'man' };

/**
 * Parses a frame extract (urvalsram) from the kommun's folkbokföring: one
 * row per person with an id (`personnummer`, `id` or `lopnr`), `kön`
 * (kvinna/man or K/M), `födelseår` or `ålder`, and `område`. Column names are
 * matched case-insensitively and without diacritics. The age is
 * `referenceYear − födelseår` (the age reached during the reference year, as
 * in SCB's "ålder vid årets slut") or the `ålder` column as given.
 *
 * Rows outside `minAge`–`maxAge` are excluded and counted; each other row
 * gets its åldersgrupp from `ageGroups`.
 *
 * Complexity: O(rows).
 * @throws {CsvInputError} for an unreadable file or a missing column (row errors are returned, not thrown).
 * @example
 * parseFrame('id;kön;födelseår;område\n1;K;1980;norr\n', 'ram.csv', { referenceYear: 2025, ageGroups: parseAgeGroups(['18-44', '45-85']) })
 * // → persons [{ id: '1', kon: 'kvinna', aldersgrupp: '45-85', omrade: 'norr', line: 2, fields: { id: '1', … } }], errors []
 */
export function parseFrame(text: string, file: string, options: FrameOptions): ParsedFrame {
  const table = parseCsv(text, file);
  const find = (accepted: readonly string[]) => table.columns.find((column) => accepted.includes(normaliseName(column)));
  const missing = (what: string) => new CsvInputError(file, 1, undefined, `kolumnen ${what} saknas (kolumner i filen: ${table.columns.join(', ')})`);
  const idColumn = find(COLUMN_NAMES.id);
  if (!idColumn) throw missing('för person-id (personnummer, id eller lopnr)');
  const konColumn = find(COLUMN_NAMES.kon);
  if (!konColumn) throw missing('"kön"');
  const birthColumn = find(COLUMN_NAMES.fodelsear);
  const ageColumn = birthColumn ? undefined : find(COLUMN_NAMES.alder);
  if (!birthColumn && !ageColumn) throw missing('"födelseår" eller "ålder"');
  const areaColumn = find(COLUMN_NAMES.omrade);
  if (!areaColumn) throw missing('"område"');
  for (const reserved of LETTER_COLUMNS) {
    const clash = table.columns.find((column) => normaliseName(column) === reserved);
    if (clash) throw new CsvInputError(file, 1, clash, `kolumnnamnet är reserverat för brevfilen (${LETTER_COLUMNS.join(', ')}); byt namn på kolumnen`);
  }

  const maxErrors = options.maxErrors ?? 100;
  const allowedAreas = options.areas ? new Set(options.areas) : undefined;
  const errors: CsvInputError[] = [];
  const persons: FramePerson[] = [];
  const seenIds = new Map<string, number>();
  let excludedOutsideAge = 0;
  let excludedNoAgeGroup = 0;

  const readRow = (row: CsvRow): FramePerson | 'excluded' | CsvInputError => {
    const error = (column: string, detail: string) => new CsvInputError(file, row.line, column, detail);
    const id = row.values[idColumn];
    if (id === '') return error(idColumn, 'person-id saknas');
    const firstLine = seenIds.get(id);
    if (firstLine !== undefined) return error(idColumn, `samma person-id finns redan på rad ${firstLine}`);
    seenIds.set(id, row.line);
    const rawKon = row.values[konColumn];
    const kon = KON_VALUES[rawKon.toLowerCase()];
    if (!kon) return error(konColumn, `värdet "${rawKon}" är inget giltigt kön (giltiga: kvinna, man, K, M)`);
    const ageSource = (birthColumn ?? ageColumn)!;
    const rawAge = row.values[ageSource];
    if (!/^\d{1,4}$/.test(rawAge)) return error(ageSource, `värdet "${rawAge}" är inget heltal`);
    let age = Number(rawAge);
    if (birthColumn) {
      if (age < 1850 || age > options.referenceYear) return error(ageSource, `födelseåret ${age} är inte rimligt för referensåret ${options.referenceYear}`);
      age = options.referenceYear - age;
    } else if (age > 130) {
      return error(ageSource, `åldern ${age} är inte rimlig`);
    }
    const omrade = row.values[areaColumn];
    if (omrade === '') return error(areaColumn, 'området saknas');
    if (allowedAreas && !allowedAreas.has(omrade)) {
      const list = [...allowedAreas].slice(0, 20).join(', ');
      return error(areaColumn, `området "${omrade}" finns inte bland undersökningens områden (giltiga: ${list}${allowedAreas.size > 20 ? ', …' : ''})`);
    }
    if ((options.minAge !== undefined && age < options.minAge) || (options.maxAge !== undefined && age > options.maxAge)) {
      excludedOutsideAge++;
      return 'excluded';
    }
    const aldersgrupp = ageGroupOf(age, options.ageGroups);
    if (aldersgrupp === undefined) {
      excludedNoAgeGroup++;
      return 'excluded';
    }
    return { id, kon, aldersgrupp, omrade, line: row.line, fields: row.values };
  };

  const total = table.rows.length;
  for (let r = 0; r < total; r++) {
    if (options.onProgress && r % 5000 === 0) options.onProgress(r, total);
    const result = readRow(table.rows[r]);
    if (result instanceof CsvInputError) {
      if (errors.length < maxErrors) errors.push(result);
    } else if (result !== 'excluded') {
      persons.push(result);
    }
  }
  if (table.rows.length === 0) errors.push(new CsvInputError(file, undefined, undefined, 'filen innehåller inga personer'));
  return {
    file,
    persons,
    rowCount: table.rows.length,
    excludedOutsideAge,
    excludedNoAgeGroup,
    errors,
    columns: { id: idColumn, kon: konColumn, age: (birthColumn ?? ageColumn)!, ageKind: birthColumn ? 'fodelsear' : 'alder', omrade: areaColumn },
    allColumns: table.columns,
  };
}
