import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../analysis/mulberry32';
import { CsvInputError, parseCsv, parseCsvColumns, parseLocaleNumber } from '../../domain/csv';

describe('parseCsv', () => {
  it('reads comma-separated text with a BOM and CRLF', () => {
    const table = parseCsv('\ufeffkon,antal\r\nkvinna,10\r\nman,12\r\n', 'p.csv');
    expect(table.columns).toEqual(['kon', 'antal']);
    expect(table.rows).toEqual([
      { line: 2, values: { kon: 'kvinna', antal: '10' } },
      { line: 3, values: { kon: 'man', antal: '12' } },
    ]);
  });

  it('detects semicolons and keeps decimal commas intact', () => {
    const table = parseCsv('kon;vikt\nkvinna;12,5\n', 'r.csv');
    expect(table.rows[0].values.vikt).toBe('12,5');
  });

  it('reports true line numbers after blank lines and multi-line quotes', () => {
    const table = parseCsv('a,b\n\n"x\ny",1\n2,3\n', 'f.csv');
    expect(table.rows.map((row) => row.line)).toEqual([3, 5]);
  });

  it('names file and line for a short row', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n', 'f.csv')).toThrow('f.csv, rad 3: raden har 1 fält men rubrikraden har 2');
  });

  it('rejects empty files and duplicate columns', () => {
    expect(() => parseCsv('', 'e.csv')).toThrow(CsvInputError);
    expect(() => parseCsv('a,a\n1,2\n', 'd.csv')).toThrow('d.csv, rad 1, kolumn "a": kolumnnamnet förekommer två gånger');
  });
});

describe('parseCsv: quotes', () => {
  it('reads escaped quotes, delimiters and line breaks inside quotes, and trims outside them', () => {
    const table = parseCsv('a;b\n  "x ""y"" ; z"  ; 2 \n"rad\nbrytning";\t3\t\n', 'q.csv');
    expect(table.rows).toEqual([
      { line: 2, values: { a: 'x "y" ; z', b: '2' } },
      { line: 3, values: { a: 'rad\nbrytning', b: '3' } },
    ]);
  });

  it('names file, line and column for a quote inside an unquoted cell', () => {
    expect(() => parseCsv('a,b\n1,2\n5" skärm,3\n', 'f.csv')).toThrow('f.csv, rad 3, kolumn "a": filen kunde inte läsas som CSV (ett citattecken mitt i ett fält;');
  });

  it('names the line for text after a closing quote and for a quote never closed', () => {
    expect(() => parseCsv('a,b\n1,"x" y\n', 'f.csv')).toThrow('f.csv, rad 2, kolumn "b": filen kunde inte läsas som CSV (text efter ett avslutande citattecken)');
    expect(() => parseCsv('a,b\n1,2\n3,"öppen\n4,5\n', 'f.csv')).toThrow('f.csv, rad 3, kolumn "b": filen kunde inte läsas som CSV (ett citattecken stängs aldrig)');
  });

  it('skips blank and whitespace-only lines, also at the end without a line break', () => {
    expect(parseCsv('a\n \n1\n\r\n2', 'f.csv').rows.map((r) => [r.line, r.values.a])).toEqual([
      [3, '1'],
      [5, '2'],
    ]);
  });

  it('names a row with too many cells', () => {
    expect(() => parseCsv('a,b\n1,2,3\n', 'f.csv')).toThrow('f.csv, rad 2: raden har 3 fält men rubrikraden har 2');
  });

  it('reads random files as csv-parse does (trim, relaxed count, empty lines skipped)', () => {
    const random = mulberry32(7);
    const pieces = ['a', 'kvinna', ' ', '12,5', '"q ""x"" y"', '"två\nrader"', '', 'Ö', '\t1\t'];
    for (let round = 0; round < 300; round++) {
      const width = 1 + Math.floor(random() * 4);
      const delimiter = width > 1 && random() < 0.5 ? ';' : ',';
      const header = Array.from({ length: width }, (_, i) => `k${i}`).join(delimiter);
      const rows = Array.from({ length: Math.floor(random() * 6) }, () =>
        random() < 0.1 ? '' : Array.from({ length: width }, () => pieces[Math.floor(random() * pieces.length)].replace(',', delimiter === ',' ? '.' : ',')).join(delimiter),
      );
      const text = [header, ...rows].join(random() < 0.5 ? '\n' : '\r\n') + (random() < 0.5 ? '\n' : '');
      const expected = (parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][]).filter((r) => !(r.length === 1 && r[0] === ''));
      const table = parseCsvColumns(text, 'r.csv');
      expect([table.columns, ...Array.from({ length: table.size }, (_, r) => table.cells.map((column) => column[r]))]).toEqual(expected);
    }
  });

  it('reuses one string for equal cells of a column', () => {
    const table = parseCsvColumns('kon,id\nkvinna,1\nman,2\nkvinna,3\n', 'f.csv');
    expect(table.cells[0]).toEqual(['kvinna', 'man', 'kvinna']);
    expect(Array.from(table.lines)).toEqual([2, 3, 4]);
  });
});

describe('parseLocaleNumber', () => {
  it('accepts decimal comma and thousands spaces', () => {
    expect(parseLocaleNumber('12,5')).toBe(12.5);
    expect(parseLocaleNumber('20 600')).toBe(20600);
    expect(parseLocaleNumber('1e3')).toBe(1000);
  });
  it('rejects text', () => {
    expect(parseLocaleNumber('tolv')).toBeUndefined();
    expect(parseLocaleNumber('')).toBeUndefined();
  });
});
