import type { AgeGroup } from '../../domain/age-groups';
import { scbPopulationByAgeGroup, SEXES, type PopulationCell } from './population-scb';

export { SCB_SOURCE, SEXES, type PopulationCell } from './population-scb';

/** Age groups clipped to [minAge, maxAge]; a clipped group is relabelled with its new bounds. */
export function clipAgeGroups(groups: readonly AgeGroup[], minAge: number, maxAge: number): AgeGroup[] {
  const clipped: AgeGroup[] = [];
  for (const group of groups) {
    const from = Math.max(group.from, minAge);
    const to = Math.min(group.to, maxAge);
    if (from > to) continue;
    const label = from === group.from && to === group.to ? group.label : `${from}-${to}`;
    clipped.push({ label, from, to });
  }
  return clipped;
}

/**
 * Population of the given kommuner, summed, by kön × åldersgrupp (kvinna
 * first, each in the groups' order), from SCB's 2019 table via
 * `scbPopulationByAgeGroup`. A kommun unknown to SCB contributes nothing.
 */
export function populationByKonAgeGroup(kommunkods: readonly string[], groups: readonly AgeGroup[]): PopulationCell[] {
  const cells: PopulationCell[] = SEXES.flatMap((kon) => groups.map((group) => ({ kon, aldersgrupp: group.label, antal: 0 })));
  for (const kod of kommunkods) {
    const table = scbPopulationByAgeGroup(kod, groups);
    if (!table) continue;
    table.rows.forEach((row, k) => (cells[k].antal += row.antal));
  }
  return cells;
}

/** Total population of one kommun within the groups. */
export function populationTotal(kommunkod: string, groups: readonly AgeGroup[]): number {
  return scbPopulationByAgeGroup(kommunkod, groups)?.total ?? 0;
}
