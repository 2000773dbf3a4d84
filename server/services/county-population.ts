import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ageGroupOf, type AgeGroup } from '../../analysis/age-groups';
import { parseCsv } from '../../cli/csv';

/** The source line shown wherever these numbers are used. */
export const SCB_SOURCE = 'Källa: SCB, folkmängd 31 december 2019 efter kommun, kön och ålder (BE0101)';

const file = fileURLToPath(new URL('../reference-data/scb-folkmangd-2019-kommun-kon-alder.csv', import.meta.url));

/** kommunkod → kön → population by single year of age (index = age, 100 = 100+). */
type PopulationTable = Map<string, Map<string, Float64Array>>;
let cached: PopulationTable | undefined;

/** SCB's 2019 population by kommun × kön × single year, read once from the shipped CSV. */
function scbTable(): PopulationTable {
  if (cached) return cached;
  const table: PopulationTable = new Map();
  for (const { values } of parseCsv(readFileSync(file, 'utf8'), 'scb-folkmangd-2019-kommun-kon-alder.csv').rows) {
    let bySex = table.get(values.kommunkod);
    if (!bySex) table.set(values.kommunkod, (bySex = new Map()));
    let ages = bySex.get(values.kon);
    if (!ages) bySex.set(values.kon, (ages = new Float64Array(101)));
    ages[Number(values.alder)] += Number(values.antal);
  }
  cached = table;
  return table;
}

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

export type PopulationCell = {
  kon: string;
  aldersgrupp: string;
  antal: number;
};

export const SEXES = ['kvinna', 'man'] as const;

/**
 * Population of the given kommuner (summed) by kön × åldersgrupp, in the
 * order kvinna then man, each by the groups' order. Ages outside every group
 * are left out. A kommun missing from SCB's table contributes nothing.
 */
export function populationByKonAgeGroup(kommunkods: readonly string[], groups: readonly AgeGroup[]): PopulationCell[] {
  const table = scbTable();
  const cells = SEXES.flatMap((kon) => groups.map((group) => ({ kon, aldersgrupp: group.label, antal: 0 })));
  for (const kod of kommunkods) {
    const bySex = table.get(kod);
    if (!bySex) continue;
    SEXES.forEach((kon, sexIndex) => {
      const ages = bySex.get(kon);
      if (!ages) return;
      for (let age = 0; age < ages.length; age++) {
        const label = ageGroupOf(age, groups);
        if (label === undefined) continue;
        const index = groups.findIndex((group) => group.label === label);
        cells[sexIndex * groups.length + index].antal += ages[age];
      }
    });
  }
  return cells;
}

/** All kommuner in SCB's table (for the national standard population). */
export function allScbKommuner(): string[] {
  return [...scbTable().keys()];
}

/** Total population of one kommun within the groups. */
export function populationTotal(kommunkod: string, groups: readonly AgeGroup[]): number {
  return populationByKonAgeGroup([kommunkod], groups).reduce((sum, cell) => sum + cell.antal, 0);
}
