import { describe, expect, it } from 'vitest';
import { clopperPearsonInterval } from '../../analysis/clopper-pearson-interval';
import { effectiveWilsonInterval } from '../../analysis/effective-wilson-interval';
import { InvalidInputError } from '../../analysis/invalid-input-error';
import { kornGraubardInterval } from '../../analysis/korn-graubard-interval';
import { logitInterval } from '../../analysis/logit-interval';

describe('logitInterval', () => {
  it('matches svyciprop(method = "logit") on the raked toy design', () => {
    // Reference README: [0.0652933559, 0.1587388280]; p and SE from svymean(~utsatt, drk). R's IRLS tolerance leaves ~1e-9.
    const [lo, hi] = logitInterval(0.1029847281, 0.0232472907, 166);
    expect(lo).toBeCloseTo(0.0652933559, 8);
    expect(hi).toBeCloseTo(0.158738828, 8);
  });
  it('stays inside (0, 1) and rejects p at the boundary', () => {
    const [lo, hi] = logitInterval(0.01, 0.05, 10);
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeLessThan(1);
    expect(() => logitInterval(0, 0.1, 10)).toThrow(InvalidInputError);
    expect(() => logitInterval(0.5, -1, 10)).toThrow(/se/);
  });
});

describe('kornGraubardInterval', () => {
  it('matches svyciprop(method = "beta") on the raked toy design', () => {
    // Reference README: [0.0617836194, 0.1586009011]
    const [lo, hi] = kornGraubardInterval(0.1029847281, 0.0232472907, 166, 166, 167);
    expect(lo).toBeCloseTo(0.0617836194, 9);
    expect(hi).toBeCloseTo(0.1586009011, 9);
  });
  it('is Clopper–Pearson when the effective n is the binomial n', () => {
    const p = 18 / 167;
    const se = Math.sqrt((p * (1 - p)) / 167);
    const [lo, hi] = kornGraubardInterval(p, se, 166, 166, 167);
    const [cpLo, cpHi] = clopperPearsonInterval(18, 167);
    expect(lo).toBeCloseTo(cpLo, 12);
    expect(hi).toBeCloseTo(cpHi, 12);
    expect(kornGraubardInterval(0, 0, 9, 9, 10)[0]).toBe(0);
    expect(() => kornGraubardInterval(0.5, 0.1, 0, 5, 6)).toThrow(InvalidInputError);
  });
});

describe('clopperPearsonInterval', () => {
  it('matches binom.test(18, 167)$conf.int', () => {
    // Reference README: [0.0651432887, 0.1649902078]
    const [lo, hi] = clopperPearsonInterval(18, 167);
    expect(lo).toBeCloseTo(0.0651432887, 10);
    expect(hi).toBeCloseTo(0.1649902078, 10);
    // binom.test(0, 10)$conf.int → 0 0.3084971
    expect(clopperPearsonInterval(0, 10)[1]).toBeCloseTo(0.3084971, 7);
    expect(clopperPearsonInterval(10, 10)[1]).toBe(1);
  });
  it('rejects bad input', () => {
    expect(() => clopperPearsonInterval(3.5, 10)).toThrow(InvalidInputError);
    expect(() => clopperPearsonInterval(11, 10)).toThrow(/x must/);
  });
});

describe('effectiveWilsonInterval', () => {
  it('equals the Wilson interval when the design is binomial', () => {
    // Reference README Wilson for 18 of 167: [0.0692734689, 0.1639337344]
    const p = 18 / 167;
    const [lo, hi] = effectiveWilsonInterval(p, Math.sqrt((p * (1 - p)) / 167), 167);
    expect(lo).toBeCloseTo(0.0692734689, 9);
    expect(hi).toBeCloseTo(0.1639337344, 9);
    expect(() => effectiveWilsonInterval(0.2, 0.1, 0)).toThrow(InvalidInputError);
  });
});
