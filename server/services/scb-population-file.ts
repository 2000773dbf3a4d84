import { parse } from 'csv-parse/sync';
import { badRequest } from '../http/http-error';

/** One count of SCB's BE0101 table: residents of a kommun by kön and single year of age (100 = 100 or older) at the end of a year. */
export interface ScbPopulationCount {
  readonly year: number;
  readonly kommunkod: string;
  readonly kommun: string;
  readonly kon: 'kvinna' | 'man';
  readonly alder: number;
  readonly antal: number;
}

const MAX_AGE = 100;

/**
 * Reads SCB's "Folkmängd efter region, ålder och kön" (Statistikdatabasen,
 * BE0101, table BE0101N1) as Statistikdatabasen gives it for download:
 *
 * - **PX** (`.px`, PC-Axis): `STUB`/`HEADING`, `VALUES`/`CODES` and `DATA`,
 *   in ANSI (Windows-1252) or UTF-8 as its `CHARSET` says;
 * - **CSV** ("kommaavgränsad" or semicolon, with or without the title line):
 *   columns region, ålder, kön and either one column per year (`2024`,
 *   `Folkmängd 2024`) or an `år` column and a count column.
 *
 * Regions are "0114 Upplands Väsby" (or a bare code); riket and län rows are
 * skipped. Ages are "0 år" … "100+ år" (or codes 0 … 100+), kön "män" /
 * "kvinnor" (or 1 / 2); totals over ålder or kön are skipped.
 *
 * Complexity: O(file size).
 *
 * @throws HttpError 400 (Swedish, naming the file and what is wrong) for a file that is neither, or a value that cannot be read.
 */
export function parseScbPopulationFile(bytes: Buffer, fileName: string): ScbPopulationCount[] {
  const head = bytes.subarray(0, 2000).toString('latin1');
  if (/^\s*(CHARSET|AXIS-VERSION|LANGUAGE|MATRIX|CONTENTS|STUB|DECIMALS)\s*[=(]/m.test(head) && /STUB\s*=/.test(bytes.toString('latin1'))) {
    const charset = /CHARSET\s*=\s*"([^"]*)"/.exec(head)?.[1];
    return parsePx(decode(bytes, charset === 'ANSI' ? 'windows-1252' : 'utf-8'), fileName);
  }
  return parseCsvTable(decode(bytes, isUtf8(bytes) ? 'utf-8' : 'windows-1252'), fileName);
}

