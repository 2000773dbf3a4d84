import { SamplingInputError } from './sampling-input-error';

export interface AgeGroup {
  readonly label: string;
  readonly min: number;
  /** Inclusive; Infinity for an open group such as "85+". */
  readonly max: number;
}

/**
 * Parses age group labels as in a template's `meta.weighting.ageGroups`:
 * "18-29" (inclusive range, also with an en dash) or "85+" (open).
 *
 * @throws {SamplingInputError} for a label that is neither, or overlapping groups.
 * @example
 * parseAgeGroups(['18-29', '30+']); // [{ label: '18-29', min: 18, max: 29 }, { label: '30+', min: 30, max: Infinity }]
 */
export function parseAgeGroups(labels: readonly string[]): AgeGroup[] {
  const groups = labels.map((label) => {
    const range = /^\s*(\d+)\s*[-–]\s*(\d+)\s*$/.exec(label);
    if (range) return { label, min: Number(range[1]), max: Number(range[2]) };
    const open = /^\s*(\d+)\s*\+\s*$/.exec(label);
    if (open) return { label, min: Number(open[1]), max: Infinity };
    throw new SamplingInputError(`parseAgeGroups: åldersgruppen "${label}" ska skrivas som "18-29" eller "85+"`);
  });
  const sorted = [...groups].sort((x, y) => x.min - y.min);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].min <= sorted[i - 1].max) throw new SamplingInputError(`parseAgeGroups: åldersgrupperna "${sorted[i - 1].label}" och "${sorted[i].label}" överlappar`);
  }
  return groups;
}

/** The group containing `age`, or undefined. O(groups). */
export function ageGroupOf(age: number, groups: readonly AgeGroup[]): string | undefined {
  for (const group of groups) if (age >= group.min && age <= group.max) return group.label;
  return undefined;
}
