/** A letter's addressee as printed in the address field. */
export interface LetterAddress {
  /** The name line; '' when the frame has no name column. */
  readonly name: string;
  /** c/o, street lines, then "postnummer postort". */
  readonly lines: readonly string[];
}

export interface AddressColumns {
  readonly name: readonly string[];
  readonly careOf?: string;
  readonly street: readonly string[];
  readonly postalCode?: string;
  readonly town?: string;
}

const squash = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const NAMES = {
  fullName: ['namn', 'fullstandigtnamn', 'fulltnamn', 'name'],
  first: ['fornamn', 'tilltalsnamn', 'firstname'],
  middle: ['mellannamn'],
  last: ['efternamn', 'lastname', 'surname'],
  careOf: ['co', 'coadress', 'careof', 'coadressat'],
  street: ['adress', 'utdelningsadress', 'gatuadress', 'utdelningsadress1', 'utdelningsadress2', 'adress1', 'adress2', 'address'],
  postalCode: ['postnummer', 'postnr', 'postalcode'],
  town: ['postort', 'ort', 'city'],
} as const;

/**
 * Finds the name and address columns of a register extract by their usual
 * Swedish names (Navet and SPAR spellings, with or without diacritics,
 * spaces or `_`): `namn` or `förnamn` + `efternamn` (also `tilltalsnamn`,
 * `mellannamn`), `c/o`, `utdelningsadress` / `adress` / `gatuadress` (several
 * street columns are kept in order), `postnummer`, `postort`.
 * Complexity: O(columns).
 */
export function findAddressColumns(columns: readonly string[]): AddressColumns {
  const pick = (accepted: readonly string[]) => columns.filter((column) => accepted.includes(squash(column)));
  const full = pick(NAMES.fullName);
  const name = full.length > 0 ? full.slice(0, 1) : [...pick(NAMES.first).slice(0, 1), ...pick(NAMES.middle).slice(0, 1), ...pick(NAMES.last).slice(0, 1)];
  return {
    name,
    careOf: pick(NAMES.careOf)[0],
    street: pick(NAMES.street),
    postalCode: pick(NAMES.postalCode)[0],
    town: pick(NAMES.town)[0],
  };
}

/** True when the columns give at least a name, a street and a postal town: enough to print an address field. */
export function hasPostalAddress(columns: AddressColumns): boolean {
  return columns.name.length > 0 && columns.street.length > 0 && (columns.town !== undefined || columns.postalCode !== undefined);
}

/**
 * The address field of one letter from the person's frame cells. A
 * five-digit postnummer is printed as "123 45".
 * @example
 * letterAddress({ Förnamn: 'Eva', Efternamn: 'Ek', Utdelningsadress: 'Storgatan 1', Postnummer: '70210', Postort: 'ÖREBRO' }, cols)
 * // { name: 'Eva Ek', lines: ['Storgatan 1', '702 10 ÖREBRO'] }
 */
export function letterAddress(fields: Readonly<Record<string, string>>, columns: AddressColumns): LetterAddress {
  const cell = (column: string | undefined) => (column === undefined ? '' : (fields[column] ?? '').trim());
  const name = columns.name.map(cell).filter((part) => part !== '').join(' ');
  const lines: string[] = [];
  const careOf = cell(columns.careOf);
  if (careOf !== '') lines.push(/^c\/o\b/i.test(careOf) ? careOf : `c/o ${careOf}`);
  for (const street of columns.street) if (cell(street) !== '') lines.push(cell(street));
  const code = cell(columns.postalCode).replace(/^(\d{3})(\d{2})$/, '$1 $2');
  const place = [code, cell(columns.town)].filter((part) => part !== '').join(' ');
  if (place !== '') lines.push(place);
  return { name, lines };
}
