import type { StratumSize } from './allocate-sample';
import type { FramePerson } from './parse-frame';
import { stratumKeyOf } from './stratum-key';

export interface FrameStratum {
  readonly key: string;
  readonly stratum: { readonly kon: string; readonly aldersgrupp: string; readonly omrade: string };
  /** The stratum's persons in frame order (the draw depends on this order). */
  readonly persons: readonly FramePerson[];
}

/**
 * Groups a parsed frame's persons into kön × åldersgrupp × område strata,
 * ordered by stratum key. Complexity: O(persons + H log H).
 */
export function frameStrata(persons: readonly FramePerson[]): FrameStratum[] {
  const byKey = new Map<string, { key: string; stratum: FrameStratum['stratum']; persons: FramePerson[] }>();
  for (const person of persons) {
    const stratum = { kon: person.kon, aldersgrupp: person.aldersgrupp, omrade: person.omrade };
    const key = stratumKeyOf(stratum);
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { key, stratum, persons: [] }));
    entry.persons.push(person);
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The strata's sizes N_h, as `allocateSample` takes them. */
export function stratumSizes(strata: readonly FrameStratum[]): StratumSize[] {
  return strata.map((s) => ({ stratum: s.stratum, N: s.persons.length }));
}
