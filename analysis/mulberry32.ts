/**
 * Mulberry32: a small, fast seeded pseudo-random generator of uniform
 * numbers in [0, 1), for reproducible simulations, benchmarks and test data.
 * Not for anything secret (codes use node:crypto) and not for drawing
 * samples (server/sampling uses a 128-bit seeded generator).
 *
 * Reference: Tommy Ettinger's Mulberry32 (2017), public domain; 32-bit state,
 * period 2^32.
 *
 * Complexity: O(1) per draw.
 *
 * @example
 * const random = mulberry32(42);
 * random(); // → 0.6011037519201636
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
