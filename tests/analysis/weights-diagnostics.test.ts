import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../analysis/invalid-input-error';
import { kishEffectiveSampleSize } from '../../analysis/kish-effective-sample-size';
import { trimWeights } from '../../analysis/trim-weights';
import { weightingDesignEffect } from '../../analysis/weighting-design-effect';

describe('kishEffectiveSampleSize and weightingDesignEffect', () => {
  it('give n and 1 for equal weights, and n/(1 + CV²) otherwise', () => {
    expect(kishEffectiveSampleSize(new Float64Array(10).fill(3))).toBeCloseTo(10, 12);
    expect(weightingDesignEffect(new Float64Array(10).fill(3))).toBeCloseTo(1, 12);
    const w = Float64Array.from([1, 1, 2, 4]);
    expect(kishEffectiveSampleSize(w)).toBeCloseTo(64 / 22, 12);
    expect(weightingDesignEffect(w) * kishEffectiveSampleSize(w)).toBeCloseTo(4, 12);
  });
  it('reject bad weights', () => {
    expect(() => kishEffectiveSampleSize([])).toThrow(InvalidInputError);
    expect(() => weightingDesignEffect([1, -1])).toThrow(/non-negative/);
  });
});

describe('trimWeights', () => {
  it('clips and shares the excess equally, keeping the total (R trimWeights)', () => {
    const trimmed = trimWeights(Float64Array.from([1, 2, 3, 10]), 0, 6);
    expect(Array.from(trimmed)).toEqual([1 + 4 / 3, 2 + 4 / 3, 3 + 4 / 3, 6]);
    expect(trimmed.reduce((a, b) => a + b, 0)).toBeCloseTo(16, 12);
    expect(Array.from(trimWeights(Float64Array.from([1, 2]), 0, 5))).toEqual([1, 2]);
    expect(() => trimWeights(Float64Array.from([1]), 2, 1)).toThrow(InvalidInputError);
    expect(() => trimWeights(Float64Array.from([10, 10]), 0, 5)).toThrow(/every weight/);
  });
});
