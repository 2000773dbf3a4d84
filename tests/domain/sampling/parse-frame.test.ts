import { describe, expect, it } from 'vitest';
import { CsvInputError } from '../../../domain/csv';
import { AgeGroupError, ageGroupOf, parseAgeGroups } from '../../../domain/age-groups';
import { parseFrame } from '../../../domain/sampling/parse-frame';

const ageGroups = parseAgeGroups(['18-29', '30-44', '45-64', '65-85']);
const options = { referenceYear: 2025, minAge: 18, maxAge: 85, ageGroups };

describe('frame age groups (domain/age-groups)', () => {
  it('ranges and open groups', () => {
    const groups = parseAgeGroups(['18–29', '30+']);
    expect(ageGroupOf(18, groups)).toBe('18–29');
    expect(ageGroupOf(29, groups)).toBe('18–29');
    expect(ageGroupOf(101, groups)).toBe('30+');
    expect(ageGroupOf(17, groups)).toBeUndefined();
  });
  it('rejects bad and overlapping labels, with a Swedish detail', () => {
    expect(() => parseAgeGroups(['unga'])).toThrow(AgeGroupError);
    const swedish = (labels: string[]) => {
      try {
        parseAgeGroups(labels);
      } catch (error) {
        return (error as AgeGroupError).swedish;
      }
    };
    expect(swedish(['unga'])).toBe('åldersgruppen "unga" ska skrivas som "18-29", "65+" eller "65-"');
    expect(swedish(['18-30', '30-44'])).toBe('åldersgrupperna "18-30" och "30-44" överlappar');
  });
});

describe('parseFrame', () => {
  it('accepts Swedish column names with diacritics, K/M, födelseår; age = reference year − birth year', () => {
    const text = 'Personnummer;Kön;Födelseår;Område\n19800101-1234;K;1980;norr\n19990101-0000;m;1996;syd\n20000101-1111;kvinna;2007;norr\n';
    const frame = parseFrame(text, 'ram.csv', options);
    expect(frame.errors).toEqual([]);
    // 2025 − 1980 = 45 → 45-64; 2025 − 1996 = 29 → 18-29; 2025 − 2007 = 18 → 18-29
    expect(frame.persons.map(({ id, kon, aldersgrupp, omrade, line }) => ({ id, kon, aldersgrupp, omrade, line }))).toEqual([
      { id: '19800101-1234', kon: 'kvinna', aldersgrupp: '45-64', omrade: 'norr', line: 2 },
      { id: '19990101-0000', kon: 'man', aldersgrupp: '18-29', omrade: 'syd', line: 3 },
      { id: '20000101-1111', kon: 'kvinna', aldersgrupp: '18-29', omrade: 'norr', line: 4 },
    ]);
    // The whole row stays with the person, for the letter file.
    expect(frame.persons[0].fields).toEqual({ Personnummer: '19800101-1234', Kön: 'K', Födelseår: '1980', Område: 'norr' });
    expect(frame.columns).toEqual({ id: 'Personnummer', kon: 'Kön', age: 'Födelseår', ageKind: 'fodelsear', omrade: 'Område' });
    expect(frame.allColumns).toEqual(['Personnummer', 'Kön', 'Födelseår', 'Område']);
  });

  it('accepts id/lopnr, kon, alder, omrade without diacritics and excludes ages outside the population', () => {
    const text = 'lopnr,kon,alder,omrade\n1,kvinna,17,a\n2,man,18,a\n3,man,85,b\n4,kvinna,86,b\n';
    const frame = parseFrame(text, 'ram.csv', options);
    expect(frame.persons.map((p) => [p.id, p.aldersgrupp])).toEqual([['2', '18-29'], ['3', '65-85']]);
    expect(frame.excludedOutsideAge).toBe(2);
    expect(frame.rowCount).toBe(4);
  });

  it('counts rows in the population but in no age group', () => {
    const frame = parseFrame('id,kon,alder,omrade\n1,man,90,a\n', 'ram.csv', { referenceYear: 2025, minAge: 18, maxAge: 100, ageGroups });
    expect(frame.excludedNoAgeGroup).toBe(1);
  });

  it('row errors name file, line and column in Swedish', () => {
    const text = 'id;kon;fodelsear;omrade\n1;X;1980;a\n2;K;nittonåttio;a\n1;M;1980;a\n4;K;1980;\n5;K;1980;okänt\n';
    const frame = parseFrame(text, 'ram.csv', { ...options, areas: ['a', 'b'] });
    expect(frame.errors.map((e) => e.message)).toEqual([
      'ram.csv, rad 2, kolumn "kon": värdet "X" är inget giltigt kön (giltiga: kvinna, man, K, M)',
      'ram.csv, rad 3, kolumn "fodelsear": värdet "nittonåttio" är inget heltal',
      'ram.csv, rad 4, kolumn "id": samma person-id finns redan på rad 2',
      'ram.csv, rad 5, kolumn "omrade": området saknas',
      'ram.csv, rad 6, kolumn "omrade": området "okänt" finns inte bland undersökningens områden (giltiga: a, b)',
    ]);
  });

  it('missing columns throw CsvInputError', () => {
    expect(() => parseFrame('id;kon;omrade\n1;K;a\n', 'ram.csv', options)).toThrow(CsvInputError);
    expect(() => parseFrame('id;kon;omrade\n1;K;a\n', 'ram.csv', options)).toThrow('ram.csv, rad 1: kolumnen "födelseår" eller "ålder" saknas');
    expect(() => parseFrame('namn;kon;alder;omrade\n1;K;40;a\n', 'ram.csv', options)).toThrow('person-id');
  });

  it('a column named like one the letter file adds is refused (kod, lank, ref, aldersgrupp)', () => {
    expect(() => parseFrame('id;kon;alder;omrade;Kod\n1;K;40;a;x\n', 'ram.csv', options)).toThrow('ram.csv, rad 1, kolumn "Kod": kolumnnamnet är reserverat för brevfilen');
  });

  it('reports progress every 5,000 rows', () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => `${i},K,40,a`).join('\n');
    const calls: [number, number][] = [];
    parseFrame(`id,kon,alder,omrade\n${rows}\n`, 'ram.csv', { ...options, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([[0, 12_000], [5000, 12_000], [10_000, 12_000]]);
  });

  it('an implausible birth year is an error', () => {
    expect(parseFrame('id,kon,fodelsear,omrade\n1,K,2030,a\n', 'r.csv', options).errors[0].message).toContain('födelseåret 2030 är inte rimligt');
  });
});
