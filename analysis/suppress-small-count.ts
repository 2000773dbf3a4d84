import { InvalidInputError } from './invalid-input-error';

/** A count as reports show it: the number, or null with the reason it is not shown. */
export type ShownCount = { readonly antal: number; readonly suppressed: false } | { readonly antal: null; readonly suppressed: true; readonly reason: string };

/**
 * Primary suppression of a count of persons for reports: a count of 1 to
 * minCell − 1 is not shown (`reason` "n<5"), since in a small group it can
 * point to a person (DOMAIN.md §4). Zero is shown: it points to no one.
 *
 * This is cell-by-cell (primary) suppression only. A suppressed cell may
 * still be derived from a shown total minus the shown cells; complementary
 * (secondary) suppression is a separate step on a whole table.
 *
 * Complexity: O(1).
 *
 * @throws {InvalidInputError} if antal is not a non-negative integer or minCell is not a positive integer.
 * @example
 * suppressSmallCount(3, 5) // → { antal: null, suppressed: true, reason: 'n<5' }
 * suppressSmallCount(0, 5) // → { antal: 0, suppressed: false }
 */
export function suppressSmallCount(antal: number, minCell: number): ShownCount {
  if (!Number.isInteger(antal) || antal < 0) throw new InvalidInputError(`suppressSmallCount: antal must be a non-negative integer, got ${antal}`);
  if (!Number.isInteger(minCell) || minCell < 1) throw new InvalidInputError(`suppressSmallCount: minCell must be a positive integer, got ${minCell}`);
  return antal > 0 && antal < minCell ? { antal: null, suppressed: true, reason: `n<${minCell}` } : { antal, suppressed: false };
}
