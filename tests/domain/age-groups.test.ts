import { describe, expect, it } from 'vitest';
import { AgeGroupError, ageFromBirthYear, ageGroupOf, ageGroupOfAnswer, parseAgeGroups, tryParseAgeGroups } from '../../domain/age-groups';
import { InvalidInputError } from '../../domain/invalid-input-error';

describe('age groups', () => {
  it('parses closed and open groups and bins ages', () => {
    const groups = parseAgeGroups('18-29,30-44,45-64,65+');
    expect(groups[3]).toEqual({ label: '65+', from: 65, to: Infinity });
    expect(ageGroupOf(29, groups)).toBe('18-29');
    expect(ageGroupOf(30, groups)).toBe('30-44');
    expect(ageGroupOf(100, groups)).toBe('65+');
    expect(ageGroupOf(17, groups)).toBeUndefined();
    expect(ageFromBirthYear(1980, 2019)).toBe(39);
  });
  it('rejects malformed or overlapping groups', () => {
    expect(() => parseAgeGroups('')).toThrow(InvalidInputError);
    expect(() => parseAgeGroups('18-29,29-40')).toThrow(/overlap/);
    expect(() => parseAgeGroups('30-18')).toThrow(/from > to/);
    expect(() => parseAgeGroups('ung')).toThrow(/look like/);
    expect(() => ageFromBirthYear(2030, 2019)).toThrow(InvalidInputError);
  });
  it('accepts the union of the spellings the three old parsers knew: hyphen, en dash, spaces, "65+" and "65-"', () => {
    expect(parseAgeGroups(['18–29', ' 30 - 44 ', '45-', ])).toEqual([
      { label: '18–29', from: 18, to: 29 },
      { label: '30 - 44', from: 30, to: 44 },
      { label: '45-', from: 45, to: Infinity },
    ]);
    expect(parseAgeGroups('18-64,65 +')[1]).toEqual({ label: '65 +', from: 65, to: Infinity });
    expect(parseAgeGroups('18-64,65–')[1].to).toBe(Infinity);
  });
  it('gives a Swedish detail beside the English message', () => {
    const error = (() => {
      try {
        parseAgeGroups(['unga']);
      } catch (caught) {
        return caught;
      }
    })() as AgeGroupError;
    expect(error).toBeInstanceOf(AgeGroupError);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.swedish).toBe('åldersgruppen "unga" ska skrivas som "18-29", "65+" eller "65-"');
    expect(() => parseAgeGroups(['18-30', '30-44'])).toThrow(expect.objectContaining({ swedish: 'åldersgrupperna "18-30" och "30-44" överlappar' }));
    expect(tryParseAgeGroups('ung')).toBeUndefined();
  });
  it('bins an age answer: a number or a numeric string', () => {
    const groups = parseAgeGroups(['18-29', '30-44', '45-64', '65-85']);
    expect([18, 29, 30, '44', 85, 86, 17, '', null, 'x'].map((age) => ageGroupOfAnswer(age, groups) ?? '')).toEqual(['18-29', '18-29', '30-44', '30-44', '65-85', '', '', '', '', '']);
    expect(ageGroupOfAnswer(101, parseAgeGroups(['18-64', '65+']))).toBe('65+');
  });
});
