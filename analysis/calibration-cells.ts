import { InvalidInputError } from './invalid-input-error';

/**
 * Respondents grouped into joint cells: one cell per observed combination of
 * sampling stratum and levels of every calibration variable. Calibration
 * factors are constant within a cell, so raking, post-stratification, GREG
 * and the variance projection all run on these small tables instead of on
 * the respondents.
 */
export interface CalibrationCells {
  readonly respondentCount: number;
  /** Number of levels of each calibration variable. */
  readonly levelCounts: readonly number[];
  readonly cellCount: number;
  /** Level of calibration variable v in cell c at [c · variables + v]. */
  readonly cellLevels: Int32Array;
  /** Joint cell of each respondent. */
  readonly cellOf: Int32Array;
  /** Sampling stratum of each cell. */
  readonly stratumOfCell: Int32Array;
  readonly stratumCount: number;
  /** Respondents per stratum. */
  readonly stratumSize: Float64Array;
  /** Respondents, Σ w0 and Σ w0² per cell. */
  readonly count: Float64Array;
  readonly baseWeight: Float64Array;
  readonly baseWeightSquared: Float64Array;
  /** Base weight w0 of each respondent. */
  readonly respondentBaseWeight: Float64Array;
}

/**
 * Builds the joint calibration cells in one pass over the respondents.
 *
 * Complexity: O(n · variables) time, O(n + cells) memory.
 *
 * @param levels level index of each respondent for each calibration variable
 * @param levelCounts number of levels of each calibration variable
 * @param stratum sampling stratum of each respondent (all 0 for SRS)
 * @param stratumCount number of strata
 * @param baseWeight base (design) weight of each respondent, > 0
 * @param split optional extra key that keeps respondents apart within a cell (e.g. distinct given base
 *   weights, so that per-unit bounds on w/w0 are constant within each cell)
 * @throws {InvalidInputError} on length mismatch, a level index out of range, or a non-positive weight.
 * @example
 * buildCalibrationCells([Int32Array.from([0, 1, 1])], [2], new Int32Array(3), 1, Float64Array.from([2, 2, 2])).count
 * // → Float64Array [1, 2]
 */
export function buildCalibrationCells(
  levels: readonly Int32Array[],
  levelCounts: readonly number[],
  stratum: Int32Array,
  stratumCount: number,
  baseWeight: Float64Array,
  split?: { readonly codes: Int32Array; readonly count: number },
): CalibrationCells {
  const n = baseWeight.length;
  const variables = levels.length;
  if (levelCounts.length !== variables || stratum.length !== n || levels.some((l) => l.length !== n) || (split && split.codes.length !== n)) {
    throw new InvalidInputError('buildCalibrationCells: level, stratum and weight arrays must all have one entry per respondent');
  }
  const cellOf = new Int32Array(n);
  const codeToCell = new Map<number, number>();
  const cellLevelList: number[] = [];
  const stratumList: number[] = [];
  const stratumSize = new Float64Array(stratumCount);
  for (let i = 0; i < n; i++) {
    const w = baseWeight[i];
    if (!(w > 0) || !Number.isFinite(w)) throw new InvalidInputError(`buildCalibrationCells: base weight of respondent ${i} must be positive, got ${w}`);
    const h = stratum[i];
    if (!(h >= 0 && h < stratumCount)) throw new InvalidInputError(`buildCalibrationCells: stratum of respondent ${i} out of range`);
    stratumSize[h]++;
    let code = split ? h * split.count + split.codes[i] : h;
    for (let v = 0; v < variables; v++) {
      const level = levels[v][i];
      if (!(level >= 0 && level < levelCounts[v])) throw new InvalidInputError(`buildCalibrationCells: level of variable ${v} for respondent ${i} out of range`);
      code = code * levelCounts[v] + level;
    }
    let cell = codeToCell.get(code);
    if (cell === undefined) {
      cell = codeToCell.size;
      codeToCell.set(code, cell);
      for (let v = 0; v < variables; v++) cellLevelList.push(levels[v][i]);
      stratumList.push(h);
    }
    cellOf[i] = cell;
  }
  const cellCount = codeToCell.size;
  const count = new Float64Array(cellCount);
  const weightSum = new Float64Array(cellCount);
  const weightSquaredSum = new Float64Array(cellCount);
  for (let i = 0; i < n; i++) {
    const c = cellOf[i];
    const w = baseWeight[i];
    count[c]++;
    weightSum[c] += w;
    weightSquaredSum[c] += w * w;
  }
  return {
    respondentCount: n,
    levelCounts: [...levelCounts],
    cellCount,
    cellLevels: Int32Array.from(cellLevelList),
    cellOf,
    stratumOfCell: Int32Array.from(stratumList),
    stratumCount,
    stratumSize,
    count,
    baseWeight: weightSum,
    baseWeightSquared: weightSquaredSum,
    respondentBaseWeight: baseWeight,
  };
}

/** A calibration margin: a crossing of calibration variables with a population total per cell. */
export interface Margin {
  /** Indices of the calibration variables crossed in this margin. */
  readonly variables: readonly number[];
  /** Population total of each margin cell, indexed by the mixed-radix code of the variables' levels (first variable most significant). */
  readonly totals: Float64Array;
}

/**
 * Margin cell of every joint cell: the mixed-radix code of the margin's
 * variables' levels. Complexity: O(cells · margin variables).
 *
 * @example
 * marginCellOfCells(cells, { variables: [0], totals }) // → Int32Array of margin cells per joint cell
 */
export function marginCellOfCells(cells: CalibrationCells, margin: Margin): Int32Array {
  const variables = cells.levelCounts.length;
  const result = new Int32Array(cells.cellCount);
  for (let c = 0; c < cells.cellCount; c++) {
    let code = 0;
    for (const v of margin.variables) code = code * cells.levelCounts[v] + cells.cellLevels[c * variables + v];
    result[c] = code;
  }
  return result;
}