function decode(bytes: Buffer, encoding: string): string {
  const text = new TextDecoder(encoding).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

type Dimension = 'region' | 'alder' | 'kon' | 'ar';

function dimensionOf(name: string): Dimension | undefined {
  const n = name.trim().toLowerCase();
  if (n === 'region') return 'region';
  if (n === 'ålder' || n === 'alder' || n === 'age') return 'alder';
  if (n === 'kön' || n === 'kon' || n === 'sex') return 'kon';
  if (n === 'år' || n === 'ar' || n === 'year' || n === 'tid') return 'ar';
  return undefined;
}

/** "0114 Upplands Väsby" → { kod, namn }; undefined for riket and län. */
function regionOf(value: string): { kod: string; namn: string } | undefined | null {
  const match = /^(\d{4})(?:\s+(.*))?$/.exec(value.trim());
  if (match) return { kod: match[1], namn: (match[2] ?? '').trim() };
  if (/^(\d{2}\s|00\b|riket|sweden|\d{2}$)/i.test(value.trim())) return undefined;
  return null;
}

/** "0 år", "100+ år", "100+" → 0, 100; undefined for a total; null when it cannot be read. */
function ageOf(value: string): number | undefined | null {
  const v = value.trim().toLowerCase();
  if (v.startsWith('totalt') || v === 'tot' || v === 'total') return undefined;
  const match = /^(\d+)\s*\+?\s*(år)?$/.exec(v);
  if (!match) return null;
  return Math.min(Number(match[1]), MAX_AGE);
}

function sexOf(value: string): 'kvinna' | 'man' | undefined | null {
  const v = value.trim().toLowerCase();
  if (v === 'män' || v === 'man' || v === 'men' || v === '1') return 'man';
  if (v === 'kvinnor' || v === 'kvinna' || v === 'women' || v === '2') return 'kvinna';
  if (v.startsWith('totalt') || v === 'män och kvinnor' || v === 'tot' || v === '1+2') return undefined;
  return null;
}

function yearOf(value: string): number | null {
  const match = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(value);
  return match ? Number(match[1]) : null;
}

function countOf(value: string): number | null {
  const cleaned = value.replace(/[\s\u00a0"]/g, '');
  if (!/^\d+$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** Adds one count, skipping totals and non-kommun regions; 400 for an unreadable value. */
function add(out: ScbPopulationCount[], fileName: string, where: string, cells: Record<Dimension, string>, rawCount: string): void {
  const region = regionOf(cells.region);
  if (region === null) throw badRequest(`${fileName}, ${where}: regionen "${cells.region}" är inte en kommun (väntade t.ex. "0114 Upplands Väsby")`, { file: fileName });
  const alder = ageOf(cells.alder);
  if (alder === null) throw badRequest(`${fileName}, ${where}: åldern "${cells.alder}" kan inte läsas (väntade t.ex. "0 år" eller "100+ år")`, { file: fileName });
  const kon = sexOf(cells.kon);
  if (kon === null) throw badRequest(`${fileName}, ${where}: könet "${cells.kon}" kan inte läsas (väntade män eller kvinnor)`, { file: fileName });
  const year = yearOf(cells.ar);
  if (year === null) throw badRequest(`${fileName}, ${where}: året "${cells.ar}" kan inte läsas`, { file: fileName });
  if (region === undefined || alder === undefined || kon === undefined) return;
  const antal = countOf(rawCount);
  if (antal === null) throw badRequest(`${fileName}, ${where}: antalet "${rawCount.trim()}" är inte ett heltal som är 0 eller större`, { file: fileName });
  out.push({ year, kommunkod: region.kod, kommun: region.namn, kon, alder, antal });
}

function parseCsvTable(text: string, fileName: string): ScbPopulationCount[] {
  const lines = text.split(/\r?\n/);
  const headerIndex = lines.findIndex((line) => {
    const cells = line.split(/[,;\t]/).map((c) => c.replace(/"/g, '').trim().toLowerCase());
    return cells.includes('region') && cells.some((c) => dimensionOf(c) === 'alder') && cells.some((c) => dimensionOf(c) === 'kon');
  });
  if (headerIndex < 0) {
    throw badRequest(`${fileName}: filen är varken en PX-fil eller en CSV-fil från SCB:s Statistikdatabas med kolumnerna region, ålder och kön (tabellen BE0101N1, Folkmängd efter region, ålder och kön)`, { file: fileName });
  }
  const header = lines[headerIndex];
  const delimiter = [';', '\t', ','].sort((a, b) => header.split(b).length - header.split(a).length)[0];
  let records: string[][];
  try {
    records = parse(lines.slice(headerIndex).join('\n'), { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    throw badRequest(`${fileName}: filen kunde inte läsas som CSV (${(error as Error).message})`, { file: fileName });
  }
  const columns = records[0];
  const dims = columns.map(dimensionOf);
  const at = (d: Dimension) => dims.indexOf(d);
  // The header must still hold region, ålder and kön once split on the delimiter chosen (a header mixing delimiters does not).
  if (at('region') < 0 || at('alder') < 0 || at('kon') < 0) {
    throw badRequest(`${fileName}, rad ${headerIndex + 1}: rubrikraden har inte kolumnerna region, ålder och kön åtskilda med samma tecken (${JSON.stringify(delimiter)})`, { file: fileName });
  }
  const yearColumns = columns.map((c, i) => (dims[i] === undefined && yearOf(c) !== null ? i : -1)).filter((i) => i >= 0);
  const countColumn = at('ar') >= 0 ? columns.findIndex((_, i) => dims[i] === undefined) : -1;
  if (at('ar') < 0 && yearColumns.length === 0) throw badRequest(`${fileName}, rad ${headerIndex + 1}: ingen kolumn med ett år (t.ex. "2024")`, { file: fileName });
  if (at('ar') >= 0 && countColumn < 0) throw badRequest(`${fileName}, rad ${headerIndex + 1}: kolumnen med antal saknas`, { file: fileName });
  const out: ScbPopulationCount[] = [];
  for (let r = 1; r < records.length; r++) {
    const record = records[r];
    if (record.length < columns.length) continue;
    const where = `rad ${headerIndex + r + 1}`;
    const base = { region: record[at('region')], alder: record[at('alder')], kon: record[at('kon')] };
    if (at('ar') >= 0) add(out, fileName, where, { ...base, ar: record[at('ar')] }, record[countColumn]);
    else for (const i of yearColumns) add(out, fileName, where, { ...base, ar: columns[i] }, record[i]);
  }
  return out;
}

/** PC-Axis: `KEY("var")="a","b";` statements up to `DATA=`, then the numbers, last variable fastest. */
function parsePx(text: string, fileName: string): ScbPopulationCount[] {
  const dataAt = text.search(/^\s*DATA\s*=/m);
  if (dataAt < 0) throw badRequest(`${fileName}: PX-filen saknar DATA=`, { file: fileName });
  const meta = text.slice(0, dataAt);
  const keywords = new Map<string, string[]>();
  const statement = /([A-Z-]+)(?:\("([^"]*)"\))?\s*=\s*((?:"[^"]*"|[^;"])*)\s*;/g;
  for (let m = statement.exec(meta); m; m = statement.exec(meta)) {
    const values = [...m[3].matchAll(/"([^"]*)"/g)].map((v) => v[1]);
    keywords.set(m[2] === undefined ? m[1] : `${m[1]}(${m[2]})`, values.length > 0 ? values : [m[3].trim()]);
  }
  const variables = [...(keywords.get('STUB') ?? []), ...(keywords.get('HEADING') ?? [])];
  const dims = variables.map(dimensionOf);
  for (const needed of ['region', 'alder', 'kon', 'ar'] as const) {
    if (!dims.includes(needed)) throw badRequest(`${fileName}: PX-filen saknar variabeln ${needed === 'alder' ? 'ålder' : needed === 'kon' ? 'kön' : needed === 'ar' ? 'år' : 'region'} (STUB/HEADING)`, { file: fileName });
  }
  // Codes are unambiguous ("0114", "100+", "1"); region codes get their names from VALUES.
  const levels = variables.map((v, j) => {
    const values = keywords.get(`VALUES(${v})`) ?? [];
    const codes = keywords.get(`CODES(${v})`);
    if (dims[j] === 'region' && codes) return codes.map((code, i) => `${code} ${(values[i] ?? '').replace(/^\d{4}\s*/, '')}`.trim());
    return codes ?? values;
  });
  const tokens = text.slice(text.indexOf('=', dataAt) + 1).replace(/;\s*$/, '').trim().split(/[\s,;]+/).filter((t) => t !== '');
  const expected = levels.reduce((n, l) => n * l.length, 1);
  if (tokens.length !== expected) throw badRequest(`${fileName}: PX-filen har ${tokens.length} värden men variablerna ger ${expected}`, { file: fileName });
  const out: ScbPopulationCount[] = [];
  const index = new Array<number>(variables.length).fill(0);
  for (let t = 0; t < tokens.length; t++) {
    const cells = {} as Record<Dimension, string>;
    variables.forEach((_, j) => {
      const d = dims[j];
      if (d) cells[d] = levels[j][index[j]];
    });
    add(out, fileName, `värde ${t + 1}`, cells, tokens[t].replace(/"/g, ''));
    for (let j = variables.length - 1; j >= 0; j--) {
      if (++index[j] < levels[j].length) break;
      index[j] = 0;
    }
  }
  return out;
}
