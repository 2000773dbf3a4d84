/**
 * Messages between the sampling page and the frame worker. The frame (every
 * person of the register extract) stays inside the worker; the page gets
 * only counts per stratum, and the drawn persons when it asks for the draw.
 */
import type { Allocation } from '../../../domain/sampling/allocate-sample';
import type { DrawnStratum } from '../../../domain/sampling/draw-frame-sample';

export interface FrameParseOptions {
  readonly referenceYear: number;
  readonly minAge?: number;
  readonly maxAge?: number;
  /** The template's `meta.weighting.ageGroups`. */
  readonly ageGroups: readonly string[];
  /** The campaign's område codes; empty = any. */
  readonly areas: readonly string[];
}

export interface FrameRowError {
  readonly line?: number;
  readonly column?: string;
  readonly message: string;
}

export interface FrameSummary {
  readonly fileName: string;
  readonly rowCount: number;
  readonly included: number;
  readonly excluded: { readonly outsideAge: number; readonly noAgeGroup: number };
  readonly allColumns: readonly string[];
  readonly strata: readonly { readonly key: string; readonly stratum: DrawnStratum['stratum']; readonly N: number }[];
}

export type ToWorker =
  | { readonly type: 'parse'; readonly file: File; readonly options: FrameParseOptions }
  | { readonly type: 'draw'; readonly allocation: Allocation; readonly seed: string };

export type FromWorker =
  | { readonly type: 'progress'; readonly phase: 'reading' | 'parsing' | 'checking'; readonly done: number; readonly total: number }
  | { readonly type: 'parsed'; readonly summary: FrameSummary }
  | { readonly type: 'failed'; readonly errors: readonly FrameRowError[] }
  | { readonly type: 'drawn'; readonly drawn: readonly DrawnStratum[] };
