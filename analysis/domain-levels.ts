import { categoricalOf, type RespondentColumns } from './respondent-columns';

/** The levels of a domain (a crossing of variables) and each respondent's level. */
export interface DomainLevels {
  /** Level of each respondent, −1 when a value is missing. */
  readonly levelOf: Int32Array;
  /** The values of each level, one per variable, in population order (then Swedish alphabetical order). */
  readonly tuples: string[][];
}

/**
 * The observed levels of a domain: the crossings of the variables' values
 * that occur among the respondents, ordered by the population level order of
 * each variable (first variable most significant), or alphabetically (sv)
 * for a variable the population tables do not have. The overall domain
 * (no variables) has one level holding everyone.
 *
 * Complexity: O(n · variables + levels · log levels).
 *
 * @example
 * domainLevels(columns, levelOrder, ['kon']).tuples // → [['K'], ['M']]
 */
export function domainLevels(respondents: RespondentColumns, levelOrder: ReadonlyMap<string, readonly string[]>, spec: readonly string[]): DomainLevels {
  const n = respondents.size;
  const levelOf = new Int32Array(n);
  if (spec.length === 0) return { levelOf, tuples: [[]] };
  const columns = spec.map((variable) => categoricalOf(respondents, variable));
  const orders = spec.map((variable, j) => {
    const present = new Uint8Array(columns[j].levels.length);
    for (const code of columns[j].codes) if (code >= 0) present[code] = 1;
    const observed = columns[j].levels.filter((_, code) => present[code] === 1);
    const known = levelOrder.get(variable);
    if (known) {
      const seen = new Set(observed);
      return known.filter((value) => seen.has(value));
    }
    return observed.sort((a, b) => a.localeCompare(b, 'sv'));
  });
  const rankOfCode = columns.map((column, j) => {
    const rank = new Map(orders[j].map((value, index) => [value, index]));
    return Int32Array.from(column.levels, (value) => rank.get(value) ?? -1);
  });
  const keyOf = new Map<number, number>();
  const keys: number[] = [];
  for (let row = 0; row < n; row++) {
    let key = 0;
    for (let j = 0; j < spec.length; j++) {
      const code = columns[j].codes[row];
      const rank = code < 0 ? -1 : rankOfCode[j][code];
      if (rank < 0) {
        key = -1;
        break;
      }
      key = key * orders[j].length + rank;
    }
    if (key < 0) {
      levelOf[row] = -1;
      continue;
    }
    let index = keyOf.get(key);
    if (index === undefined) {
      index = keys.length;
      keyOf.set(key, index);
      keys.push(key);
    }
    levelOf[row] = index;
  }
  const sorted = keys.map((key, index) => ({ key, index })).sort((a, b) => a.key - b.key);
  const remap = new Int32Array(keys.length);
  sorted.forEach((entry, position) => (remap[entry.index] = position));
  for (let row = 0; row < n; row++) if (levelOf[row] >= 0) levelOf[row] = remap[levelOf[row]];
  const tuples = sorted.map(({ key }) => {
    const tuple = new Array<string>(spec.length);
    let rest = key;
    for (let j = spec.length - 1; j >= 0; j--) {
      tuple[j] = orders[j][rest % orders[j].length];
      rest = Math.floor(rest / orders[j].length);
    }
    return tuple;
  });
  return { levelOf, tuples };
}
