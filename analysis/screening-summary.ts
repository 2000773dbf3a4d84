import { InvalidInputError } from './invalid-input-error';
import {
  SCREENING_DIMENSIONS,
  SCREENING_DISCLOSURE_MEASURES,
  type ScreeningContact,
  type ScreeningDimension,
  type ScreeningDisclosureMeasure,
} from '../domain/screening-contact';
import { classifyScreeningContact, type ScreeningContactOutcome, type ScreeningIndicator } from './screening-contact-outcome';
import { screeningProportion, type ScreeningProportion } from './screening-proportion';

/** The levels identifying a group, e.g. {} for the total or { enhet: 'A', kon: 'kvinna' }. */
export type ScreeningGroupKey = Readonly<Partial<Record<ScreeningDimension, string>>>;

export interface ScreeningSummaryOptions {
  /** Groupings after the total, each a list of dimensions to cross, e.g. [['enhet'], ['enhet', 'kon']]. */
  readonly by?: readonly (readonly ScreeningDimension[])[];
  /** Groups with fewer contacts than this are suppressed. Default 5. */
  readonly minCell?: number;
}

/** A group with at least `minCell` contacts. Key order is the JSON contract of `npm run screening`. */
export interface ScreeningGroupSummary {
  readonly group: ScreeningGroupKey;
  /** Contacts registered. */
  readonly contacts: number;
  /** Contacts asked the screening questions. */
  readonly asked: number;
  /** asked / contacts. */
  readonly coverage: ScreeningProportion;
  /** Count of contacts not asked, per recorded reason ("ej_angiven" when blank), keys sorted. */
  readonly notAskedReasons: Readonly<Record<string, number>>;
  /** Among asked: 'ja' / ('ja' + 'nej') per question, and utsatt (any of psykiskt, fysiskt, sexuellt). */
  readonly disclosure: Readonly<Record<ScreeningDisclosureMeasure, ScreeningProportion>>;
  /** Among disclosures (utsatt = 1) with kandSedanTidigare recorded: share not known to the unit. */
  readonly unknownToUnit: ScreeningProportion;
  /** Among disclosures with stodErbjudet recorded: share offered support. */
  readonly supportOffered: ScreeningProportion;
  /** Among disclosures offered support with stodAccepterat recorded: share who accepted. */
  readonly supportAccepted: ScreeningProportion;
  readonly suppressed: false;
  /**
   * Among disclosures with barnBerorda recorded: share where children were
   * affected (barn_berorda = ja). Added after `suppressed`, so the keys
   * before it keep their order in the CLI's JSON.
   */
  readonly childrenAffected: ScreeningProportion;
}

/** A group with fewer than `minCell` contacts: its numbers are left out. */
export interface ScreeningSuppressedGroup {
  readonly group: ScreeningGroupKey;
  readonly suppressed: true;
  /** Why, e.g. "n<5". */
  readonly reason: string;
}

export type ScreeningGroupResult = ScreeningGroupSummary | ScreeningSuppressedGroup;

export interface ScreeningSummary {
  readonly groups: readonly ScreeningGroupResult[];
}

/** Default smallest number of contacts for a group to be shown. */
export const SCREENING_DEFAULT_MIN_CELL = 5;

/**
 * Unweighted summary of a screening month (kartläggningsmånad): coverage,
 * reasons for not asking, disclosure per violence type with Wilson 95 %
 * intervals, the share of disclosures unknown to the unit, support offered
 * and accepted, and the share of disclosures where children were affected
 * (`barn_berorda`), for the total and for each requested grouping.
 *
 * Counting rules: see `classifyScreeningContact`. Each share is x / n with
 * n the contacts for which the indicator is defined; n = 0 gives p = ci = null.
 *
 * Order: the total group {} first, then the groups of each entry of `by` in
 * the order given; within a grouping, groups are sorted by their levels
 * (Swedish collation with numeric parts, so "5–17" precedes "18–29" and Å
 * precedes Ä and Ö), first dimension first. Only levels that occur are listed.
 *
 * Suppression: a group (the total included) with fewer than `minCell`
 * contacts is returned as { group, suppressed: true, reason: "n<minCell" }.
 * There is no complementary suppression: a suppressed group may sometimes be
 * derived as total minus the other groups.
 *
 * The figures describe the clientele that was asked, not the population
 * (DOMAIN.md §4): do not compare them with survey prevalence.
 *
 * Complexity: O(N · G + K log K) for N contacts, G groupings and K groups.
 *
 * @throws {InvalidInputError} for an invalid contact (see
 * `classifyScreeningContact`), an unknown or repeated dimension in `by`, a
 * grouping by `verksamhet` where a contact has none, or a `minCell` that is not
 * a non-negative integer.
 * @example
 * summariseScreening(contacts, { by: [['enhet']], minCell: 5 }).groups[0]
 * // with contacts = docs/examples/screening-example.csv read by cli/screening-registrations.ts:
 * // → { group: {}, contacts: 150, asked: 133, coverage: { x: 133, n: 150, p: 0.88666…, ci: [0.82599…, 0.92802…] }, … }
 */
