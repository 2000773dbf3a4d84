import { describe, expect, it } from 'vitest';
import { allocateSample, type StratumSize } from '../../../domain/sampling/allocate-sample';
import { largestRemainder } from '../../../domain/sampling/largest-remainder';
import { expectedHalfWidth, precisionSampleSize, Z_95 } from '../../../domain/sampling/precision-sample-size';
import { SamplingInputError } from '../../../domain/sampling/sampling-input-error';

const s = (kon: string, aldersgrupp: string, omrade: string, N: number): StratumSize => ({ stratum: { kon, aldersgrupp, omrade }, N });

describe('largestRemainder', () => {
  it('hand-computed: quotas 3.5, 2.1, 1.4 → 4, 2, 1', () => {
    expect(largestRemainder([500, 300, 200], 7, [500, 300, 200])).toEqual([4, 2, 1]);
  });

  it('hand-computed: quotas 3.333… each of 10 over three equal units → 4, 3, 3 (tie to the first)', () => {
    expect(largestRemainder([1, 1, 1], 10, [10, 10, 10])).toEqual([4, 3, 3]);
  });

  it('caps: a unit whose quota exceeds its cap is fixed and the rest re-split', () => {
    // quotas 90·(100/110)=81.8 > cap 5 → 5; remaining 85 split 100:10 … the big one gets everything it can.
    expect(largestRemainder([100, 10], 90, [1000, 5])).toEqual([85, 5]);
    // quotas 2, 2, 16; cap 1 binds → 1; the other 19 split 10:80 → 2.11, 16.89 → 2, 17
    expect(largestRemainder([10, 10, 80], 20, [1, 50, 50])).toEqual([1, 2, 17]);
  });

  it('always sums to the total and respects caps', () => {
    const weights = [13, 7, 1, 29, 3, 11];
    for (let total = 0; total <= 64; total++) {
      const n = largestRemainder(weights, total, weights);
      expect(n.reduce((a, b) => a + b, 0)).toBe(total);
      n.forEach((value, i) => expect(value).toBeLessThanOrEqual(weights[i]));
    }
  });

  it.each([
    [[1], 2, [1], 'kan inte fördelas'],
    [[1], -1, [1], 'icke-negativt heltal'],
    [[1], 1.5, [2], 'icke-negativt heltal'],
    [[-1], 1, [2], 'icke-negativa tal'],
    [[1, 2], 1, [2], 'lika många'],
  ])('throws for %j, %d, %j', (weights, total, caps, message) => {
    expect(() => largestRemainder(weights, total, caps)).toThrow(SamplingInputError);
    expect(() => largestRemainder(weights, total, caps)).toThrow(message);
  });
});

describe('precisionSampleSize (Cochran 1977 §4.4)', () => {
  it('hand-computed: h = 0.05, p = 0.3, r = 0.45, N = 10 000', () => {
    // n_resp = 1.959964² · 0.21 / 0.0025 = 3.841459 · 84 = 322.6825; fpc: 322.6825 / (1 + 321.6825/10000) = 312.626;
    // invited = ceil(312.626/0.45) = ceil(694.72) = 695
    const nResp = (Z_95 ** 2 * 0.21) / 0.0025;
    expect(nResp).toBeCloseTo(322.6825, 3);
    const result = precisionSampleSize({ halfWidth: 0.05, prevalence: 0.3, responseRate: 0.45 }, 10_000);
    expect(result.respondents).toBeCloseTo(312.626, 2);
    expect(result.invited).toBe(695);
  });

  it('the fpc matters in a small område, and invited never exceeds N', () => {
    // p = 0.5, h = 0.05: n_resp = 384.15; N = 500: 384.15/(1 + 383.15/500) = 217.5; r = 0.4 → 544 > 500 → 500
    const result = precisionSampleSize({ halfWidth: 0.05, prevalence: 0.5, responseRate: 0.4 }, 500);
    expect(result.respondents).toBeCloseTo(217.49, 1);
    expect(result.invited).toBe(500);
  });

  it('expectedHalfWidth inverts it: 312.63 respondents of 10 000 at p = 0.3 give h = 0.05', () => {
    expect(expectedHalfWidth(312.628, 10_000, 0.3)).toBeCloseTo(0.05, 4);
    expect(expectedHalfWidth(0, 100, 0.3)).toBeNull();
  });

  it.each([
    [{ halfWidth: 0, prevalence: 0.3, responseRate: 0.5 }, 100, 'halvbredden'],
    [{ halfWidth: 0.05, prevalence: 1, responseRate: 0.5 }, 100, 'andelen'],
    [{ halfWidth: 0.05, prevalence: 0.3, responseRate: 0 }, 100, 'svarsfrekvensen'],
    [{ halfWidth: 0.05, prevalence: 0.3, responseRate: 0.5 }, 0, 'N ska'],
  ])('throws for %j, N = %d', (target, N, message) => {
    expect(() => precisionSampleSize(target, N)).toThrow(message);
  });
});

