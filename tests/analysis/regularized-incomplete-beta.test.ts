import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../analysis/invalid-input-error';
import { logBeta, logGamma } from '../../analysis/log-beta';
import { regularizedIncompleteBeta } from '../../analysis/regularized-incomplete-beta';

describe('regularizedIncompleteBeta and log-gamma/beta', () => {
  it('matches closed forms and R', () => {
    // I_0.5(2, 3) = 11/16 (R: pbeta(0.5, 2, 3))
    expect(regularizedIncompleteBeta(0.5, 2, 3)).toBeCloseTo(0.6875, 14);
    // I_x(1, 1) = x
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    // R: sprintf("%.17g", c(lgamma(0.5), lgamma(3.7), lbeta(50000, 0.5)))
    expect(logGamma(0.5)).toBeCloseTo(0.57236494292470008, 13);
    expect(logGamma(3.7)).toBeCloseTo(1.4280723266653881, 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logBeta(50000, 0.5)).toBeCloseTo(-4.8375216992804413, 11);
    expect(logBeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 13);
    expect(logBeta(30, 40)).toBeCloseTo(logGamma(30) + logGamma(40) - logGamma(70), 9);
  });

  it('rejects bad input', () => {
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow(InvalidInputError);
    expect(() => regularizedIncompleteBeta(0.5, 0, 1)).toThrow(/positive/);
    expect(() => logGamma(-1)).toThrow(/logGamma/);
    expect(() => logBeta(1, 0)).toThrow(/logBeta/);
  });
});
