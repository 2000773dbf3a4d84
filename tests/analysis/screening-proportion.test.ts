import { describe, expect, it } from 'vitest';
import { screeningProportion } from '../../analysis/screening-proportion';
import { InvalidInputError } from '../../analysis/invalid-input-error';

describe('screeningProportion', () => {
  it('matches the published Wilson interval for x = 18 of n = 167', () => {
    // ../shared/reference/README.md: Wilson [0.0692734689, 0.1639337344]
    const result = screeningProportion(18, 167);
    expect(result.x).toBe(18);
    expect(result.n).toBe(167);
    expect(result.p).toBeCloseTo(18 / 167, 14);
    expect(result.ci![0]).toBeCloseTo(0.0692734689, 9);
    expect(result.ci![1]).toBeCloseTo(0.1639337344, 9);
  });

  it.each([
    // R: sprintf("%.10f", prop.test(x, n, correct = FALSE)$conf.int)
    [46, 57, 0.6865930975, 0.8886725302],
    [29, 46, 0.4860009642, 0.7547624541],
    [13, 17, 0.5273820188, 0.9044495568],
    [1, 10, 0.0178762131, 0.4041500268],
    [2, 2, 0.3423802275, 1],
  ])('matches R prop.test for %i of %i', (x, n, lo, hi) => {
    const { ci } = screeningProportion(x, n);
    expect(ci![0]).toBeCloseTo(lo, 9);
    expect(ci![1]).toBeCloseTo(hi, 9);
  });

  it('represents n = 0 as p = null and ci = null, never NaN', () => {
    expect(screeningProportion(0, 0)).toEqual({ x: 0, n: 0, p: null, ci: null });
  });

  it('rejects counts that are not integers in [0, n]', () => {
    expect(() => screeningProportion(3, 2)).toThrow(InvalidInputError);
    expect(() => screeningProportion(1.5, 4)).toThrow(/screeningProportion: x/);
    expect(() => screeningProportion(0, -1)).toThrow(/screeningProportion: n/);
    expect(() => screeningProportion(0, Number.NaN)).toThrow(/screeningProportion: n/);
  });
});