describe('allocateSample', () => {
  const strata = [
    s('kvinna', '18-44', 'norr', 500),
    s('man', '18-44', 'norr', 300),
    s('kvinna', '18-44', 'syd', 150),
    s('man', '18-44', 'syd', 50),
  ];

  it('proportional: n_h = n·N_h/N with largest remainder (hand-computed 100 of 1 000 → 50, 30, 15, 5)', () => {
    const allocation = allocateSample(strata, { method: 'proportional', total: 100 });
    expect(allocation.strata.map((x) => x.n)).toEqual([50, 30, 15, 5]);
    expect(allocation.n).toBe(100);
    expect(allocation.omraden.map((o) => [o.omrade, o.N, o.n])).toEqual([['norr', 800, 80], ['syd', 200, 20]]);
    expect(allocation.omraden[0].expectedResponses).toBeNull();
  });

  it('proportional with rounding: 7 of 1 000 → quotas 3.5, 2.1, 1.05, 0.35 → 4, 2, 1, 0', () => {
    expect(allocateSample(strata, { method: 'proportional', total: 7 }).strata.map((x) => x.n)).toEqual([4, 2, 1, 0]);
  });

  it('equal per område: 100 each, split proportionally within (norr 500:300 → 63 + 37 (62.5, 37.5 tie → larger N); syd 150:50 → 75, 25)', () => {
    const allocation = allocateSample(strata, { method: 'equal', perOmrade: 100 }, { expectedResponseRate: 0.5, expectedPrevalence: 0.3 });
    expect(allocation.strata.map((x) => x.n)).toEqual([63, 37, 75, 25]);
    expect(allocation.omraden.map((o) => o.n)).toEqual([100, 100]);
    const syd = allocation.omraden[1];
    expect(syd.expectedResponses).toBe(50);
    // h = 1.959964 · sqrt(0.21/50 · (1 − 50/200)) = 1.959964 · sqrt(0.00315) = 0.110002
    expect(syd.expectedHalfWidth).toBeCloseTo(0.110002, 5);
  });

  it('equal per område is capped at N_område', () => {
    const allocation = allocateSample(strata, { method: 'equal', perOmrade: 300 });
    expect(allocation.omraden.map((o) => o.n)).toEqual([300, 200]);
    expect(allocation.strata.map((x) => x.n)).toEqual([188, 112, 150, 50]);
  });

  it('precision: per område from Cochran with fpc, then proportional within', () => {
    // norr N = 800: n_resp = 322.6825, fpc → 322.6825/(1 + 321.6825/800) = 230.14, /0.45 → 511.4 → 512
    // syd N = 200: 322.6825/(1 + 321.6825/200) = 123.86, /0.45 → 275.2 → 276 > 200 → 200
    const allocation = allocateSample(strata, { method: 'precision', targetHalfWidth: 0.05, expectedPrevalence: 0.3, expectedResponseRate: 0.45 });
    expect(allocation.omraden.map((o) => o.n)).toEqual([512, 200]);
    expect(allocation.strata.map((x) => x.n)).toEqual([320, 192, 150, 50]);
    expect(allocation.omraden[0].expectedHalfWidth).toBeLessThanOrEqual(0.05);
    expect(allocation.expectedResponseRate).toBe(0.45);
  });

  it('never allocates more than N_h', () => {
    for (const total of [1, 10, 333, 999, 1000]) {
      const allocation = allocateSample(strata, { method: 'proportional', total });
      expect(allocation.n).toBe(total);
      allocation.strata.forEach((x) => expect(x.n).toBeLessThanOrEqual(x.N));
    }
  });

  it('error branches', () => {
    expect(() => allocateSample([], { method: 'proportional', total: 1 })).toThrow('inga strata');
    expect(() => allocateSample(strata, { method: 'proportional', total: 1001 })).toThrow('större än ramen');
    expect(() => allocateSample(strata, { method: 'proportional', total: 0 })).toThrow('positivt heltal');
    expect(() => allocateSample(strata, { method: 'equal', perOmrade: 1.5 })).toThrow('positivt heltal');
    expect(() => allocateSample([s('k', 'a', 'o', 0)], { method: 'proportional', total: 1 })).toThrow('N_h');
    expect(() => allocateSample(strata, { method: 'proportional', total: 1 }, { expectedResponseRate: 1.5 })).toThrow('svarsfrekvensen');
  });
});
