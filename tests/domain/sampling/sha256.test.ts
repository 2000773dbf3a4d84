import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../domain/sampling/seeded-random';
import { sha256, toHex } from '../../../domain/sampling/sha256';

describe('sha256 (pure JS, FIPS 180-4)', () => {
  it('FIPS 180-4 examples: "abc" and the 448-bit message', () => {
    expect(toHex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(toHex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('agrees with node:crypto on every length 0–300 (block boundaries) and on non-ASCII text', () => {
    for (let length = 0; length <= 300; length++) {
      const text = 'å'.repeat(length % 7) + 'x'.repeat(length);
      expect(toHex(sha256(text))).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});

describe('seededRandom keeps the sequences of the earlier node:crypto seeding', () => {
  // Values from the server-side implementation before the move (createHash('sha256') of the seed).
  it.each([
    ['urval-2025', [2261587389, 3426193679, 2283920537, 559672189, 2473134535]],
    ['', [813033788, 3411365235, 1554940816, 3171680757, 2489499907]],
    ['åäö|kon=kvinna', [1866411829, 2880001412, 2148407504, 655455663, 906275247]],
  ])('seed %j', (seed, expected) => {
    const random = seededRandom(seed);
    expect(Array.from({ length: 5 }, () => random.nextUint32())).toEqual(expected);
  });
});
