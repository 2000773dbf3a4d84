import { describe, expect, it } from 'vitest';
import { buildCalibrationCells } from '../../analysis/calibration-cells';
import { calibrate } from '../../analysis/calibrate';
import { InvalidInputError } from '../../analysis/invalid-input-error';
import { postStratify } from '../../analysis/post-stratify';
import { rake } from '../../analysis/rake';

// Four respondents in a 2 × 2 table of (a, b), base weight 10 each.
const cells = buildCalibrationCells([Int32Array.from([0, 0, 1, 1]), Int32Array.from([0, 1, 0, 1])], [2, 2], new Int32Array(4), 1, new Float64Array(4).fill(10));
const marginA = { variables: [0], totals: Float64Array.from([30, 70]) };
const marginB = { variables: [1], totals: Float64Array.from([60, 40]) };

describe('rake, postStratify, calibrate in cell space', () => {
  it('rake reproduces both margins and agrees with raking calibration', () => {
    const raked = rake(cells, [marginA, marginB]);
    expect(raked.converged).toBe(true);
    expect(raked.maxMarginError).toBeLessThan(1e-9 * 100);
    const w = Array.from(raked.factor, (g, c) => g * cells.baseWeight[c]);
    expect(w[0] + w[1]).toBeCloseTo(30, 9);
    expect(w[0] + w[2]).toBeCloseTo(60, 9);
    const raking = calibrate(cells, [marginA, marginB], { calfun: 'raking' });
    raking.factor.forEach((g, c) => expect(g).toBeCloseTo(raked.factor[c], 9));
  });
  it('rake reports non-convergence when the iteration limit is too low', () => {
    const skew = buildCalibrationCells([Int32Array.from([0, 0, 1, 1, 1]), Int32Array.from([0, 1, 0, 1, 1])], [2, 2], new Int32Array(5), 1, new Float64Array(5).fill(20));
    const raked = rake(skew, [marginA, { variables: [1], totals: Float64Array.from([10, 90]) }], { maxIterations: 1 });
    expect(raked.converged).toBe(false);
    expect(raked.iterations).toBe(1);
  });
  it('post-stratification sets each cell to its total', () => {
    const cross = { variables: [0, 1], totals: Float64Array.from([10, 20, 30, 40]) };
    const ps = postStratify(cells, cross);
    expect(Array.from(ps.factor, (g, c) => g * cells.baseWeight[c])).toEqual([10, 20, 30, 40].map((x) => expect.closeTo(x, 12)));
  });
  it('linear calibration respects bounds', () => {
    const bounded = calibrate(cells, [marginA, marginB], { calfun: 'linear', bounds: [0.5, 2] });
    for (const g of bounded.factor) {
      expect(g).toBeGreaterThanOrEqual(0.5 - 1e-12);
      expect(g).toBeLessThanOrEqual(2 + 1e-12);
    }
  });
  it('rejects bad options', () => {
    expect(() => rake(cells, [])).toThrow(InvalidInputError);
    expect(() => rake(cells, [marginA], { tolerance: 0 })).toThrow(/tolerance/);
    expect(() => calibrate(cells, [marginA], { bounds: [1.2, 2] })).toThrow(/bounds/);
    expect(() => buildCalibrationCells([Int32Array.from([0])], [1], new Int32Array(1), 1, Float64Array.from([0]))).toThrow(/positive/);
  });
});
