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
import { complementarySuppression, type SuppressionStatus } from './complementary-suppression';
import { crossingRelations } from './crossing-relations';
import { screeningReliabilityFlags } from './screening-reliability-flags';
import { SECONDARY_SUPPRESSION } from './suppress-domain-tables';

/** The levels identifying a group, e.g. {} for the total or { enhet: 'A', kon: 'kvinna' }. */
export type ScreeningGroupKey = Readonly<Partial<Record<ScreeningDimension, string>>>;

export interface ScreeningSummaryOptions {
  /** Groupings after the total, each a list of dimensions to cross, e.g. [['enhet'], ['enhet', 'kon']]. */
  readonly by?: readonly (readonly ScreeningDimension[])[];
  /** Groups with fewer contacts than this are suppressed. Default 5. */
  readonly minCell?: number;
}

/** A share that is shown: x / n with its Wilson interval and its reliability flags (screeningReliabilityFlags; empty when n = 0). */
export interface ScreeningShownShare extends ScreeningProportion {
  readonly suppressed: false;
  readonly flags: readonly string[];
}

/** A share whose numerator or denominator is not shown. */
export interface ScreeningSuppressedShare {
  readonly x: null;
  readonly n: null;
  readonly p: null;
  readonly ci: null;
  readonly suppressed: true;
  /** `n<5` (denominator), `x<5` (numerator), `secondary` (hidden so that another small count cannot be derived). */
  readonly reason: string;
}

export type ScreeningShare = ScreeningShownShare | ScreeningSuppressedShare;

/** A group that is shown. Key order is the JSON contract of `npm run screening`. */
export interface ScreeningGroupSummary {
  readonly group: ScreeningGroupKey;
  /** Contacts registered. */
  readonly contacts: number;
  /** Contacts asked the screening questions; null when the coverage is suppressed. */
  readonly asked: number | null;
  /** asked / contacts. */
  readonly coverage: ScreeningShare;
  /** Count of contacts not asked, per recorded reason ("ej_angiven" when blank), keys sorted; null for a count that is suppressed. */
  readonly notAskedReasons: Readonly<Record<string, number | null>>;
  /** Among asked: 'ja' / ('ja' + 'nej') per question, and utsatt (any of psykiskt, fysiskt, sexuellt). */
  readonly disclosure: Readonly<Record<ScreeningDisclosureMeasure, ScreeningShare>>;
  /** Among disclosures (utsatt = 1) with kandSedanTidigare recorded: share not known to the unit. */
  readonly unknownToUnit: ScreeningShare;
  /** Among disclosures with stodErbjudet recorded: share offered support. */
  readonly supportOffered: ScreeningShare;
  /** Among disclosures offered support with stodAccepterat recorded: share who accepted. */
  readonly supportAccepted: ScreeningShare;
  readonly suppressed: false;
  /**
   * Among disclosures with barnBerorda recorded: share where children were
   * affected (barn_berorda = ja). Added after `suppressed`, so the keys
   * before it keep their order in the CLI's JSON.
   */
  readonly childrenAffected: ScreeningShare;
}

/** A group with fewer than `minCell` contacts, or hidden to protect one: its numbers are left out. */
export interface ScreeningSuppressedGroup {
  readonly group: ScreeningGroupKey;
  readonly suppressed: true;
  /** Why: "n<5", or "secondary" (hidden so that a small group cannot be derived from the total and the other groups). */
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
 * Suppression, so that no count below `minCell` is shown or can be derived
 * (docs/screening.md, "Small numbers"):
 * - a group (the total included) with fewer than `minCell` contacts is
 *   returned as { group, suppressed: true, reason: "n<minCell" };
 * - further groups are hidden with reason "secondary" until none of those can
 *   be derived from the total and the other groups
 *   (complementarySuppression over the groups' additive structure: the
 *   groupings, their crossings, and units within their verksamhet);
 * - in a shown group, a share whose denominator or numerator lies in
 *   1…minCell − 1 is suppressed (x, n, p and ci null, reason "n<5" or
 *   "x<5"), then complementary suppression across the groups, share by
 *   share; a share also goes when the share it is counted within goes
 *   (disclosure within coverage, unknown to the unit and support offered
 *   within utsatt, support accepted within offered), since its denominator
 *   would give the hidden numerator away;
 * - reasons for not asking below `minCell` are null, with complementary
 *   suppression among the reasons and across groups; all are null when the
 *   coverage is suppressed, and a reason that cannot be hidden (a group's
 *   only reason, whose count is its shown number not asked) is left out.
 * Shown shares carry NCHS-style reliability flags (screeningReliabilityFlags).
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

