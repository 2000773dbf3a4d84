import { describe, expect, it } from 'vitest';
import { ageFromBirthYear, ageGroupOf, parseAgeGroups } from '../../analysis/age-groups';
import { InvalidInputError } from '../../analysis/invalid-input-error';

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
});
