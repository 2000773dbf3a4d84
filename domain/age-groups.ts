import { InvalidInputError } from './invalid-input-error';

/** One closed age interval [from, to] with its label, e.g. { label: "18-29", from: 18, to: 29 }. */
export interface AgeGroup {
  readonly label: string;
  readonly from: number;
  /** Inclusive; Infinity for an open group such as "65+". */
  readonly to: number;
}

/**
 * Bad age grouping. `message` is English for logs (it names the function);
 * `swedish` is the user-facing detail, e.g. `åldersgruppen "ung" ska skrivas
 * som "18-29", "65+" eller "65-"`.
 */
export class AgeGroupError extends InvalidInputError {
  constructor(
    message: string,
    readonly swedish: string,
  ) {
    super(message);
  }
}

/**
 * The accepted spellings of one group, after trimming:
 * - `18-29` or `18–29` (hyphen or en dash, spaces allowed around it): 18 to 29 inclusive;
 * - `65+`, `65-` or `65–`: 65 and older (SCB's `alder` 100 means 100 or older).
 */
const GROUP = /^(\d+)\s*(?:[-–]\s*(\d+)?|\+)$/;

/**
 * Parses an age grouping: a comma-separated spec such as
 * `"18-29,30-44,45-64,65-85"` (a template's `meta.weighting.ageGroups` joined,
 * or the CLI's `--age-groups`) or a list of labels. Labels keep their own
 * spelling, so respondents, population tables and frames binned with the same
 * grouping share identical labels. The one age-group parser of the code base:
 * analysis, sampling, exports and the county comparison all use it.
 *
 * Complexity: O(groups log groups).
 *
 * @throws {AgeGroupError} for an empty or malformed spec, from > to, or overlapping groups.
 * @example
 * parseAgeGroups('18-29,30+') // → [{ label: '18-29', from: 18, to: 29 }, { label: '30+', from: 30, to: Infinity }]
 * parseAgeGroups(['18–29', '30-']) // → [{ label: '18–29', from: 18, to: 29 }, { label: '30-', from: 30, to: Infinity }]
 */
export function parseAgeGroups(spec: string | readonly string[]): AgeGroup[] {
  const parts = (typeof spec === 'string' ? spec.split(',') : spec).map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0) {
    throw new AgeGroupError(`parseAgeGroups: spec must list at least one group, got "${String(spec)}"`, 'inga åldersgrupper angivna');
  }
  const groups = parts.map((label) => {
    const match = GROUP.exec(label);
    if (!match) {
      throw new AgeGroupError(
        `parseAgeGroups: group must look like "18-29" or "65+", got "${label}"`,
        `åldersgruppen "${label}" ska skrivas som "18-29", "65+" eller "65-"`,
      );
    }
    const from = Number(match[1]);
    const to = match[2] === undefined ? Infinity : Number(match[2]);
    if (from > to) throw new AgeGroupError(`parseAgeGroups: group "${label}" has from > to`, `åldersgruppen "${label}" slutar före sin början`);
    return { label, from, to };
  });
  const sorted = [...groups].sort((a, b) => a.from - b.from);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].from <= sorted[i - 1].to) {
      throw new AgeGroupError(
        `parseAgeGroups: groups "${sorted[i - 1].label}" and "${sorted[i].label}" overlap`,
        `åldersgrupperna "${sorted[i - 1].label}" och "${sorted[i].label}" överlappar`,
      );
    }
  }
  return groups;
}

/** Like {@link parseAgeGroups}, but undefined instead of an error. */
export function tryParseAgeGroups(spec: string | readonly string[]): AgeGroup[] | undefined {
  try {
    return parseAgeGroups(spec);
  } catch (error) {
    if (error instanceof AgeGroupError) return undefined;
    throw error;
  }
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
 * The group of an age as a questionnaire answer gives it: a number or a
 * numeric string. Undefined when there is no numeric age or it lies outside
 * every group. Complexity: O(groups).
 *
 * @example
 * ageGroupOfAnswer('44', parseAgeGroups('18-29,30-44')) // → '30-44'
 * ageGroupOfAnswer('', parseAgeGroups('18-29,30-44')) // → undefined
 */
export function ageGroupOfAnswer(answer: unknown, groups: readonly AgeGroup[]): string | undefined {
  const years = typeof answer === 'number' ? answer : typeof answer === 'string' && answer.trim() !== '' ? Number(answer) : NaN;
  return Number.isFinite(years) ? ageGroupOf(years, groups) : undefined;
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
