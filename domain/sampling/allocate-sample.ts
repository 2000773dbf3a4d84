import { largestRemainder } from './largest-remainder';
import { expectedHalfWidth, precisionSampleSize } from './precision-sample-size';
import { SamplingInputError } from './sampling-input-error';

/** A sampling stratum: kön × åldersgrupp × område. */
export interface Stratum {
  readonly kon: string;
  readonly aldersgrupp: string;
  readonly omrade: string;
}

export interface StratumSize {
  readonly stratum: Stratum;
  /** Population size N_h (persons in the frame). */
  readonly N: number;
}

export type AllocationMethod =
  | { readonly method: 'proportional'; readonly total: number }
  | { readonly method: 'equal'; readonly perOmrade: number }
  | { readonly method: 'precision'; readonly targetHalfWidth: number; readonly expectedPrevalence: number; readonly expectedResponseRate: number };

export interface AllocationOptions {
  /** Expected response rate r for the preview (required by 'precision'). */
  readonly expectedResponseRate?: number;
  /** Expected prevalence p for the preview; default 0.5 (the widest interval). */
  readonly expectedPrevalence?: number;
}

export interface AllocatedStratum extends StratumSize {
  /** Sample size n_h. */
  readonly n: number;
}

export interface OmradeAllocation {
  readonly omrade: string;
  readonly N: number;
  readonly n: number;
  /** n · r, when a response rate is given. */
  readonly expectedResponses: number | null;
  /** Expected 95% CI half-width for a proportion p from the expected responses (SRSWOR within område). */
  readonly expectedHalfWidth: number | null;
}

export interface Allocation {
  readonly method: AllocationMethod['method'];
  readonly strata: AllocatedStratum[];
  readonly omraden: OmradeAllocation[];
  readonly N: number;
  readonly n: number;
  readonly expectedResponseRate: number | null;
  readonly expectedPrevalence: number;
}

/**
 * Allocation of a stratified sample over kön × åldersgrupp × område strata.
 *
 * - proportional: n_h = n · N_h / N (Cochran 1977, §5.5 "proportional allocation").
 * - equal: the same n per område (capped at N_område), split proportionally to
 *   N_h within the område — useful when every område needs its own estimate.
 * - precision: per område, the n needed for a 95% CI half-width h at expected
 *   prevalence p and response rate r: n_resp = z² p(1−p)/h², with finite
 *   population correction n_resp' = n_resp / (1 + (n_resp − 1)/N_område),
 *   invited = ceil(n_resp'/r) (Cochran 1977, §4.4); then proportional within
 *   the område.
 *
 * Every split is rounded by the largest-remainder method with n_h ≤ N_h, so
 * totals match exactly. The preview per område gives the expected number of
 * responses n·r and the expected half-width z·sqrt(p(1−p)/m · (1 − m/N)).
 *
 * Complexity: O(H log H) for H strata.
 * @throws {SamplingInputError} for no strata, a non-positive N_h, a total above N, or invalid parameters.
 * @example
 * allocateSample([{ stratum: a, N: 500 }, { stratum: b, N: 300 }, { stratum: c, N: 200 }], { method: 'proportional', total: 7 })
 * // n = [4, 2, 1]
 */
export function allocateSample(strata: readonly StratumSize[], method: AllocationMethod, options: AllocationOptions = {}): Allocation {
  if (strata.length === 0) throw new SamplingInputError('allocateSample: urvalsramen innehåller inga strata');
  for (const s of strata) {
    if (!Number.isInteger(s.N) || s.N < 1) throw new SamplingInputError(`allocateSample: N_h ska vara ett positivt heltal, fick ${s.N}`);
  }
  const responseRate = method.method === 'precision' ? method.expectedResponseRate : options.expectedResponseRate;
  if (responseRate !== undefined && !(responseRate > 0 && responseRate <= 1)) {
    throw new SamplingInputError(`allocateSample: svarsfrekvensen ska vara större än 0 och högst 1, fick ${responseRate}`);
  }
  const prevalence = method.method === 'precision' ? method.expectedPrevalence : options.expectedPrevalence ?? 0.5;
  if (!(prevalence > 0 && prevalence < 1)) throw new SamplingInputError(`allocateSample: den förväntade andelen ska ligga mellan 0 och 1, fick ${prevalence}`);

  const N = strata.reduce((sum, s) => sum + s.N, 0);
  const areaNames = [...new Set(strata.map((s) => s.stratum.omrade))].sort((x, y) => x.localeCompare(y, 'sv'));
  const indicesByArea = new Map(areaNames.map((name) => [name, [] as number[]]));
  strata.forEach((s, i) => indicesByArea.get(s.stratum.omrade)!.push(i));
  const areaN = (name: string) => indicesByArea.get(name)!.reduce((sum, i) => sum + strata[i].N, 0);

  const n = new Array<number>(strata.length).fill(0);
  const splitWithin = (indices: readonly number[], total: number) => {
    const shares = largestRemainder(indices.map((i) => strata[i].N), total, indices.map((i) => strata[i].N));
    indices.forEach((i, k) => (n[i] = shares[k]));
  };

  switch (method.method) {
    case 'proportional': {
      if (!Number.isInteger(method.total) || method.total < 1) throw new SamplingInputError(`allocateSample: urvalsstorleken ska vara ett positivt heltal, fick ${method.total}`);
      if (method.total > N) throw new SamplingInputError(`allocateSample: urvalet (${method.total}) är större än ramen (${N})`);
      splitWithin(strata.map((_, i) => i), method.total);
      break;
    }
    case 'equal': {
      if (!Number.isInteger(method.perOmrade) || method.perOmrade < 1) throw new SamplingInputError(`allocateSample: antalet per område ska vara ett positivt heltal, fick ${method.perOmrade}`);
      for (const name of areaNames) splitWithin(indicesByArea.get(name)!, Math.min(method.perOmrade, areaN(name)));
      break;
    }
    case 'precision': {
      for (const name of areaNames) {
        const { invited } = precisionSampleSize(
          { halfWidth: method.targetHalfWidth, prevalence: method.expectedPrevalence, responseRate: method.expectedResponseRate },
          areaN(name),
        );
        splitWithin(indicesByArea.get(name)!, invited);
      }
      break;
    }
  }

  const allocated: AllocatedStratum[] = strata.map((s, i) => ({ stratum: s.stratum, N: s.N, n: n[i] }));
  const omraden: OmradeAllocation[] = areaNames.map((name) => {
    const indices = indicesByArea.get(name)!;
    const areaSize = areaN(name);
    const areaSample = indices.reduce((sum, i) => sum + n[i], 0);
    const expectedResponses = responseRate === undefined ? null : areaSample * responseRate;
    return {
      omrade: name,
      N: areaSize,
      n: areaSample,
      expectedResponses,
      expectedHalfWidth: expectedResponses === null ? null : expectedHalfWidth(expectedResponses, areaSize, prevalence),
    };
  });
  return {
    method: method.method,
    strata: allocated,
    omraden,
    N,
    n: n.reduce((sum, value) => sum + value, 0),
    expectedResponseRate: responseRate ?? null,
    expectedPrevalence: prevalence,
  };
}
