import { InvalidInputError } from './invalid-input-error';

/** One closed age interval [from, to] with its label, e.g. { label: "18-29", from: 18, to: 29 }. */
export interface AgeGroup {
  readonly label: string;
  readonly from: number;
  readonly to: number;
}

/**
 * Parses an age grouping such as `"18-29,30-44,45-64,65-85"` (or `"65+"` /
 * `"65-"` for an open upper group) into ordered, non-overlapping intervals.
 * The same grouping bins respondents' ages and single-year population tables
 * (SCB's `alder` 0–100, where 100 means 100 or older), so both sides share
 * identical labels.
 *
 * Complexity: O(groups).
 *
 * @throws {InvalidInputError} for an empty or malformed spec, from > to, or overlapping groups.
 * @example
 * parseAgeGroups('18-29,30+') // → [{ label: '18-29', from: 18, to: 29 }, { label: '30+', from: 30, to: Infinity }]
 */
export function parseAgeGroups(spec: string): AgeGroup[] {
  const parts = spec.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0) throw new InvalidInputError(`parseAgeGroups: spec must list at least one group, got "${spec}"`);
  const groups = parts.map((label) => {
    const match = /^(\d+)\s*(?:-\s*(\d+)?|\+)$/.exec(label);
    if (!match) throw new InvalidInputError(`parseAgeGroups: group must look like "18-29" or "65+", got "${label}"`);
    const from = Number(match[1]);
    const to = match[2] === undefined ? Infinity : Number(match[2]);
    if (from > to) throw new InvalidInputError(`parseAgeGroups: group "${label}" has from > to`);
    return { label, from, to };
  });
  const sorted = [...groups].sort((a, b) => a.from - b.from);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].from <= sorted[i - 1].to) {
      throw new InvalidInputError(`parseAgeGroups: groups "${sorted[i - 1].label}" and "${sorted[i].label}" overlap`);
    }
  }
  return groups;
}

/**
 * The label of the group containing `age` (whole years), or undefined if no
 * group contains it. Complexity: O(groups).
 *
 * @example
 * ageGroupOf(31, parseAgeGroups('18-29,30-44')) // → '30-44'
 */
export function ageGroupOf(age: number, groups: readonly AgeGroup[]): string | undefined {
  for (const group of groups) if (age >= group.from && age <= group.to) return group.label;
  return undefined;
}

/**
 * Age at the end of `referenceYear` from a birth year: referenceYear −
 * birthYear. This is SCB's definition in its 31 December population tables,
 * so a respondent's age and the population table agree.
 *
 * @throws {InvalidInputError} if either year is not an integer or the age is negative.
 * @example
 * ageFromBirthYear(1980, 2019) // → 39
 */
export function ageFromBirthYear(birthYear: number, referenceYear: number): number {
  if (!Number.isInteger(birthYear) || !Number.isInteger(referenceYear) || birthYear > referenceYear) {
    throw new InvalidInputError(`ageFromBirthYear: need integer years with birthYear ≤ referenceYear, got ${birthYear}, ${referenceYear}`);
  }
  return referenceYear - birthYear;
}
