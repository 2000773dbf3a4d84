import { describe, expect, it } from 'vitest';
import { CsvInputError, parseCsv, parseLocaleNumber } from '../../domain/csv';

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
