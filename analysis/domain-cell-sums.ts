import type { DomainCellGroups } from './domain-cell-groups';
import { InvalidInputError } from './invalid-input-error';

/**
 * Sums per (domain level, joint cell), in arrays of length levels × cells
 * indexed [level · cells + cell]. `all*` cover every respondent of the level;
 * the others only respondents whose value is not missing.
 */
export interface DomainCellSums {
  readonly levelCount: number;
  readonly cellCount: number;
  readonly allCount: Float64Array;
  readonly allWeight: Float64Array;
  readonly allWeightSquared: Float64Array;
  readonly count: Float64Array;
  readonly sumY: Float64Array;
  readonly weight: Float64Array;
  readonly weightY: Float64Array;
  readonly weightYY: Float64Array;
  readonly weightSquared: Float64Array;
  readonly weightSquaredY: Float64Array;
  readonly weightSquaredYY: Float64Array;
}

/**
 * Accumulates, in one pass over the respondents, the sums of 1, y, w0, w0·y,
 * w0·y², w0², w0²·y and w0²·y² per domain level and joint calibration cell.
 * Every linearised estimate and variance of a mean, proportion or total of y
 * in any level follows from these tables and the cell calibration factors.
 *
 * Complexity: O(n) time, O(levels · cells) memory.
 *
 * @param levelOf domain level of each respondent, −1 when outside every level
 * @param values y per respondent, NaN for missing
 * @throws {InvalidInputError} on length mismatch.
 * @example
 * accumulateDomainCellSums(cellOf, w0, new Int32Array(n), 1, cells.cellCount, y).weightY // → Σ w0·y per cell
 */
export function accumulateDomainCellSums(
  cellOf: Int32Array,
  baseWeight: Float64Array,
  levelOf: Int32Array,
  levelCount: number,
  cellCount: number,
  values: Float64Array,
): DomainCellSums {
  const n = cellOf.length;
  if (baseWeight.length !== n || levelOf.length !== n || values.length !== n) {
    throw new InvalidInputError('accumulateDomainCellSums: all arrays need one entry per respondent');
  }
  const size = levelCount * cellCount;
  const allCount = new Float64Array(size);
  const allWeight = new Float64Array(size);
  const allWeightSquared = new Float64Array(size);
  const count = new Float64Array(size);
  const sumY = new Float64Array(size);
  const weight = new Float64Array(size);
  const weightY = new Float64Array(size);
  const weightYY = new Float64Array(size);
  const weightSquared = new Float64Array(size);
  const weightSquaredY = new Float64Array(size);
  const weightSquaredYY = new Float64Array(size);
  for (let i = 0; i < n; i++) {
    const level = levelOf[i];
    if (level < 0) continue;
    const k = level * cellCount + cellOf[i];
    const w = baseWeight[i];
    allCount[k]++;
    allWeight[k] += w;
    allWeightSquared[k] += w * w;
    const y = values[i];
    if (y !== y) continue;
    const wy = w * y;
    const ww = w * w;
    count[k]++;
    sumY[k] += y;
    weight[k] += w;
    weightY[k] += wy;
    weightYY[k] += wy * y;
    weightSquared[k] += ww;
    weightSquaredY[k] += ww * y;
    weightSquaredYY[k] += ww * y * y;
  }
  return { levelCount, cellCount, allCount, allWeight, allWeightSquared, count, sumY, weight, weightY, weightYY, weightSquared, weightSquaredY, weightSquaredYY };
}

/**
 * {@link accumulateDomainCellSums} for several domain specifications of one
 * indicator in a single pass over the respondents (the values, weights and
 * cells are read once for all of them).
 *
 * Complexity: O(n · specs) time, O(Σ levels · cells) memory.
 *
 * @throws {InvalidInputError} on length mismatch.
 * @example
 * accumulateDomainCellSumsBySpec(cellOf, w0, [overall, byKon], [1, 2], cells.cellCount, y)[1].weightY // → Σ w0·y per kön and cell
 */
