import { INVENTORY_CATEGORY_LABELS, type InventoryCategory, type InventoryKon } from '../domain/inventory';
import type { InventorySummary } from './inventory-summary';
import { formatSwedishInteger } from './screening-findings';

/** Nouns of a category's persons by kön, e.g. "flickor" for children, "kvinnor" for adults. */
function konNoun(kategori: InventoryCategory, kon: InventoryKon): string | undefined {
  const child = kategori.startsWith('barn_');
  return { kvinna: child ? 'flickor' : 'kvinnor', man: child ? 'pojkar' : 'män', annat: 'med annat kön', uppgift_saknas: 'med okänt kön' }[kon];
}

/**
 * Plain-Swedish sentences for the nämnd summary of an inventory month: one
 * finding per category (its sum, split by kön where every part may be
 * shown), and the method, above all that a person known to several units is
 * counted once per unit.
 *
 * Complexity: O(categories).
 *
 * @example
 * inventoryFindings(summariseInventory(reports), { reportingUnits: 4, units: 5 }).findings[0]
 * // → "Enheterna kände till 229 barn som bevittnat våld (120 flickor och 109 pojkar)."
 */
export function inventoryFindings(summary: InventorySummary, context: { units: number; reportingUnits: number; period?: string }): { findings: string[]; method: string[] } {
  const min = formatSwedishInteger(summary.minCell);
  const findings = summary.categories.map((category) => {
    const label = INVENTORY_CATEGORY_LABELS[category.kategori].toLowerCase();
    if (category.total.suppressed) return `Uppgifter om ${label} redovisas inte eftersom enheterna kände till färre än ${min}.`;
    if (category.total.antal === 0) return `Ingen enhet kände till några ${label}.`;
    const parts = category.byKon.filter((k) => k.count.suppressed || (k.count.antal ?? 0) > 0);
    const split =
      parts.length > 0 && parts.every((k) => !k.count.suppressed)
        ? ` (${joinSwedish(parts.map((k) => `${formatSwedishInteger(k.count.antal!)} ${konNoun(category.kategori, k.kon)}`))})`
        : ' (uppdelningen på kön redovisas inte, eftersom någon grupp är för liten)';
    return `Enheterna kände till ${formatSwedishInteger(category.total.antal!)} ${label}${split}.`;
  });
  const period = context.period ? ` (${context.period})` : '';
  const method = [
    `Under inventeringen${period} rapporterade ${formatSwedishInteger(context.reportingUnits)} av ${formatSwedishInteger(context.units)} enheter hur många personer de kände till i fyra grupper, efter kön och ålder. Bara antal rapporterades, aldrig personer.`,
    'Summorna är antal kända personer per enhet. En person som är känd av flera enheter räknas en gång för varje enhet, så summorna kan vara större än antalet personer.',
    'Siffrorna visar vad verksamheterna kände till, inte hur många i kommunen som berörs. Jämför med en befolkningsundersökning för att se hur stor del som inte är känd (mörkertalet).',
    `Antal från 1 till ${formatSwedishInteger(summary.minCell - 1)} redovisas inte, så att ingen enskild person ska kunna identifieras; noll visas. Ett dolt antal kan ibland räknas fram ur en summa och de andra talen, så kontrollera tabellerna innan de publiceras.`,
  ];
  return { findings, method };
}

function joinSwedish(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}
