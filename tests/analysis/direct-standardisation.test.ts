import { describe, expect, it } from 'vitest';
import { directlyStandardisedProportion, directlyStandardisedRate } from '../../analysis/direct-standardisation';
import { gammaQuantile } from '../../analysis/gamma-quantile';
import { InvalidInputError } from '../../analysis/invalid-input-error';
import { regularizedLowerGamma } from '../../analysis/regularized-lower-gamma';

/**
 * R 4.2: `ageadjust.direct` below is epitools::ageadjust.direct (0.5-10) transcribed in base R:
 *   stdwt <- stdpop/sum(stdpop); dsr <- sum(stdwt*count/pop); dsr.var <- sum(stdwt^2*count/pop^2)
 *   wm <- max(stdwt/pop)
 *   lci <- qgamma(alpha/2, shape = dsr^2/dsr.var, scale = dsr.var/dsr)
 *   uci <- qgamma(1-alpha/2, shape = (dsr+wm)^2/(dsr.var+wm^2), scale = (dsr.var+wm^2)/(dsr+wm))
 */
const rel = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

// Eight strata kvinna/man × 18-29, 30-44, 45-64, 65-85.
const W = [120, 150, 240, 190, 125, 155, 245, 165].map((v) => v * 1000);
const x = [12, 30, 41, 9, 4, 11, 15, 2];
const n = [9800, 14200, 19500, 14100, 10300, 14800, 19900, 12400];

describe('directlyStandardisedRate (Fay–Feuer gamma interval)', () => {
  it('matches epitools::ageadjust.direct on two strata', () => {
    // R: 1000*ageadjust.direct(c(5,20), c(1000,2000), stdpop=c(3000,2000))
    //    → 8.3333333333333339, 7, 4.204637740265377, 11.324553924642172
    // R: 1000*sqrt(sum((c(3000,2000)/5000)^2*c(5,20)/c(1000,2000)^2)) → 1.6124515496597098
    const r = directlyStandardisedRate([5, 20], [1000, 2000], [3000, 2000], { multiplier: 1000 });
    expect(rel(r.crudeRate, 8.3333333333333339)).toBeLessThan(1e-14);
    expect(rel(r.estimate, 7)).toBeLessThan(1e-14);
    expect(rel(r.se, 1.6124515496597098)).toBeLessThan(1e-14);
    expect(rel(r.ci[0], 4.204637740265377)).toBeLessThan(1e-12);
    expect(rel(r.ci[1], 11.324553924642172)).toBeLessThan(1e-12);
  });

  it('matches epitools::ageadjust.direct on eight kön × åldersgrupp strata, 95% and 99.8%', () => {
    // R: 1000*ageadjust.direct(x, n, stdpop=W) → 1.0782608695652174, 1.0537876448949943, 0.87593836291793847, 1.2585025089685224
    const r = directlyStandardisedRate(x, n, W, { multiplier: 1000 });
    expect(rel(r.crudeRate, 1.0782608695652174)).toBeLessThan(1e-13);
    expect(rel(r.estimate, 1.0537876448949943)).toBeLessThan(1e-13);
    expect(rel(r.ci[0], 0.87593836291793847)).toBeLessThan(1e-11);
    expect(rel(r.ci[1], 1.2585025089685224)).toBeLessThan(1e-11);
    // R: 1000*sqrt(sum((W/sum(W))^2*x/n^2)) → 0.094939642311786102
    expect(rel(r.se, 0.094939642311786102)).toBeLessThan(1e-13);
    // R: 1000*ageadjust.direct(x, n, stdpop=W, conf.level=0.998) → …, 0.78458022912209713, 1.3829407085115484
    const wide = directlyStandardisedRate(x, n, W, { multiplier: 1000, level: 0.998 });
    expect(rel(wide.ci[0], 0.78458022912209713)).toBeLessThan(1e-11);
    expect(rel(wide.ci[1], 1.3829407085115484)).toBeLessThan(1e-11);
  });

  it('gives lower limit 0 and the gamma upper limit when every count is zero', () => {
    // R: w <- c(1,2,2,1)/6; wm <- max(w/c(300,400,500,350)); 1000*qgamma(0.975, shape=1, scale=wm) → 3.0740662117616129
    const r = directlyStandardisedRate([0, 0, 0, 0], [300, 400, 500, 350], [1, 2, 2, 1], { multiplier: 1000 });
    expect(r.estimate).toBe(0);
    expect(r.ci[0]).toBe(0);
    expect(rel(r.ci[1], 3.0740662117616129)).toBeLessThan(1e-12);
  });

  it('equals the crude rate when the standard population is the area itself', () => {
    const r = directlyStandardisedRate(x, n, n);
    expect(rel(r.estimate, r.crudeRate)).toBeLessThan(1e-14);
  });

  it('rejects bad input naming the function', () => {
    expect(() => directlyStandardisedRate([1, 2], [10], [1, 1])).toThrow(/directlyStandardisedRate: counts and population/);
    expect(() => directlyStandardisedRate([1.5], [10], [1])).toThrow(/counts\[0\] must be an integer/);
    expect(() => directlyStandardisedRate([-1], [10], [1])).toThrow(InvalidInputError);
    expect(() => directlyStandardisedRate([1], [0], [1])).toThrow(/population\[0\] must be a positive/);
    expect(() => directlyStandardisedRate([1], [10], [0])).toThrow(/positive total/);
    expect(() => directlyStandardisedRate([1], [10], [-1])).toThrow(/standardPopulation\[0\]/);
    expect(() => directlyStandardisedRate([1], [10], [1, 2])).toThrow(/one entry per stratum/);
    expect(() => directlyStandardisedRate([], [], [])).toThrow(/one entry per stratum/);
    expect(() => directlyStandardisedRate([1], [10], [1], { level: 1 })).toThrow(/level/);
    expect(() => directlyStandardisedRate([1], [10], [1], { multiplier: 0 })).toThrow(/multiplier/);
  });
});

