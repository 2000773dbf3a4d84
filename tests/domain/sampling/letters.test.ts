import { describe, expect, it } from 'vitest';
import { CsvInputError } from '../../../domain/csv';
import { allocateSample } from '../../../domain/sampling/allocate-sample';
import { parseAgeGroups } from '../../../domain/age-groups';
import { codesRequests, drawFrameSample, type DrawnStratum } from '../../../domain/sampling/draw-frame-sample';
import { frameStrata, stratumSizes } from '../../../domain/sampling/frame-strata';
import { findAddressColumns, hasPostalAddress, letterAddress } from '../../../domain/sampling/letter-address';
import { letterFileCsv, mergeLetters, parseLetterFile, remindersFor, type IssuedCode } from '../../../domain/sampling/letter-file';
import { parseFrame } from '../../../domain/sampling/parse-frame';
import { stratumKeyOf } from '../../../domain/sampling/stratum-key';

const options = { referenceYear: 2025, minAge: 18, maxAge: 85, ageGroups: parseAgeGroups(['18-44', '45-85']) };

/** 40 persons over 2 kön × 2 age groups × 2 områden, with names and addresses. */
function frameText(): string {
  let text = 'Personnummer;Förnamn;Efternamn;c/o;Utdelningsadress;Postnummer;Postort;Kön;Födelseår;Område\n';
  for (let i = 0; i < 40; i++) {
    const year = i % 4 < 2 ? 1990 : 1960;
    text += `19${i};Eva${i};Ek;${i === 3 ? 'Berg' : ''};Storgatan ${i};70210;ÖREBRO;${i % 2 === 0 ? 'K' : 'M'};${year};${i % 8 < 4 ? 'norr' : 'syd'}\n`;
  }
  return text;
}

/** Codes as the server would issue them: per stratum in request order. */
function fakeIssue(drawn: readonly DrawnStratum[]): IssuedCode[] {
  let n = 0;
  return drawn.flatMap((s) => s.persons.map(() => ({ code: `KOD-${String(++n).padStart(4, '0')}-XXX`, ref: `REF${n}`, stratum: { ...s.stratum } })));
}

