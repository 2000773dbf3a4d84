import { describe, expect, it } from 'vitest';
import { darkFigure } from '../../analysis/dark-figure';
import { InvalidInputError } from '../../analysis/invalid-input-error';

describe('darkFigure', () => {
  it('reproduces the toy kommun mörkertal (reference README, R = 150)', () => {
    const d = darkFigure(150, 2121.4853987, [1345.043132, 3270.019857]);
    expect(d.unregistered).toBeCloseTo(1971.485399, 6);
    expect(d.detectionRatio).toBeCloseTo(0.0707051767, 10);
    expect(d.detectionRatioCi[0]).toBeCloseTo(0.0458712811, 10);
    expect(d.detectionRatioCi[1]).toBeCloseTo(0.1115205873, 10);
    expect(d.unregisteredCi).toEqual([1345.043132 - 150, 3270.019857 - 150]);
  });
  it('shows R > T as it is, never clipped', () => {
    const d = darkFigure(300, 200, [100, 350]);
    expect(d.unregistered).toBe(-100);
    expect(d.detectionRatio).toBe(1.5);
    expect(d.unregisteredCi).toEqual([-200, 50]);
  });
  it('leaves an unbounded end null and rejects bad input', () => {
    expect(darkFigure(5, 0, [0, 10]).detectionRatioCi).toEqual([0.5, null]);
    expect(darkFigure(5, 0, [0, 10]).detectionRatio).toBeNull();
    expect(() => darkFigure(-1, 10, [5, 20])).toThrow(InvalidInputError);
    expect(() => darkFigure(1, 10, [20, 5])).toThrow(/lower/);
  });
});
