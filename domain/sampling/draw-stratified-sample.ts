import { seededRandom } from './seeded-random';
import { SamplingInputError } from './sampling-input-error';

/**
 * Stratified simple random sampling without replacement: in each stratum h,
 * n_h of the N_h units are drawn by a partial Fisher–Yates shuffle driven by
 * sfc32 seeded with `${seed}|${stratumKey}` (so each stratum's draw depends
 * only on the seed, its key and its own units in frame order). Every subset
 * of size n_h is equally likely (given a uniform generator).
 *
 * The same seed and the same frame (same units in the same order) always give
 * the same sample.
 *
 * Reference: Cochran (1977) §5.1 (stratified random sampling); Knuth, TAOCP
 * vol. 2, §3.4.2, Algorithm P (shuffle), stopped after n_h steps.
 * Complexity: O(Σ N_h) to copy plus O(Σ n_h) random draws.
 * @throws {SamplingInputError} if a stratum's n_h is not an integer in [0, N_h] or has no units.
 * @example
 * drawStratifiedSample(new Map([['a', ['p1', 'p2', 'p3']]]), new Map([['a', 2]]), 'frö');
 * // Map { 'a' => [two of p1, p2, p3] } — the same two on every run
 */
export function drawStratifiedSample<T>(
  unitsByStratum: ReadonlyMap<string, readonly T[]>,
  sizes: ReadonlyMap<string, number>,
  seed: string,
): Map<string, T[]> {
  const sample = new Map<string, T[]>();
  for (const [key, n] of sizes) {
    const units = unitsByStratum.get(key);
    if (!units) throw new SamplingInputError(`drawStratifiedSample: stratumet "${key}" finns inte i ramen`);
    if (!Number.isInteger(n) || n < 0 || n > units.length) {
      throw new SamplingInputError(`drawStratifiedSample: n_h för "${key}" ska vara ett heltal mellan 0 och ${units.length}, fick ${n}`);
    }
    const pool = units.slice();
    const random = seededRandom(`${seed}|${key}`);
    for (let i = 0; i < n; i++) {
      const j = i + random.nextInt(pool.length - i);
      const tmp = pool[i];
      pool[i] = pool[j];
      pool[j] = tmp;
    }
    sample.set(key, pool.slice(0, n));
  }
  return sample;
}