describe('directlyStandardisedProportion', () => {
  const pk = [0.42, 0.38, 0.31, 0.22, 0.28, 0.25, 0.21, 0.12];
  const sek = [0.05, 0.04, 0.03, 0.035, 0.055, 0.045, 0.03, 0.03];
  const strata = pk.map((proportion, k) => ({ proportion, se: sek[k] }));

  it('matches the hand computation in R (logit, normal and t intervals)', () => {
    // R: w <- W/sum(W); dsp <- sum(w*pk); se <- sqrt(sum(w^2*sek^2))
    //    → dsp 0.26517985611510791, se 0.013314285494532003
    // R: plogis(qlogis(dsp) + c(-1,1)*qnorm(0.975)*se/(dsp*(1-dsp))) → 0.23991653829290091, 0.29208114905850008
    // R: dsp + c(-1,1)*qnorm(0.975)*se → 0.23908433606594112, 0.29127537616427468
    // R: plogis(qlogis(dsp) + c(-1,1)*qt(0.975, 300)*se/(dsp*(1-dsp))) → 0.23981763204283482, 0.29219332494886485
    // R: dsp*(1-dsp)/se^2 → 1099.2231179950584
    const r = directlyStandardisedProportion(strata, W);
    expect(rel(r.estimate, 0.26517985611510791)).toBeLessThan(1e-14);
    expect(rel(r.se, 0.013314285494532003)).toBeLessThan(1e-14);
    expect(rel(r.ci![0], 0.23991653829290091)).toBeLessThan(1e-13);
    expect(rel(r.ci![1], 0.29208114905850008)).toBeLessThan(1e-13);
    expect(rel(r.effectiveN!, 1099.2231179950584)).toBeLessThan(1e-12);
    const normal = directlyStandardisedProportion(strata, W, { interval: 'normal' });
    expect(rel(normal.ci![0], 0.23908433606594112)).toBeLessThan(1e-13);
    expect(rel(normal.ci![1], 0.29127537616427468)).toBeLessThan(1e-13);
    const t = directlyStandardisedProportion(strata, W, { df: 300 });
    expect(rel(t.ci![0], 0.23981763204283482)).toBeLessThan(1e-12);
    expect(rel(t.ci![1], 0.29219332494886485)).toBeLessThan(1e-12);
  });

  it('matches the two-stratum example by hand', () => {
    // 0.6·0.1 + 0.4·0.3 = 0.18; R: sqrt(0.6^2*0.02^2+0.4^2*0.05^2) → 0.023323807579381208
    // R: plogis(qlogis(0.18) + c(-1,1)*qnorm(0.975)*se/(0.18*0.82)) → 0.13870810120493682, 0.23029730194565221
    const r = directlyStandardisedProportion([{ proportion: 0.1, se: 0.02 }, { proportion: 0.3, se: 0.05 }], [600, 400]);
    expect(r.estimate).toBeCloseTo(0.18, 15);
    expect(r.weights).toEqual([0.6, 0.4]);
    expect(rel(r.se, 0.023323807579381208)).toBeLessThan(1e-14);
    expect(rel(r.ci![0], 0.13870810120493682)).toBeLessThan(1e-13);
    expect(rel(r.ci![1], 0.23029730194565221)).toBeLessThan(1e-13);
  });

  it('reproduces a single stratum and scale-free weights', () => {
    const one = directlyStandardisedProportion([{ proportion: 0.25, se: 0.03 }], [123]);
    expect(one.estimate).toBe(0.25);
    expect(one.se).toBeCloseTo(0.03, 15);
    const scaled = directlyStandardisedProportion(strata, W.map((v) => v / 1000));
    expect(rel(scaled.estimate, 0.26517985611510791)).toBeLessThan(1e-14);
  });

  it('has no logit interval at 0 or 1 and no effective n when SE is 0', () => {
    const zero = directlyStandardisedProportion([{ proportion: 0, se: 0 }, { proportion: 0, se: 0 }], [1, 1]);
    expect(zero.ci).toBeNull();
    expect(zero.effectiveN).toBeNull();
    expect(directlyStandardisedProportion([{ proportion: 0, se: 0 }], [1], { interval: 'normal' }).ci).toEqual([0, 0]);
  });

  it('rejects bad input naming the function', () => {
    expect(() => directlyStandardisedProportion([{ proportion: 1.2, se: 0 }], [1])).toThrow(/directlyStandardisedProportion: strata\[0\].proportion/);
    expect(() => directlyStandardisedProportion([{ proportion: 0.2, se: -1 }], [1])).toThrow(/strata\[0\].se/);
    expect(() => directlyStandardisedProportion([{ proportion: 0.2, se: Number.NaN }], [1])).toThrow(InvalidInputError);
    expect(() => directlyStandardisedProportion([{ proportion: 0.2, se: 0.1 }], [1, 1])).toThrow(/one entry per stratum/);
    expect(() => directlyStandardisedProportion([{ proportion: 0.2, se: 0.1 }], [1], { level: 0 })).toThrow(/level/);
  });
});

