import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../analysis/invalid-input-error';
import { studentTQuantile } from '../../analysis/student-t-quantile';

describe('studentTQuantile', () => {
  it('matches R qt', () => {
    // R: sprintf("%.17g", qt(p, df))
    const cases: [number, number, number][] = [
      [0.975, 166, 1.9743577636580263],
      [0.975, 1, 12.706204736174694],
      [0.975, 2, 4.3026527297494619],
      [0.995, 5, 4.0321429835552287],
      [0.975, 99999, 1.9599877077718442],
      [0.025, 30, -2.0422724563012382],
      [0.9, 3.5, 1.5765766051364047],
      [0.999999, 10, 9.7519954909098558],
    ];
    for (const [p, df, q] of cases) expect(Math.abs(studentTQuantile(p, df) - q) / Math.abs(q)).toBeLessThan(1e-11);
  });

  it('is symmetric, 0 at the median and normal for infinite df', () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.1, 7)).toBeCloseTo(-studentTQuantile(0.9, 7), 14);
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959963984540054, 13);
  });

  it('rejects bad input', () => {
    expect(() => studentTQuantile(0, 5)).toThrow(InvalidInputError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(/df/);
  });
});
