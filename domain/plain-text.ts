/**
 * Text is text: what every input (JSON bodies, query strings, path
 * parameters, uploaded CSV cells) must satisfy before anything else looks
 * at it. No NUL, no other control character except tab, line feed and
 * carriage return, no C1 control, and no lone surrogate (half of a UTF-16
 * pair, which is not a character and which PostgreSQL refuses).
 *
 * Pure: the server's `parseInput`, the upload reader and tests share it.
 */

/** One character that text may not contain, or a lone surrogate. */
const UNSAFE_CHARACTER =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Nesting deeper than this is refused (no questionnaire answer or staff form comes near it). */
export const MAX_INPUT_DEPTH = 32;

/** Where input breaks the rule: the path of the field (keys and indexes) and what was found. */
export interface UnsafeText {
  readonly path: readonly (string | number)[];
  /** `U+0000`-style name of the character, or `djup` when the input nests too deeply. */
  readonly found: string;
}

/** The first unsafe character of `text` as `U+XXXX`, or undefined when the text is clean. */
export function unsafeCharacterOf(text: string): string | undefined {
  const match = UNSAFE_CHARACTER.exec(text);
  if (!match) return undefined;
  return `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Walks a parsed JSON value (strings, object keys, arrays) and returns the
 * first place that holds an unsafe character, or where the value nests more
 * than `MAX_INPUT_DEPTH` levels. Iterative, so a hostile depth cannot
 * overflow the stack.
 *
 * Complexity: O(total size of the value).
 *
 * @example
 * findUnsafeText({ answers: { kommentar: 'a\u0000' } }) // → { path: ['answers', 'kommentar'], found: 'U+0000' }
 */
export function findUnsafeText(value: unknown): UnsafeText | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const found = unsafeCharacterOf(current);
      if (found) return { path, found };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (path.length >= MAX_INPUT_DEPTH) return { path, found: 'djup' };
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: [...path, i] });
      continue;
    }
    const entries = Object.entries(current as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, inner] = entries[i];
      const found = unsafeCharacterOf(key);
      if (found) return { path: [...path, key], found };
      stack.push({ value: inner, path: [...path, key] });
    }
  }
  return undefined;
}

/** The Swedish explanation of an `UnsafeText` finding, without the field name. */
export function describeUnsafeText(found: string): string {
  return found === 'djup'
    ? `är nästlat i mer än ${MAX_INPUT_DEPTH} nivåer`
    : `innehåller ett otillåtet tecken (${found}); text får inte innehålla styrtecken (utom tabb och radbrytning) eller ensamma surrogattecken`;
}

/** Where a parsed CSV table breaks the rule: the line (the header is line 1), the column and the character. */
export interface UnsafeCell {
  readonly line: number;
  readonly column: string;
  readonly found: string;
}

/**
 * The first header or cell of a parsed CSV table that holds an unsafe
 * character, for uploads read with `parseCsv` (the population upload has its
 * own chunked reader with the same rule).
 *
 * Complexity: O(cells).
 */
export function findUnsafeCell(table: {
  readonly columns: readonly string[];
  readonly rows: readonly { readonly line: number; readonly values: Readonly<Record<string, string>> }[];
}): UnsafeCell | undefined {
  for (const column of table.columns) {
    const found = unsafeCharacterOf(column);
    if (found) return { line: 1, column, found };
  }
  for (const { line, values } of table.rows) {
    for (const column of table.columns) {
      const found = unsafeCharacterOf(values[column] ?? '');
      if (found) return { line, column, found };
    }
  }
  return undefined;
}
