import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../analysis/wilson-interval';
import { normalQuantile } from '../../analysis/normal-quantile';
import { InvalidInputError } from '../../analysis/invalid-input-error';

describe('normalQuantile', () => {
  it('matches R qnorm', () => {
    // R: sprintf("%.15f", qnorm(c(0.975, 0.95, 0.5, 0.001, 0.999999)))
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644853626951472, 13);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 14);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 12);
    expect(normalQuantile(0.999999)).toBeCloseTo(4.753424308822899, 10);
  });

  it('rejects p outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(InvalidInputError);
    expect(() => normalQuantile(1)).toThrow(/normalQuantile/);
  });
});

describe('wilsonInterval', () => {
  it('matches the reference for x = 18 of n = 167', () => {
    // ../shared/reference/README.md, "Unweighted binomial intervals": Wilson [0.0692734689, 0.1639337344]
    // R: prop.test(18, 167, correct = FALSE)$conf.int
    const [lo, hi] = wilsonInterval(18, 167);
    expect(lo).toBeCloseTo(0.0692734689, 9);
    expect(hi).toBeCloseTo(0.1639337344, 9);
  });

  it('stays inside [0, 1] at the extremes', () => {
    const [lo0, hi0] = wilsonInterval(0, 10);
    expect(lo0).toBeCloseTo(0, 12);
    // R: prop.test(0, 10, correct = FALSE)$conf.int -> 0.0000000 0.2775328
    expect(hi0).toBeCloseTo(0.2775328, 6);
    const [lo1, hi1] = wilsonInterval(10, 10);
    expect(hi1).toBeCloseTo(1, 12);
    expect(lo1).toBeCloseTo(1 - 0.2775328, 6);
  });

  it('gives exactly 0 at x = 0 and exactly 1 at x = n (not 2.8e-17)', () => {
    // R: prop.test(0, 10, correct = FALSE)$conf.int[1] is 0; the formula alone leaves 2.7755575615628914e-17.
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(10, 10)[1]).toBe(1);
    expect(wilsonInterval(0, 167)[0]).toBe(0);
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(5, 0)).toThrow(InvalidInputError);
    expect(() => wilsonInterval(-1, 5)).toThrow(/x must lie/);
    expect(() => wilsonInterval(6, 5)).toThrow(/x must lie/);
    expect(() => wilsonInterval(1, 5, 1.5)).toThrow(/level/);
  });
});
