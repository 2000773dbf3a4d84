import { InvalidInputError } from './invalid-input-error';
import { normalQuantile } from './normal-quantile';

/** An estimate as `analyzeSurvey` (and `npm run analyze`) gives it, as far as a comparison needs it. */
export interface ComparableEstimate {
  readonly indicator: string;
  readonly domain: Readonly<Record<string, string>>;
  readonly proportion: number | null;
  readonly se: number | null;
  readonly ci: readonly [number, number] | null;
  readonly suppressed: boolean;
}

/** One side of a comparison: null values when that estimate is suppressed or has no standard error. */
export interface ComparedSide {
  readonly proportion: number | null;
  readonly se: number | null;
  readonly ci: [number, number] | null;
}

/** The change of an indicator in a domain between two campaigns. Key order is the JSON contract of `npm run compare`. */
export interface EstimateComparison {
  readonly indicator: string;
  readonly domain: Readonly<Record<string, string>>;
  readonly before: ComparedSide;
  readonly after: ComparedSide;
  /** after − before (proportion points on the 0–1 scale); null when either side is suppressed. */
  readonly difference: number | null;
  /** √(se_before² + se_after²): the samples are independent. */
  readonly differenceSe: number | null;
  /** difference ± z_{(1+level)/2} · differenceSe. */
  readonly differenceCi: [number, number] | null;
  /** A "statistically clear change": the interval of the difference excludes 0. */
  readonly clearChange: boolean;
  /** Suppressed in either campaign (too few respondents, or hidden to protect another group): nothing is compared. */
  readonly suppressed: boolean;
}

const key = (indicator: string, domain: Readonly<Record<string, string>>) => `${indicator}|${JSON.stringify(Object.keys(domain).sort().map((k) => [k, domain[k]]))}`;

/**
 * The change in prevalence between two independent samples (two campaigns,
 * e.g. 2016 and 2026), for every indicator × domain present in both:
 *
 *   d = p̂_after − p̂_before
 *   se(d) = √(se_before² + se_after²)
 *   CI = d ± z_{(1 + level)/2} · se(d)        (normal quantile)
 *
 * and a "statistically clear change" only when the CI excludes 0. Each side
 * keeps its own interval (logit, Korn–Graubard, … as analysed). The samples
 * are independent draws, so there is no covariance term; a comparison is
 * valid when both campaigns measured the same indicator (the same id in the
 * same template family) of comparable populations. Pairs suppressed in
 * either campaign are listed with `suppressed: true` and null values, never
 * compared. Order: the `after` campaign's order of estimates.
 *
 * Reference: e.g. Lohr, Sampling: Design and Analysis (2nd ed., 2010), §9.1;
 * R: `d <- coef(m2) - coef(m1); se <- sqrt(SE(m1)^2 + SE(m2)^2); d + c(-1, 1) * qnorm(0.975) * se`.
 * Complexity: O(before + after).
 *
 * @throws {InvalidInputError} if level is not in (0, 1) or no indicator is in both.
 * @example
 * compareEstimates(
 *   [{ indicator: 'utsatt', domain: {}, proportion: 0.19, se: 0.015, ci: [0.162, 0.221], suppressed: false }],
 *   [{ indicator: 'utsatt', domain: {}, proportion: 0.15, se: 0.012, ci: [0.128, 0.175], suppressed: false }],
 * )[0] // → { …, difference: -0.04, differenceSe: 0.0192094, differenceCi: [-0.0776496, -0.0023504], clearChange: true, suppressed: false }
 */
export function compareEstimates(
  before: readonly ComparableEstimate[],
  after: readonly ComparableEstimate[],
  options: { readonly level?: number } = {},
): EstimateComparison[] {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new InvalidInputError(`compareEstimates: level must lie in (0, 1), got ${level}`);
  const z = normalQuantile((1 + level) / 2);
  const beforeByKey = new Map(before.map((e) => [key(e.indicator, e.domain), e]));
  const common = new Set(before.map((e) => e.indicator));
  if (!after.some((e) => common.has(e.indicator))) throw new InvalidInputError('compareEstimates: the two analyses have no indicator in common');
  const result: EstimateComparison[] = [];
  for (const a of after) {
    const b = beforeByKey.get(key(a.indicator, a.domain));
    if (!b) continue;
    const usable = (e: ComparableEstimate) => !e.suppressed && e.proportion !== null && e.se !== null;
    const side = (e: ComparableEstimate): ComparedSide =>
      usable(e) ? { proportion: e.proportion, se: e.se, ci: e.ci ? [e.ci[0], e.ci[1]] : null } : { proportion: null, se: null, ci: null };
    const suppressed = b.suppressed || a.suppressed;
    if (!usable(a) || !usable(b)) {
      result.push({ indicator: a.indicator, domain: a.domain, before: side(b), after: side(a), difference: null, differenceSe: null, differenceCi: null, clearChange: false, suppressed });
      continue;
    }
    const difference = a.proportion! - b.proportion!;
    const differenceSe = Math.sqrt(a.se! ** 2 + b.se! ** 2);
    const differenceCi: [number, number] = [difference - z * differenceSe, difference + z * differenceSe];
    result.push({
      indicator: a.indicator,
      domain: a.domain,
      before: side(b),
      after: side(a),
      difference,
      differenceSe,
      differenceCi,
      clearChange: differenceCi[0] > 0 || differenceCi[1] < 0,
      suppressed,
    });
  }
  return result;
}