export function summariseScreening(contacts: readonly ScreeningContact[], options: ScreeningSummaryOptions = {}): ScreeningSummary {
  const caller = 'summariseScreening';
  if (!Array.isArray(contacts)) throw new InvalidInputError(`${caller}: contacts must be an array`);
  const minCell = options.minCell ?? SCREENING_DEFAULT_MIN_CELL;
  if (!Number.isInteger(minCell) || minCell < 0) {
    throw new InvalidInputError(`${caller}: minCell must be a non-negative integer, got ${minCell}`);
  }
  const groupings = (options.by ?? []).map((dimensions) => checkGrouping(dimensions, caller));

  const total = new Tally();
  const tallies = groupings.map(() => new Map<string, { levels: string[]; tally: Tally }>());
  contacts.forEach((contact, index) => {
    const outcome = classifyScreeningContact(contact, index, caller);
    total.add(outcome);
    groupings.forEach((dimensions, g) => {
      const levels = dimensions.map((dimension) => {
        const level = contact[dimension];
        if (level === undefined || level === null) {
          throw new InvalidInputError(`${caller}: contact ${index} has no ${dimension}, so it cannot be grouped by ${dimension}`);
        }
        return level;
      });
      const key = JSON.stringify(levels);
      let entry = tallies[g].get(key);
      if (!entry) {
        entry = { levels, tally: new Tally() };
        tallies[g].set(key, entry);
      }
      entry.tally.add(outcome);
    });
  });

  const groups: ScreeningGroupResult[] = [total.result({}, minCell)];
  groupings.forEach((dimensions, g) => {
    const entries = [...tallies[g].values()].sort((a, b) => compareLevels(a.levels, b.levels));
    for (const { levels, tally } of entries) {
      const group: Partial<Record<ScreeningDimension, string>> = {};
      dimensions.forEach((dimension, d) => (group[dimension] = levels[d]));
      groups.push(tally.result(group, minCell));
    }
  });
  return { groups };
}

const collator = new Intl.Collator('sv', { numeric: true });

/** Swedish, numeric-aware order of group levels, with code-point order as a tie-break for determinism. */
export function compareScreeningLevels(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function compareLevels(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const order = compareScreeningLevels(a[i], b[i]);
    if (order !== 0) return order;
  }
  return 0;
}

function checkGrouping(dimensions: readonly ScreeningDimension[], caller: string): readonly ScreeningDimension[] {
  if (!Array.isArray(dimensions) || dimensions.length === 0) {
    throw new InvalidInputError(`${caller}: each entry of by must be a non-empty list of dimensions`);
  }
  const seen = new Set<string>();
  for (const dimension of dimensions) {
    if (!(SCREENING_DIMENSIONS as readonly string[]).includes(dimension)) {
      throw new InvalidInputError(`${caller}: unknown dimension ${JSON.stringify(dimension)} (allowed: ${SCREENING_DIMENSIONS.join(', ')})`);
    }
    if (seen.has(dimension)) throw new InvalidInputError(`${caller}: dimension ${dimension} repeated in one grouping`);
    seen.add(dimension);
  }
  return dimensions;
}

/** Counts x and n of one share. */
class Count {
  x = 0;
  n = 0;
  add(value: ScreeningIndicator): void {
    if (value === null) return;
    this.n++;
    this.x += value;
  }
  proportion(): ScreeningProportion {
    return screeningProportion(this.x, this.n);
  }
}

/** Running counts of one group. */
class Tally {
  contacts = 0;
  asked = 0;
  readonly reasons = new Map<string, number>();
  readonly disclosure = SCREENING_DISCLOSURE_MEASURES.map(() => new Count());
  readonly unknownToUnit = new Count();
  readonly supportOffered = new Count();
  readonly supportAccepted = new Count();
  readonly childrenAffected = new Count();

  add(outcome: ScreeningContactOutcome): void {
    this.contacts++;
    if (outcome.asked) this.asked++;
    if (outcome.notAskedReason !== null) this.reasons.set(outcome.notAskedReason, (this.reasons.get(outcome.notAskedReason) ?? 0) + 1);
    SCREENING_DISCLOSURE_MEASURES.forEach((measure, m) => this.disclosure[m].add(outcome.disclosure[measure]));
    this.unknownToUnit.add(outcome.unknownToUnit);
    this.supportOffered.add(outcome.supportOffered);
    this.supportAccepted.add(outcome.supportAccepted);
    this.childrenAffected.add(outcome.childrenAffected);
  }

  result(group: ScreeningGroupKey, minCell: number): ScreeningGroupResult {
    if (this.contacts < minCell) return { group, suppressed: true, reason: `n<${minCell}` };
    const notAskedReasons: Record<string, number> = {};
    for (const reason of [...this.reasons.keys()].sort(compareScreeningLevels)) notAskedReasons[reason] = this.reasons.get(reason) ?? 0;
    const disclosure = {} as Record<ScreeningDisclosureMeasure, ScreeningProportion>;
    SCREENING_DISCLOSURE_MEASURES.forEach((measure, m) => (disclosure[measure] = this.disclosure[m].proportion()));
    return {
      group,
      contacts: this.contacts,
      asked: this.asked,
      coverage: screeningProportion(this.asked, this.contacts),
      notAskedReasons,
      disclosure,
      unknownToUnit: this.unknownToUnit.proportion(),
      supportOffered: this.supportOffered.proportion(),
      supportAccepted: this.supportAccepted.proportion(),
      suppressed: false,
      childrenAffected: this.childrenAffected.proportion(),
    };
  }
}
