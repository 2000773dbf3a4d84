import { InvalidInputError } from './invalid-input-error';

/**
 * Moore–Penrose pseudo-inverse of a symmetric positive semi-definite matrix
 * (row-major, k × k), through its eigendecomposition by cyclic Jacobi
 * rotations: A⁺ = V · diag(1/λ for λ > tol·λmax, else 0) · Vᵀ with
 * tol = 256·ε, as R's `MASS::ginv(A, tol = 256 * .Machine$double.eps)` used
 * by `survey:::grake`.
 *
 * Used on the small Gram matrices of calibration margins, which are singular
 * whenever margins overlap (every margin sums to N).
 *
 * Complexity: O(k³) per sweep, a handful of sweeps.
 *
 * @throws {InvalidInputError} if the length is not k² or the matrix is not symmetric.
 * @example
 * symmetricPseudoInverse(Float64Array.from([1, 1, 1, 1]), 2) // → [0.25, 0.25, 0.25, 0.25]
 */
export function symmetricPseudoInverse(matrix: Float64Array, k: number): Float64Array {
  if (matrix.length !== k * k) throw new InvalidInputError(`symmetricPseudoInverse: need ${k * k} entries, got ${matrix.length}`);
  const a = Float64Array.from(matrix);
  let scale = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (Math.abs(a[i * k + j] - a[j * k + i]) > 1e-9 * (Math.abs(a[i * k + j]) + Math.abs(a[j * k + i]) + 1e-300)) {
        throw new InvalidInputError('symmetricPseudoInverse: matrix must be symmetric');
      }
      scale = Math.max(scale, Math.abs(a[i * k + j]));
    }
  }
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p * k + q] * a[p * k + q];
    if (off <= 1e-32 * scale * scale || off === 0) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q];
        if (apq === 0) continue;
        const theta = (a[q * k + q] - a[p * k + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p];
          const arq = a[r * k + q];
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r];
          const aqr = a[q * k + r];
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p];
          const vrq = v[r * k + q];
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  let lambdaMax = 0;
  for (let i = 0; i < k; i++) lambdaMax = Math.max(lambdaMax, Math.abs(a[i * k + i]));
  const tolerance = 256 * Number.EPSILON * lambdaMax;
  const result = new Float64Array(k * k);
  for (let e = 0; e < k; e++) {
    const lambda = a[e * k + e];
    if (!(lambda > tolerance)) continue;
    const inv = 1 / lambda;
    for (let i = 0; i < k; i++) {
      const vi = v[i * k + e] * inv;
      if (vi === 0) continue;
      for (let j = 0; j < k; j++) result[i * k + j] += vi * v[j * k + e];
    }
  }
  return result;
}