describe('frame → strata → allocation → draw → codes request → letter file', () => {
  const frame = parseFrame(frameText(), 'ram.csv', options);
  const strata = frameStrata(frame.persons);
  const allocation = allocateSample(stratumSizes(strata), { method: 'proportional', total: 12 });

  it('groups persons by stratum key in key order', () => {
    expect(strata.map((s) => s.key)).toEqual([...strata.map((s) => s.key)].sort());
    expect(strata).toHaveLength(8);
    expect(strata.every((s) => s.persons.length === 5)).toBe(true);
    expect(strata[0].key).toBe(stratumKeyOf(strata[0].stratum));
  });

  it('draws the allocation, reproducibly, and the codes request carries only strata, counts and N_h', () => {
    const drawn = drawFrameSample(strata, allocation, 'frö-1');
    expect(drawFrameSample(strata, allocation, 'frö-1')).toEqual(drawn);
    expect(drawFrameSample(strata, allocation, 'frö-2')).not.toEqual(drawn);
    expect(drawn.reduce((sum, s) => sum + s.persons.length, 0)).toBe(12);
    const [body] = codesRequests(drawn);
    expect(body.reduce((sum, s) => sum + s.count, 0)).toBe(12);
    expect(body.every((s) => s.N === 5 && Object.keys(s.stratum).sort().join() === 'aldersgrupp,kon,omrade')).toBe(true);
    // Nothing about a person: no id, name or address anywhere in the body.
    const json = JSON.stringify(body);
    for (const person of frame.persons) {
      for (const column of ['Personnummer', 'Förnamn', 'Utdelningsadress', 'Födelseår']) expect(json).not.toContain(person.fields[column]);
    }
  });

  it('strata with n_h = 0 are sent with count 0 so that N_h is recorded', () => {
    const few = allocateSample(stratumSizes(strata), { method: 'proportional', total: 3 });
    const [body] = codesRequests(drawFrameSample(strata, few, 's'));
    expect(body).toHaveLength(8);
    expect(body.filter((s) => s.count === 0)).toHaveLength(5);
  });

  it('splits large requests at the endpoint limits', () => {
    const drawn = drawFrameSample(strata, allocation, 's');
    const calls = codesRequests(drawn, 5, 3);
    for (const call of calls) {
      expect(call.length).toBeLessThanOrEqual(3);
      expect(call.reduce((sum, s) => sum + s.count, 0)).toBeLessThanOrEqual(5);
    }
    expect(calls.flat().reduce((sum, s) => sum + s.count, 0)).toBe(12);
    // A stratum bigger than one call spans several.
    const big: DrawnStratum[] = [{ ...drawn[0], persons: Array.from({ length: 12 }, () => drawn[0].persons[0]) }];
    expect(codesRequests(big, 5).map((call) => call.map((s) => s.count))).toEqual([[5], [5], [2]]);
  });

  it('merges codes into the letter file, which round-trips, and keeps the unused for reminders', () => {
    const drawn = drawFrameSample(strata, allocation, 'frö-1');
    const codes = fakeIssue(drawn);
    const file = mergeLetters(frame.allColumns, drawn, [...codes].reverse().sort((a, b) => stratumKeyOf(a.stratum).localeCompare(stratumKeyOf(b.stratum))), 'https://enkat.example.se/');
    expect(file.letters).toHaveLength(12);
    expect(file.letters[0].lank).toBe(`https://enkat.example.se/s/${file.letters[0].kod}`);
    const csv = letterFileCsv(file);
    expect(csv.split('\n')[0]).toBe('Personnummer,Förnamn,Efternamn,c/o,Utdelningsadress,Postnummer,Postort,Kön,Födelseår,Område,aldersgrupp,kod,lank,ref');
    const back = parseLetterFile(csv, 'brevfil.csv');
    expect(back).toEqual(file);
    const unused = [file.letters[1].ref, file.letters[5].ref, 'OKAND1'];
    const reminders = remindersFor(back, unused);
    expect(reminders.letters.map((l) => l.ref)).toEqual([file.letters[1].ref, file.letters[5].ref]);
    expect(reminders.unknownRefs).toEqual(['OKAND1']);
  });

  it('refuses codes that do not match the draw', () => {
    const drawn = drawFrameSample(strata, allocation, 'frö-1');
    const codes = fakeIssue(drawn);
    expect(() => mergeLetters(frame.allColumns, drawn, codes.slice(1), 'x')).toThrow('koder för');
    expect(() => mergeLetters(frame.allColumns, drawn.slice(1), codes, 'x')).toThrow('inte drogs');
  });

  it('a file without the letter columns, or with a repeated ref, names file, line and column', () => {
    expect(() => parseLetterFile('id,kod\n1,A\n', 'fel.csv')).toThrow(CsvInputError);
    expect(() => parseLetterFile('id,kod\n1,A\n', 'fel.csv')).toThrow('fel.csv, rad 1: kolumnen "lank" saknas');
    expect(() => parseLetterFile('kod,lank,ref\nA,l,R1\nB,l,R1\n', 'b.csv')).toThrow('b.csv, rad 3, kolumn "ref": brevreferensen "R1" finns redan på rad 2');
    expect(() => parseLetterFile('kod,lank,ref\n,l,R1\n', 'b.csv')).toThrow('b.csv, rad 2, kolumn "kod": värdet saknas');
  });

  it('defused cells come back as written', () => {
    const text = "namn,kod,lank,ref\n'=Eva,A,l,R1\n";
    expect(parseLetterFile(text, 'b.csv').letters[0].fields.namn).toBe('=Eva');
  });
});

describe('letter address', () => {
  it('finds Navet-style columns and prints the address field', () => {
    const columns = findAddressColumns(['Personnummer', 'Förnamn', 'Efternamn', 'c/o', 'Utdelningsadress', 'Postnummer', 'Postort']);
    expect(columns).toEqual({ name: ['Förnamn', 'Efternamn'], careOf: 'c/o', street: ['Utdelningsadress'], postalCode: 'Postnummer', town: 'Postort' });
    expect(hasPostalAddress(columns)).toBe(true);
    const fields = { Förnamn: 'Eva', Efternamn: 'Ek', 'c/o': 'Berg', Utdelningsadress: 'Storgatan 1', Postnummer: '70210', Postort: 'ÖREBRO' };
    expect(letterAddress(fields, columns)).toEqual({ name: 'Eva Ek', lines: ['c/o Berg', 'Storgatan 1', '702 10 ÖREBRO'] });
  });

  it('a single name column, several street lines, and no address at all', () => {
    const columns = findAddressColumns(['namn', 'adress_1', 'adress_2', 'post_nr', 'ort']);
    expect(letterAddress({ namn: 'Ali Berg', adress_1: 'Lgh 1102', adress_2: 'Vägen 2', post_nr: '123 45', ort: 'Kumla' }, columns)).toEqual({
      name: 'Ali Berg',
      lines: ['Lgh 1102', 'Vägen 2', '123 45 Kumla'],
    });
    expect(hasPostalAddress(findAddressColumns(['id', 'kon', 'alder', 'omrade']))).toBe(false);
  });
});
