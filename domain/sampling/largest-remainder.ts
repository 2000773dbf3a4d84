import { SamplingInputError } from './sampling-input-error';

/**
 * Largest-remainder (Hamilton) rounding of a proportional allocation with
 * upper bounds: integers n_i with Σ n_i = total exactly, 0 ≤ n_i ≤ cap_i,
 * n_i ∈ {⌊q_i⌋, ⌈q_i⌉} for the capped quotas q_i.
 *
 * Quotas: q_i = R · w_i / Σ_active w, where units whose quota reaches their
 * cap are fixed at the cap and the rest R is re-split among the others
 * (repeated until no quota exceeds its cap). The units with the largest
 * fractional parts get the remaining units (ties: larger weight, then
 * earlier index, so the result is deterministic).
 *
 * Reference: Balinski & Young (2001), Fair Representation, ch. 2 (Hamilton's method).
 * Complexity: O(k² ) in the worst case of cap rounds, O(k log k) typically.
 * @throws {SamplingInputError} if total is not a non-negative integer, exceeds Σ caps, or weights are negative.
 * @example
 * largestRemainder([500, 300, 200], 7, [500, 300, 200]); // [4, 2, 1]  (quotas 3.5, 2.1, 1.4)
 */
export function largestRemainder(weights: readonly number[], total: number, caps: readonly number[]): number[] {
  const k = weights.length;
  if (caps.length !== k) throw new SamplingInputError('largestRemainder: vikter och tak måste vara lika många');
  if (!Number.isInteger(total) || total < 0) throw new SamplingInputError(`largestRemainder: totalen ska vara ett icke-negativt heltal, fick ${total}`);
  for (let i = 0; i < k; i++) {
    if (!(weights[i] >= 0) || !Number.isFinite(weights[i])) throw new SamplingInputError('largestRemainder: vikterna ska vara icke-negativa tal');
    if (!Number.isInteger(caps[i]) || caps[i] < 0) throw new SamplingInputError('largestRemainder: taken ska vara icke-negativa heltal');
  }
  const capacity = caps.reduce((sum, cap) => sum + cap, 0);
  if (total > capacity) throw new SamplingInputError(`largestRemainder: ${total} kan inte fördelas när taket är ${capacity}`);

  const quotas = new Array<number>(k).fill(0);
  const fixed = new Array<boolean>(k).fill(false);
  let remaining = total;
  for (;;) {
    const active = [];
    let weightSum = 0;
    for (let i = 0; i < k; i++) {
      if (!fixed[i] && caps[i] > 0) {
        active.push(i);
        weightSum += weights[i];
      }
    }
    if (active.length === 0) break;
    let capped = false;
    for (const i of active) {
      // Units without weight share equally only if every active weight is zero.
      quotas[i] = weightSum > 0 ? (remaining * weights[i]) / weightSum : remaining / active.length;
      if (quotas[i] >= caps[i]) {
        quotas[i] = caps[i];
        fixed[i] = true;
        remaining -= caps[i];
        capped = true;
      }
    }
    if (!capped) break;
  }
  const result = quotas.map((q) => Math.floor(q + 1e-9));
  let left = total - result.reduce((sum, n) => sum + n, 0);
  const order = quotas
    .map((q, i) => ({ i, fraction: q - result[i] }))
    .filter(({ i }) => result[i] < caps[i])
    .sort((x, y) => y.fraction - x.fraction || weights[y.i] - weights[x.i] || x.i - y.i);
  for (const { i } of order) {
    if (left <= 0) break;
    result[i]++;
    left--;
  }
  if (left !== 0) throw new Error(`largestRemainder: internal error, ${left} units left`);
  return result;
}
