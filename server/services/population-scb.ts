import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AgeGroup } from '../../domain/age-groups';
import { DEMO_KOMMUN } from '../seed';

/** The year of the built-in table (server/reference-data); newer years are imported by an admin. */
export const BUILT_IN_YEAR = 2019;

/** Source line shown wherever SCB's totals of a year are used. */
export function scbSource(year: number): string {
  return `Källa: SCB, Folkmängd 31 december ${year}`;
}

/** Source line shown wherever SCB's 2019 totals are used. */
export const SCB_SOURCE = scbSource(BUILT_IN_YEAR);

/** The stand-in for the demo kommun, which SCB does not know. */
export const DEMO_STAND_IN = {
  kommunkod: '1880',
  scale: 0.1,
  source:
    'Demokommun (exempel): ingen verklig befolkning. Som ställföreträdare används Örebro kommuns folkmängd (kommunkod 1880) skalad till en tiondel och avrundad. Källa: SCB, Folkmängd 31 december 2019',
} as const;

export const SEXES = ['kvinna', 'man'] as const;
export type Sex = (typeof SEXES)[number];
export const MAX_AGE = 100;

export interface KommunPopulation {
  namn: string;
  /** Residents by sex (0 kvinna, 1 man) and single year of age 0–100 (100 = 100 or older): index sex·101 + age. */
  counts: Int32Array;
}

const scbFile = fileURLToPath(new URL('../reference-data/scb-folkmangd-2019-kommun-kon-alder.csv', import.meta.url));
let index: Map<string, KommunPopulation> | undefined;

/**
 * SCB's table indexed by kommun, read and parsed on first use only (about
 * 58,000 lines, a few tens of milliseconds), never per request.
 */
function scbIndex(): Map<string, KommunPopulation> {
  if (index) return index;
  const lines = readFileSync(scbFile, 'utf8').split(/\r?\n/);
  const header = lines[0].replace(/^\ufeff/, '').split(',');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${scbFile}: column ${name} missing`);
    return i;
  };
  const [cKod, cNamn, cKon, cAlder, cAntal] = ['kommunkod', 'kommun', 'kon', 'alder', 'antal'].map(col);
  const built = new Map<string, KommunPopulation>();
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const cells = lines[i].split(',');
    let entry = built.get(cells[cKod]);
    if (!entry) {
      entry = { namn: cells[cNamn], counts: new Int32Array(SEXES.length * (MAX_AGE + 1)) };
      built.set(cells[cKod], entry);
    }
    const sex = SEXES.indexOf(cells[cKon] as Sex);
    const age = Number(cells[cAlder]);
    if (sex < 0 || !Number.isInteger(age) || age < 0 || age > MAX_AGE) throw new Error(`${scbFile}:${i + 1}: unexpected row`);
    entry.counts[sex * (MAX_AGE + 1) + age] += Number(cells[cAntal]);
  }
  index = built;
  return built;
}

export interface PopulationCell {
  kon: Sex;
  aldersgrupp: string;
  antal: number;
}

export interface KommunPopulationTable {
  kommunkod: string;
  kommun: string;
  ageGroups: string[];
  rows: PopulationCell[];
  total: number;
  source: string;
  /** True when the figures are a labelled stand-in (the demo kommun). */
  standIn: boolean;
  /** The year whose 31 December population this is. */
  year: number;
}

/**
 * Residents of a kommun by kön × åldersgrupp on 31 December 2019 from SCB's
 * single-year table (ages outside every group are left out; an open group
 * such as "65+" takes everyone from 65 up, 100 meaning 100 or older). The
 * demo kommun 9999 gets a clearly labelled stand-in: Örebro's table scaled
 * to a tenth. Undefined for an unknown kommunkod.
 *
 * Complexity: O(groups · 101) after the one-time load.
 */
export function scbPopulationByAgeGroup(kommunkod: string, groups: readonly AgeGroup[]): KommunPopulationTable | undefined {
  const demo = kommunkod === DEMO_KOMMUN.kod;
  const entry = scbIndex().get(demo ? DEMO_STAND_IN.kommunkod : kommunkod);
  return entry ? populationTableByAgeGroup(kommunkod, entry, groups, BUILT_IN_YEAR) : undefined;
}

/** A kommun's name as in the built-in table. */
export function builtInKommunName(kommunkod: string): string | undefined {
  return scbIndex().get(kommunkod)?.namn;
}

/** Codes of every kommun in the built-in table. */
export function builtInKommunCodes(): string[] {
  return [...scbIndex().keys()];
}

/**
 * A kommun's residents by kön × åldersgrupp from single-year counts of one
 * year (`entry` is the stand-in's counts for the demo kommun, which are then
 * scaled to a tenth and labelled). Complexity: O(groups · 101).
 */
export function populationTableByAgeGroup(kommunkod: string, entry: KommunPopulation, groups: readonly AgeGroup[], year: number): KommunPopulationTable {
  const demo = kommunkod === DEMO_KOMMUN.kod;
  const scale = demo ? DEMO_STAND_IN.scale : 1;
  const rows: PopulationCell[] = [];
  SEXES.forEach((kon, s) => {
    for (const group of groups) {
      let sum = 0;
      for (let age = group.from; age <= Math.min(group.to, MAX_AGE); age++) {
        sum += demo ? Math.round(entry.counts[s * (MAX_AGE + 1) + age] * scale) : entry.counts[s * (MAX_AGE + 1) + age];
      }
      rows.push({ kon, aldersgrupp: group.label, antal: sum });
    }
  });
  return {
    kommunkod,
    kommun: demo ? DEMO_KOMMUN.namn : entry.namn,
    ageGroups: groups.map((g) => g.label),
    rows,
    total: rows.reduce((a, r) => a + r.antal, 0),
    source: demo ? DEMO_STAND_IN.source.replace(SCB_SOURCE, scbSource(year)) : scbSource(year),
    standIn: demo,
    year,
  };
}
