import { levelCoder, type CategoricalColumn } from './respondent-columns';

/** Level recodings per variable: { aldersgrupp: { '16-29': '16-29+30-49', '30-49': '16-29+30-49' } }. */
export type LevelRecoding = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * A categorical column with some levels merged (collapsing sparse cells
 * before weighting): each level is replaced by its recoding, and levels that
 * become equal share one code. Levels keep their order of first appearance.
 *
 * Complexity: O(levels + n).
 *
 * @example
 * collapseLevels({ kind: 'categorical', levels: ['a', 'b', 'c'], codes: Int32Array.from([0, 1, 2]) }, { a: 'a+b', b: 'a+b' })
 * // → { kind: 'categorical', levels: ['a+b', 'c'], codes: Int32Array [0, 0, 1] }
 */
export function collapseLevels(column: CategoricalColumn, recoding: Readonly<Record<string, string>> | undefined): CategoricalColumn {
  if (!recoding) return column;
  const coder = levelCoder();
  const remap = column.levels.map((level) => coder.code(recoding[level] ?? level));
  const codes = new Int32Array(column.codes.length);
  for (let i = 0; i < codes.length; i++) codes[i] = column.codes[i] < 0 ? -1 : remap[column.codes[i]];
  return { kind: 'categorical', levels: coder.levels, codes };
}
