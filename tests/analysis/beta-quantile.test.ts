import { describe, expect, it } from 'vitest';
import { betaQuantile } from '../../analysis/beta-quantile';
import { InvalidInputError } from '../../analysis/invalid-input-error';
import { regularizedIncompleteBeta } from '../../analysis/regularized-incomplete-beta';

describe('betaQuantile', () => {
  it('matches R qbeta', () => {
    // R: sprintf("%.17g", qbeta(p, a, b))
    const cases: [number, number, number, number][] = [
      [0.025, 18, 150, 0.065143288690635098],
      [0.975, 19, 149, 0.16499020779115336],
      [0.5, 0.5, 0.5, 0.49999999999999989],
      [0.001, 0.3, 200, 3.4924580335994631e-13],
      [0.999, 500, 3, 0.99961976563545318],
      [0.025, 17.4, 160.2, 0.058857612207937372],
      [0.3, 2, 3, 0.2723839420751053],
    ];
    for (const [p, a, b, q] of cases) expect(Math.abs(betaQuantile(p, a, b) - q) / q).toBeLessThan(1e-11);
  });

  it('inverts the regularized incomplete beta', () => {
    for (const [a, b] of [[0.7, 3], [5, 5], [40, 2.5]]) {
      for (const p of [0.001, 0.2, 0.5, 0.97]) expect(regularizedIncompleteBeta(betaQuantile(p, a, b), a, b)).toBeCloseTo(p, 12);
    }
  });

  it('handles degenerate shapes and ends as R does', () => {
    expect(betaQuantile(0.3, 0, 5)).toBe(0);
    expect(betaQuantile(0.3, 5, 0)).toBe(1);
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
  });

  it('rejects bad input', () => {
    expect(() => betaQuantile(1.2, 1, 1)).toThrow(InvalidInputError);
    expect(() => betaQuantile(0.5, -1, 1)).toThrow(/shapes/);
    expect(() => betaQuantile(0.5, 0, 0)).toThrow(/both zero/);
  });
});
