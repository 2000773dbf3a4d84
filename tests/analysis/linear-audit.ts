/**
 * An audit of suppression patterns written for the tests, independent of complementarySuppression's own:
 * exact rank over the rationals (BigInt), so a pattern it passes cannot be undone by any combination of
 * the table's relations.
 */
import type { SuppressionRelation } from '../../analysis/complementary-suppression';

/** Rank of an integer matrix over the rationals (fraction-free Gaussian elimination in BigInt). */
export function rank(matrix: bigint[][]): number {
  const rows = matrix.map((row) => [...row]);
  let r = 0;
  const width = rows[0]?.length ?? 0;
  for (let col = 0; col < width && r < rows.length; col++) {
    const pivot = rows.findIndex((row, i) => i >= r && row[col] !== 0n);
    if (pivot < 0) continue;
    [rows[r], rows[pivot]] = [rows[pivot], rows[r]];
    for (let i = 0; i < rows.length; i++) {
      if (i === r || rows[i][col] === 0n) continue;
      const a = rows[r][col];
      const b = rows[i][col];
      rows[i] = rows[i].map((value, k) => value * a - rows[r][k] * b);
    }
    r++;
  }
  return r;
}

/**
 * Cells a reader can compute exactly from the shown cells: j is derivable when adding the unit row e_j
 * to the relations restricted to the unknown cells does not raise the rank (e_j is a combination of
 * relations, so x_j = that combination of known values).
 */
export function derivable(relations: readonly SuppressionRelation[], unknown: readonly boolean[]): number[] {
  const columns = unknown.flatMap((u, i) => (u ? [i] : []));
  const matrix = relations
    .map((relation) => columns.map((c) => (c === relation.total ? 1n : 0n) - BigInt(relation.parts.filter((p) => p === c).length)))
    .filter((row) => row.some((v) => v !== 0n));
  const base = rank(matrix);
  return columns.filter((c) => rank([...matrix, columns.map((k) => (k === c ? 1n : 0n))]) === base);
}

