/**
 * The inventory month (inventering, as Linköping's in November 2015): each
 * participating unit reports, once for the period, how many persons it
 * knows of in four categories, by kön and åldersgrupp. Counts only, never
 * persons (DOMAIN.md §2). The template surveys/inventering.json lays the
 * form out with exactly these values; the database's check constraints
 * allow exactly these categories and kön values.
 */

/** The four categories, in report order (Linköping 2015: 229, 119, 290, 138). */
export const INVENTORY_CATEGORIES = ['barn_bevittnat', 'barn_utsatta', 'vuxna_utsatta', 'vuxna_utovare'] as const;
export type InventoryCategory = (typeof INVENTORY_CATEGORIES)[number];

/** Kön as units record it; `uppgift_saknas` when the unit does not know. */
export const INVENTORY_KON = ['kvinna', 'man', 'annat', 'uppgift_saknas'] as const;
export type InventoryKon = (typeof INVENTORY_KON)[number];

/** The value for an unknown age. */
export const AGE_UNKNOWN = 'uppgift_saknas';

/** Age groups of children (under 18) and of adults, each with "uppgift saknas" last. */
export const CHILD_AGE_GROUPS = ['0-5', '6-12', '13-17', AGE_UNKNOWN] as const;
export const ADULT_AGE_GROUPS = ['18-29', '30-44', '45-64', '65+', AGE_UNKNOWN] as const;

/** The age groups a category is counted in. */
export function inventoryAgeGroups(category: InventoryCategory): readonly string[] {
  return category.startsWith('barn_') ? CHILD_AGE_GROUPS : ADULT_AGE_GROUPS;
}

/** Swedish labels for reports and forms. */
export const INVENTORY_CATEGORY_LABELS: Readonly<Record<InventoryCategory, string>> = {
  barn_bevittnat: 'Barn som bevittnat våld',
  barn_utsatta: 'Barn som utsatts för våld',
  vuxna_utsatta: 'Vuxna som utsatts för våld',
  vuxna_utovare: 'Vuxna som utövat våld',
};

export const INVENTORY_KON_LABELS: Readonly<Record<InventoryKon, string>> = {
  kvinna: 'Flickor/kvinnor',
  man: 'Pojkar/män',
  annat: 'Annat kön',
  uppgift_saknas: 'Kön okänt',
};

/**
 * The survey register category each inventory category can be set against:
 * a population survey's indicator with this `registerCategory` estimates the
 * same group (barn_bevittnat against `barn_bevittnat_12m`).
 */
export const INVENTORY_REGISTER_CATEGORY: Readonly<Record<InventoryCategory, string>> = {
  barn_bevittnat: 'barn_bevittnat_vald',
  barn_utsatta: 'barn_utsatt_vald',
  vuxna_utsatta: 'vald_i_nara_relation',
  vuxna_utovare: 'vald_utovare',
};

/** One reported count: persons of a category, kön and åldersgrupp known to a unit. */
export interface InventoryCount {
  readonly kategori: InventoryCategory;
  readonly kon: InventoryKon;
  readonly aldersgrupp: string;
  readonly antal: number;
}

/** A unit's report for the period. */
export interface InventoryReport {
  readonly enhet: string;
  readonly counts: readonly InventoryCount[];
}

/** Bounds [min, max] of an age group ("13-17" → [13, 17], "65+" → [65, ∞]); undefined for "uppgift_saknas". */
export function ageGroupBounds(group: string): readonly [number, number] | undefined {
  const range = /^(\d+)-(\d+)$/.exec(group);
  if (range) return [Number(range[1]), Number(range[2])];
  const open = /^(\d+)\+$/.exec(group);
  return open ? [Number(open[1]), Infinity] : undefined;
}
