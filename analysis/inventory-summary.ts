import {
  INVENTORY_CATEGORIES,
  INVENTORY_KON,
  inventoryAgeGroups,
  type InventoryCategory,
  type InventoryKon,
  type InventoryReport,
} from '../domain/inventory';
import { InvalidInputError } from './invalid-input-error';
import { suppressSmallCount, type ShownCount } from './suppress-small-count';

/** One category's sums across units, every count after suppression. */
export interface InventoryCategorySummary {
  readonly kategori: InventoryCategory;
  /** All persons of the category known to the units (a sum over units: one person may be counted by several). */
  readonly total: ShownCount;
  readonly byKon: readonly { readonly kon: InventoryKon; readonly count: ShownCount }[];
  readonly byAldersgrupp: readonly { readonly aldersgrupp: string; readonly count: ShownCount }[];
  /** kön × åldersgrupp, every combination, kön first. */
  readonly cells: readonly { readonly kon: InventoryKon; readonly aldersgrupp: string; readonly count: ShownCount }[];
  /** Each reporting unit's total, in the order of the reports. */
  readonly byUnit: readonly { readonly enhet: string; readonly count: ShownCount }[];
}

/** The summary of an inventory month. */
export interface InventorySummary {
  /** Units whose reports were summed. */
  readonly units: number;
  readonly minCell: number;
  readonly categories: readonly InventoryCategorySummary[];
}

/**
 * Complementary (secondary) suppression of one category's table: given the
 * table after primary suppression and the unsuppressed counts, it may hide
 * more cells so that no hidden cell can be derived from the shown ones.
 * None is applied yet; the lägesbild work supplies one (see `summariseInventory`).
 */
export type ComplementarySuppression = (table: InventoryCategorySummary, raw: RawCategoryCounts) => InventoryCategorySummary;

/** The unsuppressed sums behind one category's table, for a complementary suppression step. */
export interface RawCategoryCounts {
  readonly total: number;
  readonly byKon: ReadonlyMap<InventoryKon, number>;
  readonly byAldersgrupp: ReadonlyMap<string, number>;
  /** Key `kon|aldersgrupp`. */
  readonly cells: ReadonlyMap<string, number>;
  readonly byUnit: readonly number[];
}

export interface InventorySummaryOptions {
  /** Counts from 1 to minCell − 1 are not shown. Default 5. */
  readonly minCell?: number;
  /** Applied to each category's table after primary suppression; default none (primary suppression only). */
  readonly complementary?: ComplementarySuppression;
}

/**
 * Sums an inventory month across units: per category the total, by kön, by
 * åldersgrupp, kön × åldersgrupp and per unit, each with primary suppression
 * (`suppressSmallCount`: 1 to minCell − 1 hidden, zero shown).
 *
 *   total(category) = Σ_units Σ_kön Σ_ålder antal
 *
 * The sums are of persons known to each unit: a person known to two units
 * is counted twice, so a sum is an upper bound of the persons known to the
 * kommun, not a count of persons (reports must say so).
 *
 * Seam for complementary suppression: `options.complementary` is called on
 * each category's table with the raw sums; without it only primary
 * suppression is applied, and a hidden cell may sometimes be derived as a
 * shown total minus shown cells.
 *
 * Complexity: O(U · C) for U reports of at most C counts each.
 *
 * @throws {InvalidInputError} for an unknown category, kön or age group of a
 *   category, a count that is not a non-negative integer, a combination given
 *   twice in one report, or a bad minCell.
 * @example
 * summariseInventory([{ enhet: 'Barn och unga', counts: [{ kategori: 'barn_bevittnat', kon: 'kvinna', aldersgrupp: '6-12', antal: 12 }] }]).categories[0].total
 * // → { antal: 12, suppressed: false }
 */
export function summariseInventory(reports: readonly InventoryReport[], options: InventorySummaryOptions = {}): InventorySummary {
  const minCell = options.minCell ?? 5;
  if (!Number.isInteger(minCell) || minCell < 1) throw new InvalidInputError(`summariseInventory: minCell must be a positive integer, got ${minCell}`);
  const raw = new Map<InventoryCategory, { total: number; byKon: Map<InventoryKon, number>; byAge: Map<string, number>; cells: Map<string, number>; byUnit: number[] }>();
  for (const kategori of INVENTORY_CATEGORIES) {
    raw.set(kategori, { total: 0, byKon: new Map(), byAge: new Map(), cells: new Map(), byUnit: reports.map(() => 0) });
  }
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  reports.forEach((report, r) => {
    const seen = new Set<string>();
    report.counts.forEach((count, c) => {
      const where = `summariseInventory: reports[${r}].counts[${c}]`;
      if (!(INVENTORY_CATEGORIES as readonly string[]).includes(count.kategori)) throw new InvalidInputError(`${where}: unknown kategori ${JSON.stringify(count.kategori)}`);
      if (!(INVENTORY_KON as readonly string[]).includes(count.kon)) throw new InvalidInputError(`${where}: unknown kon ${JSON.stringify(count.kon)}`);
      if (!inventoryAgeGroups(count.kategori).includes(count.aldersgrupp)) {
        throw new InvalidInputError(`${where}: aldersgrupp ${JSON.stringify(count.aldersgrupp)} is not one of ${count.kategori}'s (${inventoryAgeGroups(count.kategori).join(', ')})`);
      }
      if (!Number.isInteger(count.antal) || count.antal < 0) throw new InvalidInputError(`${where}: antal must be a non-negative integer, got ${count.antal}`);
      const key = `${count.kategori}|${count.kon}|${count.aldersgrupp}`;
      if (seen.has(key)) throw new InvalidInputError(`${where}: ${key} given twice in one report`);
      seen.add(key);
      const sums = raw.get(count.kategori)!;
      sums.total += count.antal;
      add(sums.byKon, count.kon, count.antal);
      add(sums.byAge, count.aldersgrupp, count.antal);
      add(sums.cells, `${count.kon}|${count.aldersgrupp}`, count.antal);
      sums.byUnit[r] += count.antal;
    });
  });
  const shown = (n: number) => suppressSmallCount(n, minCell);
  const categories = INVENTORY_CATEGORIES.map((kategori) => {
    const sums = raw.get(kategori)!;
    const ages = inventoryAgeGroups(kategori);
    const table: InventoryCategorySummary = {
      kategori,
      total: shown(sums.total),
      byKon: INVENTORY_KON.map((kon) => ({ kon, count: shown(sums.byKon.get(kon) ?? 0) })),
      byAldersgrupp: ages.map((aldersgrupp) => ({ aldersgrupp, count: shown(sums.byAge.get(aldersgrupp) ?? 0) })),
      cells: INVENTORY_KON.flatMap((kon) => ages.map((aldersgrupp) => ({ kon, aldersgrupp, count: shown(sums.cells.get(`${kon}|${aldersgrupp}`) ?? 0) }))),
      byUnit: reports.map((report, r) => ({ enhet: report.enhet, count: shown(sums.byUnit[r]) })),
    };
    if (!options.complementary) return table;
    return options.complementary(table, { total: sums.total, byKon: sums.byKon as Map<InventoryKon, number>, byAldersgrupp: sums.byAge, cells: sums.cells, byUnit: sums.byUnit });
  });
  return { units: reports.length, minCell, categories };
}
