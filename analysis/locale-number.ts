/**
 * Parses a number written as "12", "12.5", "12,5" (decimal comma) or
 * "20 600" (spaces, also no-break spaces, as thousands separators).
 * Returns undefined for anything else, never NaN.
 *
 * The same rule as the CLI's CSV reader (`parseLocaleNumber` in cli/csv.ts);
 * both move to one shared implementation in `domain/` (issue 9).
 * Complexity: O(length).
 *
 * @example
 * parseLocaleNumber('20 600,5') // → 20600.5
 */
export function parseLocaleNumber(raw: string): number | undefined {
  const cleaned = raw.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cleaned)) return undefined;
  return Number(cleaned);
}
