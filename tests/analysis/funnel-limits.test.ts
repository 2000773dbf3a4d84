import { describe, expect, it } from 'vitest';
import { funnelCurve, funnelLimits } from '../../analysis/funnel-limits';
import { InvalidInputError } from '../../analysis/invalid-input-error';

/**
 * Spiegelhalter (2005) Appendix A.1.1 in R 4.2:
 *   lim <- function(t, n, p) { r <- qbinom(p, n, t); a <- (pbinom(r, n, t) - p) / dbinom(r, n, t); (r - a) / n }
 *   c(lim(t, n, (1 - level)/2), lim(t, n, (1 + level)/2))
 * A negative lower value from the interpolation when r_p = 0 is clipped to 0 by funnelLimits.
 */
describe('funnelLimits, exact binomial with interpolation', () => {
  const cases: [number, number, number, number, number][] = [
    [0.2, 100, 0.95, 0.11974223271506888, 0.27647608503359189],
    [0.2, 100, 0.998, 0.08097825256459952, 0.32676585151664189],
    [0.33, 1360, 0.95, 0.30475509186590938, 0.35474624838043706],
    [0.33, 1360, 0.998, 0.29059866084072322, 0.36938227137711488],
    [0.02, 150, 0.95, -0.0032157267677792398, 0.042225216251562579],
    [0.02, 150, 0.998, -0.0065286290707111698, 0.059856237708324982],
    [0.1, 25, 0.95, -0.026070444309014586, 0.21404462582126235],
    [0.1, 25, 0.998, -0.039442817772360562, 0.30797068298827757],
    [0.5, 7, 0.95, 0.044897959183673529, 0.81224489795918353],
    [0.5, 7, 0.998, -0.12457142857142858, 0.98171428571428565],
    [0.068, 20000, 0.95, 0.064506552643294815, 0.071484501420632104],
    [0.068, 20000, 0.998, 0.062535881401896823, 0.073537224259611428],
  ];
  it.each(cases)('target %f, n %i, level %f matches R', (target, n, level, lower, upper) => {
    const limits = funnelLimits(target, n, level, 'exact');
    expect(limits.lower).toBeCloseTo(Math.max(0, lower), 12);
    expect(limits.upper).toBeCloseTo(upper, 12);
    expect(limits).toMatchObject({ n, level });
  });

  it('narrows as n grows and the 99.8% limits enclose the 95% limits', () => {
    let previousWidth = Infinity;
    for (const n of [20, 50, 100, 500, 2000]) {
      const inner = funnelLimits(0.3, n, 0.95);
      const outer = funnelLimits(0.3, n, 0.998);
      expect(outer.lower).toBeLessThanOrEqual(inner.lower);
      expect(outer.upper).toBeGreaterThanOrEqual(inner.upper);
      expect(inner.upper - inner.lower).toBeLessThan(previousWidth);
      previousWidth = inner.upper - inner.lower;
    }
  });
});

describe('funnelLimits, normal approximation on (effective) n', () => {
  // R: h <- qnorm((1+level)/2)*sqrt(t*(1-t)/n); c(max(0, t-h), min(1, t+h))
  const cases: [number, number, number, number, number][] = [
    [0.2, 100, 0.95, 0.12160144061839787, 0.27839855938160218],
    [0.2, 100, 0.998, 0.076390707753287476, 0.32360929224671253],
    [0.33, 412.7, 0.95, 0.28463454951148021, 0.37536545048851983],
    [0.33, 412.7, 0.998, 0.25847328737197245, 0.40152671262802758],
    [0.02, 150.5, 0.95, 0, 0.0423670071580146],
    [0.02, 150.5, 0.998, 0, 0.05526557051924795],
  ];
  it.each(cases)('target %f, n %f, level %f matches R', (target, n, level, lower, upper) => {
    const limits = funnelLimits(target, n, level, 'normal');
    expect(limits.lower).toBeCloseTo(lower, 13);
    expect(limits.upper).toBeCloseTo(upper, 13);
  });

  it('keeps both limits inside [0, 1] when the interpolation steps below 0', () => {
    // R: r <- qbinom(0.975, 1, 0.02); (r - (pbinom(r, 1, 0.02) - 0.975) / dbinom(r, 1, 0.02)) / 1 → -0.005102040816
    const tiny = funnelLimits(0.02, 1, 0.95, 'exact');
    expect(tiny.upper).toBe(0);
    expect(tiny.lower).toBe(0);
    expect(funnelLimits(0.02, 1, 0.998, 'exact').upper).toBeCloseTo(0.95, 12);
  });

  it('is close to the exact limits for large n', () => {
    const exact = funnelLimits(0.33, 1360, 0.95, 'exact');
    const normal = funnelLimits(0.33, 1360, 0.95, 'normal');
    expect(Math.abs(exact.upper - normal.upper)).toBeLessThan(0.002);
  });
});

describe('funnelCurve', () => {
  it('evaluates the limits on a geometric grid of n', () => {
    const curve = funnelCurve(0.2, 10, 1000, [0.95, 0.998], 3, 'normal');
    expect(curve.map((l) => [l.n, l.level])).toEqual([
      [10, 0.95],
      [10, 0.998],
      [100, 0.95],
      [100, 0.998],
      [1000, 0.95],
      [1000, 0.998],
    ]);
    expect(curve[2]).toEqual(funnelLimits(0.2, 100, 0.95, 'normal'));
  });

  it('rounds to integers and drops duplicates for the exact method', () => {
    const curve = funnelCurve(0.2, 1, 3, [0.95], 10, 'exact');
    expect(curve.map((l) => l.n)).toEqual([1, 2, 3]);
  });

  it('rejects bad input', () => {
    expect(() => funnelCurve(0.2, 0, 10, [0.95])).toThrow(/funnelCurve: nMin/);
    expect(() => funnelCurve(0.2, 10, 5, [0.95])).toThrow(/nMax/);
    expect(() => funnelCurve(0.2, 1, 10, [0.95], 1)).toThrow(/points/);
  });
});

describe('funnelLimits input errors', () => {
  it('names the function and the requirement', () => {
    expect(() => funnelLimits(0, 10, 0.95)).toThrow(/funnelLimits: target must lie in \(0, 1\)/);
    expect(() => funnelLimits(1, 10, 0.95)).toThrow(InvalidInputError);
    expect(() => funnelLimits(0.2, 0, 0.95)).toThrow(/n must be a positive number/);
    expect(() => funnelLimits(0.2, 10.5, 0.95, 'exact')).toThrow(/integer for the exact method/);
    expect(() => funnelLimits(0.2, 10, 1.2)).toThrow(/level/);
  });
});
