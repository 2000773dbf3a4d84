/**
 * Respondents grouped by everything the domain cell sums depend on except
 * the indicator: the joint calibration cell, the level in every domain
 * specification, and the base weight. Within a group every respondent adds
 * the same weight to the same table entries, so an indicator's sums need
 * only its count, Σy and Σy² per group.
 */
export interface DomainCellGroups {
  readonly groupCount: number;
  /** The group of each respondent. */
  readonly groupOf: Int32Array;
  /** Per group: its calibration cell, base weight, number of respondents, and level in each specification (−1: outside). */
  readonly cell: Int32Array;
  readonly baseWeight: Float64Array;
  readonly size: Float64Array;
  readonly levelOf: readonly Int32Array[];
}

/** Dense lookup tables up to this many entries per step; a Map beyond. */
const DENSE_LIMIT = 1 << 22;

/**
 * Groups respondents by (calibration cell, level in each specification, base
 * weight), in one pass per grouping variable. Returns undefined when the
 * groups would be too many to save work (more than n / 8, e.g. with a given
 * weight per respondent); callers then accumulate per respondent.
 *
 * Complexity: O(n · (specs + 2)) time, O(n) memory.
 *
 * @example
 * domainCellGroups(cellOf, w0, [overall, byKon])?.groupCount // → 20 for 10 cells × 2 kön with one base weight
 */
export function domainCellGroups(cellOf: Int32Array, baseWeight: Float64Array, levelOfs: readonly Int32Array[]): DomainCellGroups | undefined {
  const n = cellOf.length;
  const limit = Math.max(16, Math.floor(n / 8));
  // Distinct base weights first, as indices.
  const weightIndex = new Int32Array(n);
  const weights: number[] = [];
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const w = baseWeight[i];
    let index = seen.get(w);
    if (index === undefined) {
      index = weights.length;
      if (index >= limit) return undefined;
      seen.set(w, index);
      weights.push(w);
    }
    weightIndex[i] = index;
  }
  // Then refine the groups one variable at a time: (group so far, value) → new group.
  let groupOf = weightIndex;
  let groupCount = weights.length;
  const refine = (value: (i: number) => number, values: number): boolean => {
    const next = new Int32Array(n);
    let count = 0;
    if (groupCount * values <= DENSE_LIMIT) {
      const table = new Int32Array(groupCount * values).fill(-1);
      for (let i = 0; i < n; i++) {
        const key = groupOf[i] * values + value(i);
        let id = table[key];
        if (id < 0) {
          id = table[key] = count++;
          if (count > limit) return false;
        }
        next[i] = id;
      }
    } else {
      const table = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const key = groupOf[i] * values + value(i);
        let id = table.get(key);
        if (id === undefined) {
          table.set(key, (id = count++));
          if (count > limit) return false;
        }
        next[i] = id;
      }
    }
    groupOf = next;
    groupCount = count;
    return true;
  };
  let cells = 0;
  for (let i = 0; i < n; i++) if (cellOf[i] >= cells) cells = cellOf[i] + 1;
  if (!refine((i) => cellOf[i], cells)) return undefined;
  for (const levelOf of levelOfs) {
    let levels = 0;
    for (let i = 0; i < n; i++) if (levelOf[i] >= levels) levels = levelOf[i] + 1;
    if (!refine((i) => levelOf[i] + 1, levels + 1)) return undefined;
  }
  const cell = new Int32Array(groupCount);
  const weight = new Float64Array(groupCount);
  const size = new Float64Array(groupCount);
  const levelOf = levelOfs.map(() => new Int32Array(groupCount));
  for (let i = 0; i < n; i++) {
    const g = groupOf[i];
    if (size[g]++ > 0) continue;
    cell[g] = cellOf[i];
    weight[g] = baseWeight[i];
    for (let s = 0; s < levelOfs.length; s++) levelOf[s][g] = levelOfs[s][i];
  }
  return { groupCount, groupOf, cell, baseWeight: weight, size, levelOf };
}
