import { sha256 } from './sha256';

/** A seeded source of uniform random integers. */
export interface SeededRandom {
  /** Next 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform integer in [0, bound) without modulo bias (rejection sampling); 1 ≤ bound ≤ 2^32. */
  nextInt(bound: number): number;
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, from
 * PractRand) seeded with 128 bits: the first 16 bytes of SHA-256 of the seed
 * string (a pure-JS SHA-256, so the browser, the server and the CLI agree).
 * The same seed string always gives the same sequence, on every platform; the generator passes PractRand and BigCrush. Not for secrets.
 *
 * Reference: C. Doty-Humphrey, PractRand (sfc32); seeding by hash as in
 * e.g. numpy's SeedSequence idea (hash the user seed to fill the state).
 * Complexity: O(1) per number.
 * @example
 * const random = seededRandom('urval-2025');
 * random.nextInt(10); // the same value on every run
 */
export function seededRandom(seed: string): SeededRandom {
  const digest = new DataView(sha256(seed).buffer);
  let a = digest.getUint32(0, true);
  let b = digest.getUint32(4, true);
  let c = digest.getUint32(8, true);
  let d = digest.getUint32(12, true);
  const nextUint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // Discard the first outputs so that similar seeds diverge (as PractRand recommends).
  for (let i = 0; i < 12; i++) nextUint32();
  const nextInt = (bound: number): number => {
    if (!Number.isInteger(bound) || bound < 1 || bound > 2 ** 32) throw new RangeError(`nextInt: bound must be an integer in [1, 2^32], got ${bound}`);
    // Largest multiple of bound below 2^32: values at or above it are rejected.
    const limit = 2 ** 32 - (2 ** 32 % bound);
    for (;;) {
      const value = nextUint32();
      if (value < limit) return value % bound;
    }
  };
  return { nextUint32, nextInt };
}
