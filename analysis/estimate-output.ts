import { darkFigure } from './dark-figure';
import { effectiveWilsonInterval } from './effective-wilson-interval';
import { kornGraubardInterval } from './korn-graubard-interval';
import type { LinearizedDomainEstimate } from './linearized-domain-estimate';
import { logitInterval } from './logit-interval';
import { nchsReliabilityFlags } from './nchs-reliability-flags';
import type { DarkFigureOutput, EstimateOutput, IntervalMethod } from './survey-analysis-types';

/** How estimates are reported. */
export interface EstimateSettings {
  readonly ciMethod: IntervalMethod;
  readonly level: number;
  readonly minCell: number;
  /** `design`: R's degf of the domain with its missing rows; `answered`: rows with a value only. */
  readonly df: 'design' | 'answered';
  /** The weights missed their target (see WeightingProblem): every estimate carries the flag `weighting-failed`. */
  readonly weightingFailed: boolean;
}

/** Replicate (JK1) variances that replace the linearised ones. */
export interface ReplicateVariances {
  readonly mean: number;
  readonly logitMean: number;
  readonly total: number;
}

/**
 * One reported estimate of an indicator in a domain level: proportion, SE,
 * confidence interval, total with its SE and interval, design effect, CV,
 * NCHS reliability flags, and disclosure suppression below `minCell`
 * respondents.
 *
 * The total's interval is N̂_d × the proportion interval computed with the
 * total's own linearised SE on the proportion scale, SE(T̂)/N̂_d. When the
 * domain size N̂_d is fixed by the calibration (a calibration cell, or a
 * union of them) that SE equals SE(p̂) and the interval is N_d × CI(p̂);
 * when N̂_d is itself estimated it carries that uncertainty too.
 *
 * Complexity: O(interval evaluation).
 *
 * @example
 * estimateOutput('utsatt', {}, linearized, settings).ci // → [0.0652933553, 0.1587388274] (toy kommun, raked)
 */
export function estimateOutput(
  indicator: string,
  domain: Record<string, string>,
  e: LinearizedDomainEstimate,
  settings: EstimateSettings,
  replicate?: ReplicateVariances,
): EstimateOutput {
  const failed = settings.weightingFailed ? ['weighting-failed'] : [];
  const empty = { indicator, domain, n: e.n, df: null, proportion: null, se: null, ci: null, total: null, totalSe: null, totalCi: null, deff: null, cv: null, flags: failed };
  if (e.n === 0) return { ...empty, suppressed: true, reason: 'n=0' };
  if (e.n < settings.minCell) return { ...empty, suppressed: true, reason: `n<${settings.minCell}` };
  const p = e.mean;
  const df = settings.df === 'answered' ? e.dfAnswered : e.df;
  const rowsDf = settings.df === 'answered' ? e.rowsDfAnswered : e.rowsDf;
  if (replicate && !(Number.isFinite(replicate.mean) && Number.isFinite(replicate.total))) {
    return { ...empty, df, proportion: p, total: e.total, flags: [...failed, 'jk1-undefined'], suppressed: false };
  }
  const se = Math.sqrt(replicate ? replicate.mean : e.meanVariance);
  const totalSe = Math.sqrt(replicate ? replicate.total : e.totalVariance);
  const flags: string[] = [...failed];
  let ci: [number, number] | null = null;
  let totalCi: [number, number] | null = null;
  if (df >= 1) {
    // With replicates, the logit interval uses the replicate variance of logit(p̂), as svyciprop does on a replicate design.
    const logitSe = replicate ? Math.sqrt(replicate.logitMean) * p * (1 - p) : se;
    const interval = proportionInterval(p, se, logitSe, df, rowsDf, e.n, settings);
    ci = interval.ci;
    if (interval.clopperPearson) flags.push('ci=clopper-pearson');
    const seOfShare = totalSe / e.domainSize;
    const scaled = proportionInterval(p, seOfShare, seOfShare, df, rowsDf, e.n, settings).ci;
    totalCi = [e.domainSize * scaled[0], e.domainSize * scaled[1]];
  }
  flags.push(...nchsReliabilityFlags({ p, se, n: e.n, df, rowsDf }));
  if (df < 1) flags.push('df<1');
  return {
    indicator,
    domain,
    n: e.n,
    df,
    proportion: p,
    se,
    ci,
    total: e.total,
    totalSe,
    totalCi,
    deff: e.deff === undefined ? null : replicate ? (e.deff * replicate.mean) / e.meanVariance : e.deff,
    cv: p > 0 ? se / p : null,
    flags,
    suppressed: false,
  };
}

/** The chosen interval for p with standard error se (logitSe for the logit interval). */
function proportionInterval(
  p: number,
  se: number,
  logitSe: number,
  df: number,
  rowsDf: number,
  n: number,
  settings: EstimateSettings,
): { ci: [number, number]; clopperPearson: boolean } {
  if (settings.ciMethod === 'wilson') return { ci: effectiveWilsonInterval(p, se, n, settings.level), clopperPearson: false };
  if (settings.ciMethod === 'beta' || se === 0 || p === 0 || p === 1) {
    return { ci: kornGraubardInterval(p, se, df, rowsDf, n, settings.level), clopperPearson: settings.ciMethod === 'logit' };
  }
  return { ci: logitInterval(p, logitSe, df, settings.level), clopperPearson: false };
}

/**
 * The mörkertal row of an estimate against R registered persons (see
 * {@link darkFigure}), suppressed when R is below `minCell` (R hidden) or
 * the estimate itself is suppressed or has no interval.
 *
 * @example
 * darkFigureOutput(estimate, 150, 5).detectionRatio // → 0.0707051767 (toy kommun)
 */
export function darkFigureOutput(estimate: EstimateOutput, registered: number, minCell: number): DarkFigureOutput {
  const base = { indicator: estimate.indicator, domain: estimate.domain };
  const hidden = { estimatedTotal: null, estimatedTotalCi: null, unregistered: null, unregisteredCi: null, detectionRatio: null, detectionRatioCi: null };
  if (registered < minCell) return { ...base, registered: null, ...hidden, suppressed: true, reason: `registered<${minCell}` };
  if (estimate.suppressed || estimate.total === null || estimate.totalCi === null) {
    return { ...base, registered, ...hidden, suppressed: true, reason: estimate.reason ?? 'no-interval' };
  }
  return { ...base, ...darkFigure(registered, estimate.total, estimate.totalCi), suppressed: false };
}
