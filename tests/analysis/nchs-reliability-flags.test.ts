import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../analysis/invalid-input-error';
import { nchsReliabilityFlags } from '../../analysis/nchs-reliability-flags';

describe('nchsReliabilityFlags (NCHS 2017 standard for proportions)', () => {
  it('passes a precise estimate', () => {
    expect(nchsReliabilityFlags({ p: 0.1303, se: 0.0332, n: 94, df: 93, rowsDf: 166 })).toEqual([]);
  });
  it('flags small n, small effective n, wide and relatively wide intervals, few df and p = 0', () => {
    expect(nchsReliabilityFlags({ p: 0.5, se: 0.2, n: 20, df: 19, rowsDf: 19 })).toEqual(['n<30', 'neff<30', 'ciWidth>0.30']);
    // width ≈ 0.11 > 0.05 and relative width > 130% of p = 0.04
    expect(nchsReliabilityFlags({ p: 0.04, se: 0.025, n: 200, df: 199, rowsDf: 199 })).toContain('relCiWidth>130%');
    expect(nchsReliabilityFlags({ p: 0.3, se: 0.01, n: 1000, df: 5, rowsDf: 5 })).toContain('df<8');
    expect(nchsReliabilityFlags({ p: 0, se: 0, n: 40, df: 39, rowsDf: 39 })).toContain('p=0|1');
  });
  it('caps the effective n at n (design effect floored at 1)', () => {
    expect(nchsReliabilityFlags({ p: 0.5, se: 0.0001, n: 25, df: 24, rowsDf: 24 })).toContain('neff<30');
  });
  it('rejects bad input', () => {
    expect(() => nchsReliabilityFlags({ p: 2, se: 0.1, n: 10, df: 9, rowsDf: 9 })).toThrow(InvalidInputError);
  });
});
