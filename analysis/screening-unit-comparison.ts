import { InvalidInputError } from './invalid-input-error';
import { chiSquareSurvival } from './screening-chi-square-survival';
import { SCREENING_DISCLOSURE_MEASURES, type ScreeningContact, type ScreeningDimension, type ScreeningDisclosureMeasure } from '../domain/screening-contact';
import type { ScreeningProportion } from './screening-proportion';
import { SCREENING_DEFAULT_MIN_CELL, summariseScreening } from './screening-summary';

export interface ScreeningUnitComparisonOptions {
  /** Which disclosure to compare. Default 'utsatt' (any of psykiskt, fysiskt, sexuellt). */
  readonly measure?: ScreeningDisclosureMeasure;
  /** Units with fewer contacts than this, or a numerator or denominator below it, are suppressed and left out of the test. Default 5. */
  readonly minCell?: number;
  /**
   * The groupings of the summary shown beside the comparison (default [['enhet']]): the units are
   * suppressed exactly as that summary's unit groups, so that the two tables together give nothing away.
   */
  readonly by?: readonly (readonly ScreeningDimension[])[];
}

export type ScreeningUnitDisclosure =
  | { readonly enhet: string; readonly suppressed: false; readonly contacts: number; readonly disclosure: ScreeningProportion }
  | { readonly enhet: string; readonly suppressed: true; readonly reason: string };

/** Pearson's chi-square test that the disclosure share is the same in every tested unit. */
export interface ScreeningHomogeneityTest {
  readonly method: 'pearson-chi-square';
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  /** Smallest expected cell count; below 5 the chi-square approximation is doubtful (R warns). */
  readonly minExpected: number;
  /** Units included, in output order. */
  readonly units: readonly string[];
}

export interface ScreeningUnitComparison {
  readonly measure: ScreeningDisclosureMeasure;
  /** One entry per unit, ordered by unit name (Swedish collation). */
  readonly units: readonly ScreeningUnitDisclosure[];
  /** Null when fewer than two units can be tested or no variation exists (see `testNotDone`). */
  readonly test: ScreeningHomogeneityTest | null;
  /** Why the test was not done: 'fewer-than-two-units' or 'no-variation'; null when it was. */
  readonly testNotDone: 'fewer-than-two-units' | 'no-variation' | null;
}

/**
 * Disclosure share per unit (enhet) with Wilson 95 % intervals, and Pearson's
 * chi-square test of homogeneity across units.
 *
 *   p̄ = Σ x_i / Σ n_i
 *   X² = Σ_i (x_i − n_i p̄)² / (n_i p̄ (1 − p̄)),   df = k − 1
 *   p-value = P(χ²_df ≥ X²)
 *
 * No continuity correction. The test uses units that are not suppressed and
 * have n > 0 for the measure. The counting rules are `classifyScreeningContact`'s;
 * the units and their suppression (too few contacts, a numerator or
 * denominator below minCell, or hidden secondarily) are those of
 * `summariseScreening` with the groupings `by`.
 *
 * Reference: R `prop.test(x, n, correct = FALSE)` and
 * `chisq.test(cbind(x, n - x), correct = FALSE)` (same statistic and p-value).
 * A test across units describes differences in the clientele asked, not in
 * the population, and units differ in coverage as well.
 *
 * Complexity: O(N + k log k) for N contacts and k units.
 *
 * @throws {InvalidInputError} for an invalid contact, an unknown measure, or a
 * minCell that is not a non-negative integer.
 * @example
 * // x = (30, 20, 12), n = (40, 35, 30)
 * compareScreeningUnits(contacts).test
 * // → { method: 'pearson-chi-square', statistic: 8.763128…, df: 2, pValue: 0.012505…, minExpected: 12.285714…, units: ['A', 'B', 'C'] }
 */
export function compareScreeningUnits(
  contacts: readonly ScreeningContact[],
  options: ScreeningUnitComparisonOptions = {},
): ScreeningUnitComparison {
  const caller = 'compareScreeningUnits';
  const measure = options.measure ?? 'utsatt';
  if (!(SCREENING_DISCLOSURE_MEASURES as readonly string[]).includes(measure)) {
    throw new InvalidInputError(`${caller}: measure must be one of ${SCREENING_DISCLOSURE_MEASURES.join(', ')}, got ${JSON.stringify(measure)}`);
  }
  const minCell = options.minCell ?? SCREENING_DEFAULT_MIN_CELL;
  if (!Number.isInteger(minCell) || minCell < 0) {
    throw new InvalidInputError(`${caller}: minCell must be a non-negative integer, got ${minCell}`);
  }
  if (!Array.isArray(contacts)) throw new InvalidInputError(`${caller}: contacts must be an array`);

  const by = options.by ?? [['enhet']];
  const withUnits = by.some((grouping) => grouping.length === 1 && grouping[0] === 'enhet') ? by : [['enhet'] as const, ...by];
  const summary = summariseScreening(contacts, { by: withUnits, minCell });

  const units: ScreeningUnitDisclosure[] = [];
  const tested: { enhet: string; x: number; n: number }[] = [];
  for (const result of summary.groups) {
    const keys = Object.keys(result.group);
    if (keys.length !== 1 || result.group.enhet === undefined) continue;
    const enhet = result.group.enhet;
    if (result.suppressed) {
      units.push({ enhet, suppressed: true, reason: result.reason });
      continue;
    }
    const share = result.disclosure[measure];
    if (share.suppressed) {
      units.push({ enhet, suppressed: true, reason: share.reason });
      continue;
    }
    units.push({ enhet, suppressed: false, contacts: result.contacts, disclosure: { x: share.x, n: share.n, p: share.p, ci: share.ci } });
    if (share.n > 0) tested.push({ enhet, x: share.x, n: share.n });
  }

  if (tested.length < 2) return { measure, units, test: null, testNotDone: 'fewer-than-two-units' };
  const totalX = tested.reduce((sum, unit) => sum + unit.x, 0);
  const totalN = tested.reduce((sum, unit) => sum + unit.n, 0);
  const pooled = totalX / totalN;
  if (totalX === 0 || totalX === totalN) return { measure, units, test: null, testNotDone: 'no-variation' };
  let statistic = 0;
  let minExpected = Infinity;
  for (const unit of tested) {
    const expectedYes = unit.n * pooled;
    const expectedNo = unit.n - expectedYes;
    statistic += (unit.x - expectedYes) ** 2 / (expectedYes * (1 - pooled));
    minExpected = Math.min(minExpected, expectedYes, expectedNo);
  }
  const df = tested.length - 1;
  return {
    measure,
    units,
    test: {
      method: 'pearson-chi-square',
      statistic,
      df,
      pValue: chiSquareSurvival(statistic, df),
      minExpected,
      units: tested.map((unit) => unit.enhet),
    },
    testNotDone: null,
  };
}