  const raw: { group: ScreeningGroupKey; tally: Tally }[] = [{ group: {}, tally: total }];
  groupings.forEach((dimensions, g) => {
    const entries = [...tallies[g].values()].sort((a, b) => compareLevels(a.levels, b.levels));
    for (const { levels, tally } of entries) {
      const group: Partial<Record<ScreeningDimension, string>> = {};
      dimensions.forEach((dimension, d) => (group[dimension] = levels[d]));
      raw.push({ group, tally });
    }
  });
  return { groups: suppressScreeningGroups(raw, unitVerksamhet(contacts), minCell) };
}

/** Each unit's verksamhet, when every contact of the unit gives the same one (a unit then nests in its verksamhet). */
function unitVerksamhet(contacts: readonly ScreeningContact[]): Map<string, string> {
  const found = new Map<string, string | null>();
  for (const contact of contacts) {
    const v = contact.verksamhet ?? null;
    const seen = found.get(contact.enhet);
    if (seen === undefined) found.set(contact.enhet, v);
    else if (seen !== v) found.set(contact.enhet, null);
  }
  const result = new Map<string, string>();
  for (const [enhet, v] of found) if (v !== null) result.set(enhet, v);
  return result;
}

/** The share measures in the order they are protected: each after the one it is counted within. */
const SHARE_ORDER: readonly { key: string; within: string | null; get: (t: Tally) => Count }[] = [
  { key: 'coverage', within: null, get: (t) => t.coverageCount() },
  ...SCREENING_DISCLOSURE_MEASURES.map((measure, m) => ({ key: `disclosure.${measure}`, within: 'coverage', get: (t: Tally) => t.disclosure[m] })),
  { key: 'unknownToUnit', within: 'disclosure.utsatt', get: (t) => t.unknownToUnit },
  { key: 'supportOffered', within: 'disclosure.utsatt', get: (t) => t.supportOffered },
  { key: 'supportAccepted', within: 'supportOffered', get: (t) => t.supportAccepted },
  { key: 'childrenAffected', within: 'disclosure.utsatt', get: (t) => t.childrenAffected },
];

/**
 * Group, share and reason suppression of the summary (see summariseScreening):
 * primary rules, then complementarySuppression over the groups' crossings.
 */
