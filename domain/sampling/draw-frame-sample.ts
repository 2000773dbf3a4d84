import type { Allocation } from './allocate-sample';
import { drawStratifiedSample } from './draw-stratified-sample';
import type { FrameStratum } from './frame-strata';
import type { FramePerson } from './parse-frame';
import { SamplingInputError } from './sampling-input-error';
import { stratumKeyOf, type StratumValues } from './stratum-key';

export interface DrawnStratum {
  readonly key: string;
  readonly stratum: FrameStratum['stratum'];
  /** N_h */
  readonly N: number;
  /** The drawn persons (n_h of them), in draw order. */
  readonly persons: readonly FramePerson[];
}

/** One stratum of `POST /api/campaigns/:id/codes`: how many codes, and N_h. */
export interface CodesStratumRequest {
  stratum: StratumValues;
  count: number;
  N: number;
}

/**
 * Draws an allocation from a grouped frame with `drawStratifiedSample`
 * (partial Fisher–Yates per stratum, sfc32 seeded with `${seed}|${key}`), so
 * the browser and `npm run draw` give the same sample for the same frame,
 * allocation and seed. Strata are returned in key order.
 *
 * Complexity: O(Σ N_h).
 * @throws {SamplingInputError} if the allocation names a stratum the frame does not have, or n_h > N_h.
 */
export function drawFrameSample(strata: readonly FrameStratum[], allocation: Allocation, seed: string): DrawnStratum[] {
  if (seed === '') throw new SamplingInputError('drawFrameSample: slumpfröet får inte vara tomt');
  const units = new Map(strata.map((s) => [s.key, s.persons]));
  const sizes = new Map(allocation.strata.map((s) => [stratumKeyOf({ ...s.stratum }), s.n]));
  const drawn = drawStratifiedSample(units, sizes, seed);
  return strata.map((s) => ({ key: s.key, stratum: s.stratum, N: s.persons.length, persons: drawn.get(s.key) ?? [] }));
}

/**
 * The body strata for `POST /api/campaigns/:id/codes`: per stratum its
 * values, n_h as `count` and N_h, and nothing about any person. Strata with
 * n_h = 0 are included (count 0) so that their N_h is recorded for weighting.
 * Split into calls of at most `maxCodes` codes and `maxStrata` strata (the
 * endpoint's limits); a stratum larger than `maxCodes` spans several calls.
 */
export function codesRequests(drawn: readonly DrawnStratum[], maxCodes = 200_000, maxStrata = 10_000): CodesStratumRequest[][] {
  const calls: CodesStratumRequest[][] = [];
  let current: CodesStratumRequest[] = [];
  let codes = 0;
  const flush = () => {
    if (current.length > 0) calls.push(current);
    current = [];
    codes = 0;
  };
  for (const s of drawn) {
    let left = s.persons.length;
    do {
      if (current.length >= maxStrata || (codes >= maxCodes && left > 0)) flush();
      const count = Math.min(left, maxCodes - codes);
      current.push({ stratum: { ...s.stratum }, count, N: s.N });
      codes += count;
      left -= count;
    } while (left > 0);
  }
  flush();
  return calls;
}
