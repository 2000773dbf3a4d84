/**
 * The shape of a personal code, shared by the server (issuing, lookup), the
 * respondent app (checking what was typed, deriving the draft key) and tests.
 * Pure: no I/O, safe in the browser.
 */

/** 31 symbols without 0/O, 1/I/L: easy to read from a letter and type. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** 11 symbols of 31 ≈ 54.5 bits. */
export const CODE_LENGTH = 11;

/**
 * A typed code in canonical form: upper case, without spaces and hyphens.
 * Returns undefined when it cannot be a code (wrong length or symbols), so
 * that no database lookup is made for it.
 *
 * @example
 * normaliseCode(' abcd-efgh jkm ') // → 'ABCDEFGHJKM'
 */
export function normaliseCode(input: string): string | undefined {
  const code = input.replace(/[\s-]+/g, '').toUpperCase();
  if (code.length !== CODE_LENGTH) return undefined;
  for (const symbol of code) if (!CODE_ALPHABET.includes(symbol)) return undefined;
  return code;
}