export function accumulateDomainCellSumsBySpec(
  cellOf: Int32Array,
  baseWeight: Float64Array,
  levelOfs: readonly Int32Array[],
  levelCounts: readonly number[],
  cellCount: number,
  values: Float64Array,
): DomainCellSums[] {
  const n = cellOf.length;
  if (baseWeight.length !== n || values.length !== n || levelOfs.some((l) => l.length !== n) || levelCounts.length !== levelOfs.length) {
    throw new InvalidInputError('accumulateDomainCellSumsBySpec: all arrays need one entry per respondent, and one level count per spec');
  }
  const sums = levelCounts.map((levels) => {
    const size = levels * cellCount;
    const make = () => new Float64Array(size);
    return {
      levelCount: levels, cellCount,
      allCount: make(), allWeight: make(), allWeightSquared: make(), count: make(), sumY: make(), weight: make(),
      weightY: make(), weightYY: make(), weightSquared: make(), weightSquaredY: make(), weightSquaredYY: make(),
    };
  });
  const S = sums.length;
  for (let i = 0; i < n; i++) {
    const cell = cellOf[i];
    const w = baseWeight[i];
    const ww = w * w;
    const y = values[i];
    const missing = y !== y;
    const wy = w * y;
    for (let s = 0; s < S; s++) {
      const level = levelOfs[s][i];
      if (level < 0) continue;
      const t = sums[s];
      const k = level * cellCount + cell;
      t.allCount[k]++;
      t.allWeight[k] += w;
      t.allWeightSquared[k] += ww;
      if (missing) continue;
      t.count[k]++;
      t.sumY[k] += y;
      t.weight[k] += w;
      t.weightY[k] += wy;
      t.weightYY[k] += wy * y;
      t.weightSquared[k] += ww;
      t.weightSquaredY[k] += ww * y;
      t.weightSquaredYY[k] += ww * y * y;
    }
  }
  return sums;
}

/**
 * {@link accumulateDomainCellSumsBySpec} from respondent groups
 * ({@link domainCellGroups}): one pass adds each respondent's y to its
 * group's count, Σy and Σy², then each group adds its sums, times its base
 * weight, to every specification's table. The same sums (up to rounding)
 * with three additions per respondent instead of eleven per specification.
 *
 * Complexity: O(n + groups · specs) time, O(groups + Σ levels · cells) memory.
 *
 * @throws {InvalidInputError} on length mismatch.
 * @example
 * accumulateGroupedDomainCellSums(groups, [1, 2], cells.cellCount, y)[1].weightY // → Σ w0·y per kön and cell
 */
export function accumulateGroupedDomainCellSums(
  groups: DomainCellGroups,
  levelCounts: readonly number[],
  cellCount: number,
  values: Float64Array,
): DomainCellSums[] {
  const n = groups.groupOf.length;
  if (values.length !== n || levelCounts.length !== groups.levelOf.length) {
    throw new InvalidInputError('accumulateGroupedDomainCellSums: one value per respondent, and one level count per spec');
  }
  const G = groups.groupCount;
  const count = new Float64Array(G);
  const sumY = new Float64Array(G);
  const sumYY = new Float64Array(G);
  const groupOf = groups.groupOf;
  for (let i = 0; i < n; i++) {
    const y = values[i];
    if (y !== y) continue;
    const g = groupOf[i];
    count[g]++;
    sumY[g] += y;
    sumYY[g] += y * y;
  }
  return levelCounts.map((levels, s) => {
    const size = levels * cellCount;
    const make = () => new Float64Array(size);
    const t = {
      levelCount: levels, cellCount,
      allCount: make(), allWeight: make(), allWeightSquared: make(), count: make(), sumY: make(), weight: make(),
      weightY: make(), weightYY: make(), weightSquared: make(), weightSquaredY: make(), weightSquaredYY: make(),
    };
    const levelOf = groups.levelOf[s];
    for (let g = 0; g < G; g++) {
      const level = levelOf[g];
      if (level < 0) continue;
      const k = level * cellCount + groups.cell[g];
      const w = groups.baseWeight[g];
      const ww = w * w;
      const all = groups.size[g];
      t.allCount[k] += all;
      t.allWeight[k] += all * w;
      t.allWeightSquared[k] += all * ww;
      const c = count[g];
      if (c === 0) continue;
      t.count[k] += c;
      t.sumY[k] += sumY[g];
      t.weight[k] += c * w;
      t.weightY[k] += w * sumY[g];
      t.weightYY[k] += w * sumYY[g];
      t.weightSquared[k] += c * ww;
      t.weightSquaredY[k] += ww * sumY[g];
      t.weightSquaredYY[k] += ww * sumYY[g];
    }
    return t;
  });
}