function suppressScreeningGroups(
  raw: readonly { group: ScreeningGroupKey; tally: Tally }[],
  verksamhetOf: ReadonlyMap<string, string>,
  minCell: number,
): ScreeningGroupResult[] {
  const nested = (group: ScreeningGroupKey): Record<string, string> => {
    const key: Record<string, string> = { ...(group as Record<string, string>) };
    if (key.enhet !== undefined && key.verksamhet === undefined && verksamhetOf.has(key.enhet)) key.verksamhet = verksamhetOf.get(key.enhet)!;
    return key;
  };
  const layout = crossingRelations(raw.map((r) => nested(r.group)));
  const cellOf = layout.indexOfGiven;
  const protect = (cost: (g: number) => number, primary: (g: number) => boolean): SuppressionStatus[] => {
    const costs = layout.cells.map(() => 0);
    const primaries = layout.cells.map(() => false);
    raw.forEach((_, g) => {
      costs[cellOf[g]] = cost(g);
      primaries[cellOf[g]] = primaries[cellOf[g]] || primary(g);
    });
    const { status } = complementarySuppression({ cost: costs, primary: primaries, unpublished: layout.unpublished, relations: layout.relations });
    return raw.map((_, g) => status[cellOf[g]]);
  };
  const small = (count: number) => count > 0 && count < minCell;

  const groupStatus = protect((g) => raw[g].tally.contacts, (g) => small(raw[g].tally.contacts));
  const shown = (g: number) => groupStatus[g] === 'shown';
  const shareStatus = new Map<string, SuppressionStatus[]>();
  const shareReason = new Map<string, (string | null)[]>();
  for (const measure of SHARE_ORDER) {
    const within = measure.within ? shareStatus.get(measure.within)! : null;
    const reasons = raw.map((r, g) => {
      const count = measure.get(r.tally);
      if (!shown(g) || (within && within[g] !== 'shown')) return SECONDARY_SUPPRESSION;
      if (small(count.n)) return `n<${minCell}`;
      if (small(count.x)) return `x<${minCell}`;
      return null;
    });
    const status = protect((g) => measure.get(raw[g].tally).n, (g) => reasons[g] !== null);
    shareStatus.set(measure.key, status);
    shareReason.set(measure.key, reasons);
  }

  // Reasons for not asking: the crossing of the groups with the reason; each group's total (contacts − asked) stays as shown as its coverage.
  const coverage = shareStatus.get('coverage')!;
  const reasonKeys: Record<string, string>[] = [];
  const reasonCells: { g: number; reason: string; count: number }[] = [];
  raw.forEach((r, g) => {
    for (const [reason, count] of r.tally.reasons) {
      reasonKeys.push({ ...nested(r.group), [REASON_VARIABLE]: reason });
      reasonCells.push({ g, reason, count });
    }
  });
  const reasonLayout = crossingRelations([...raw.map((r) => nested(r.group)), ...reasonKeys]);
  const reasonCost = reasonLayout.cells.map(() => 0);
  const reasonPrimary = reasonLayout.cells.map(() => false);
  raw.forEach((_, g) => {
    const cell = reasonLayout.indexOfGiven[g];
    if (coverage[g] === 'shown') reasonCost[cell] = Infinity;
    else reasonPrimary[cell] = true;
  });
  reasonCells.forEach(({ g, count }, k) => {
    const cell = reasonLayout.indexOfGiven[raw.length + k];
    reasonCost[cell] = count;
    reasonPrimary[cell] = coverage[g] !== 'shown' || small(count);
  });
  const reasons = complementarySuppression({ cost: reasonCost, primary: reasonPrimary, unpublished: reasonLayout.unpublished, relations: reasonLayout.relations });
  // A reason that is a group's only one equals its shown "not asked" count; its name would tell, so it is left out.
  const exposedReasons = new Set(reasons.exposed);
  const reasonShown = new Map<string, 'shown' | 'hidden' | 'left-out'>();
  reasonCells.forEach(({ g, reason }, k) => {
    const cell = reasonLayout.indexOfGiven[raw.length + k];
    reasonShown.set(`${g}|${reason}`, exposedReasons.has(cell) ? 'left-out' : reasons.status[cell] === 'shown' ? 'shown' : 'hidden');
  });

  return raw.map(({ group, tally }, g) => {
    if (!shown(g)) return { group, suppressed: true, reason: groupStatus[g] === 'primary' ? `n<${minCell}` : SECONDARY_SUPPRESSION };
    const share = (key: string, count: Count): ScreeningShare => {
      const status = shareStatus.get(key)![g];
      if (status !== 'shown') {
        const reason = status === 'primary' ? (shareReason.get(key)![g] ?? SECONDARY_SUPPRESSION) : SECONDARY_SUPPRESSION;
        return { x: null, n: null, p: null, ci: null, suppressed: true, reason };
      }
      const proportion = count.proportion();
      return { ...proportion, suppressed: false, flags: count.n > 0 ? screeningReliabilityFlags(count.x, count.n) : [] };
    };
    const notAskedReasons: Record<string, number | null> = {};
    for (const reason of [...tally.reasons.keys()].sort(compareScreeningLevels)) {
      const shownAs = reasonShown.get(`${g}|${reason}`);
      if (shownAs !== 'left-out') notAskedReasons[reason] = shownAs === 'shown' ? tally.reasons.get(reason)! : null;
    }
    const disclosure = {} as Record<ScreeningDisclosureMeasure, ScreeningShare>;
    SCREENING_DISCLOSURE_MEASURES.forEach((measure, m) => (disclosure[measure] = share(`disclosure.${measure}`, tally.disclosure[m])));
    const coverageShare = share('coverage', tally.coverageCount());
    return {
      group,
      contacts: tally.contacts,
      asked: coverageShare.suppressed ? null : tally.asked,
      coverage: coverageShare,
      notAskedReasons,
      disclosure,
      unknownToUnit: share('unknownToUnit', tally.unknownToUnit),
      supportOffered: share('supportOffered', tally.supportOffered),
      supportAccepted: share('supportAccepted', tally.supportAccepted),
      suppressed: false,
      childrenAffected: share('childrenAffected', tally.childrenAffected),
    };
  });
}

/** The reason for not asking as an extra variable of the crossing (not a screening dimension). */
const REASON_VARIABLE = '\u0000orsak';

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

  /** Asked of contacts, as a count. */
  coverageCount(): Count {
    const count = new Count();
    count.x = this.asked;
    count.n = this.contacts;
    return count;
  }
}