describe('gammaQuantile and regularizedLowerGamma', () => {
  it('match R qgamma and pgamma', () => {
    // R: sprintf("%.17g", qgamma(p, shape = a, scale = s))
    const quantiles: [number, number, number, number][] = [
      [0.025, 0.3, 1, 3.185679031739166e-6],
      [0.975, 0.3, 1, 1.9002636428388271],
      [0.5, 1, 1, 0.69314718055994529],
      [0.001, 50, 2, 61.917939206936623],
      [0.999, 1500, 0.001, 1.622539415351262],
      [0.025, 3.7, 0.01, 0.0094087246437750526],
      [0.9, 0.05, 1, 0.07631711390918848],
      [0.1, 0.05, 1, 5.8446320572865632e-21],
      [0.975, 12.5, 0.4, 8.1292938240550416],
    ];
    for (const [p, a, s, q] of quantiles) expect(rel(gammaQuantile(p, a, s), q)).toBeLessThan(1e-12);
    // R: sprintf("%.17g", pgamma(x, a))
    const cdf: [number, number, number][] = [
      [0.5, 0.1, 0.34527915398142295],
      [3, 2, 0.3233235838169366],
      [3, 10, 0.9972306042844884],
      [100, 90, 0.15822098918643021],
      [100, 120, 0.9721362601094794],
      [0.2, 5, 0.99964422755507332],
      [2.5, 1.3, 0.23863473215498607],
    ];
    for (const [a, xx, v] of cdf) expect(rel(regularizedLowerGamma(a, xx), v)).toBeLessThan(1e-13);
  });

  it('handles the ends and rejects bad input', () => {
    expect(gammaQuantile(0, 2)).toBe(0);
    expect(gammaQuantile(1, 2)).toBe(Infinity);
    expect(regularizedLowerGamma(2, 0)).toBe(0);
    expect(() => gammaQuantile(1.5, 2)).toThrow(/gammaQuantile: p/);
    expect(() => gammaQuantile(0.5, 0)).toThrow(/shape/);
    expect(() => gammaQuantile(0.5, 1, -1)).toThrow(/scale/);
    expect(() => regularizedLowerGamma(0, 1)).toThrow(/regularizedLowerGamma: a/);
    expect(() => regularizedLowerGamma(1, -1)).toThrow(/x must be/);
  });
});
