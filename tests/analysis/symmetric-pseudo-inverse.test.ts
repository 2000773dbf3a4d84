import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../analysis/invalid-input-error';
import { symmetricPseudoInverse } from '../../analysis/symmetric-pseudo-inverse';

describe('symmetricPseudoInverse', () => {
  it('inverts a regular matrix and pseudo-inverts a singular one (MASS::ginv)', () => {
    const inverse = symmetricPseudoInverse(Float64Array.from([4, 1, 1, 3]), 2);
    // solve(matrix(c(4, 1, 1, 3), 2)) = [3, −1; −1, 4] / 11
    expect(Array.from(inverse).map((x) => x * 11)).toEqual([3, -1, -1, 4].map((x) => expect.closeTo(x, 12)));
    // MASS::ginv(matrix(1, 2, 2)) = 0.25 everywhere
    for (const x of symmetricPseudoInverse(Float64Array.from([1, 1, 1, 1]), 2)) expect(x).toBeCloseTo(0.25, 14);
  });
  it('rejects a wrong size or an asymmetric matrix', () => {
    expect(() => symmetricPseudoInverse(new Float64Array(3), 2)).toThrow(InvalidInputError);
    expect(() => symmetricPseudoInverse(Float64Array.from([1, 2, 3, 4]), 2)).toThrow(/symmetric/);
  });
});
