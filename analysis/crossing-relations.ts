import type { SuppressionRelation } from './complementary-suppression';

/** The cells and additive relations of a set of domain tables (see {@link crossingRelations}). */
export interface CrossingLayout {
  /** Every cell: the given ones first (in order, a repeated one once), then the margins added to close the relations. */
  readonly cells: readonly Readonly<Record<string, string>>[];
  /** The cell of each given domain (the same cell for a domain given twice). */
  readonly indexOfGiven: readonly number[];
  /** True for an added margin: it is not published, so it is unknown to a reader. */
  readonly unpublished: readonly boolean[];
  readonly relations: readonly SuppressionRelation[];
}

const keyOf = (cell: Readonly<Record<string, string>>): string =>
  JSON.stringify(Object.keys(cell).sort().map((variable) => [variable, cell[variable]]));

/**
 * The additive structure of domain tables over crossed categorical
 * variables: each cell is a domain such as `{}` (everyone), `{ kon: 'kvinna' }`
 * or `{ kon: 'kvinna', aldersgrupp: '18-29' }`, and for every cell over the
 * variables S and every v in S, the cell without v is the sum of the cells
 * over S that agree on S \ {v} (the levels of v). A margin that the cells
 * imply but that is not among them (kön alone when only kön × åldersgrupp is
 * tabulated) is added as an unpublished cell.
 *
 * Levels that are missing (respondents without a value of v) make the margin
 * larger than the sum; treating the relation as exact assumes the reader
 * knows that difference, which can only make the suppression stricter.
 *
 * Complexity: O(c · 2^k) for c cells over at most k variables.
 *
 * @example
 * crossingRelations([{}, { kon: 'kvinna' }, { kon: 'man' }]).relations // → [{ total: 0, parts: [1, 2] }]
 */
export function crossingRelations(given: readonly Readonly<Record<string, string>>[]): CrossingLayout {
  const cells: Readonly<Record<string, string>>[] = [];
  const unpublished: boolean[] = [];
  const indexOf = new Map<string, number>();
  const add = (cell: Readonly<Record<string, string>>, published: boolean): number => {
    const key = keyOf(cell);
    const found = indexOf.get(key);
    if (found !== undefined) {
      if (published) unpublished[found] = false;
      return found;
    }
    indexOf.set(key, cells.length);
    cells.push(cell);
    unpublished.push(!published);
    return cells.length - 1;
  };
  const indexOfGiven = given.map((cell) => add(cell, true));
  for (let i = 0; i < given.length; i++) {
    const variables = Object.keys(given[i]);
    for (let mask = 0; mask < 1 << variables.length; mask++) {
      const sub: Record<string, string> = {};
      variables.forEach((variable, j) => {
        if (mask & (1 << j)) sub[variable] = given[i][variable];
      });
      add(sub, false);
    }
  }
  const groups = new Map<string, { total: number; parts: number[] }>();
  cells.forEach((cell, index) => {
    const variables = Object.keys(cell).sort();
    for (const variable of variables) {
      const parent: Record<string, string> = {};
      for (const other of variables) if (other !== variable) parent[other] = cell[other];
      const groupKey = `${variables.join(':')}|${variable}|${keyOf(parent)}`;
      let group = groups.get(groupKey);
      if (!group) {
        group = { total: indexOf.get(keyOf(parent))!, parts: [] };
        groups.set(groupKey, group);
      }
      group.parts.push(index);
    }
  });
  return { cells, indexOfGiven, unpublished, relations: [...groups.values()] };
}
