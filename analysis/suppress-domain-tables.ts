import { complementarySuppression } from './complementary-suppression';
import { crossingRelations } from './crossing-relations';
import type { DarkFigureOutput, EstimateOutput } from './survey-analysis-types';

/** The reason of a cell hidden to protect another: `secondary`. */
export const SECONDARY_SUPPRESSION = 'secondary';

/**
 * Complementary suppression of a survey analysis's domain tables, per
 * indicator: the estimates (overall, by each variable and by crossings) are
 * linked by their additive counts — respondents n, estimated totals T̂,
 * domain sizes N̂_d — so when one level is suppressed for having fewer than
 * `minCell` respondents, further levels are suppressed (reason `secondary`)
 * until none can be derived from the overall figure and the other levels
 * (see {@link complementarySuppression}; the cost of a cell is its n, so the
 * smallest groups go first). The mörkertal rows get the same treatment on
 * their registered counts R (primary when R < minCell), and a row whose
 * estimate is hidden is hidden too.
 *
 * A suppressed estimate keeps indicator, domain and n (the analyst's own
 * output; the workspace's tables, CSV for Excel and reports do not show it)
 * and has null values.
 *
 * Complexity: per indicator, that of complementarySuppression on its cells.
 *
 * @example
 * suppressDomainTables(estimates, [], 5).estimates.find((e) => e.domain.kon === 'man')?.reason // → 'secondary' (kön = annat had n = 1)
 */
export function suppressDomainTables(
  estimates: readonly EstimateOutput[],
  darkFigures: readonly DarkFigureOutput[],
  minCell: number,
): { estimates: EstimateOutput[]; darkFigure: DarkFigureOutput[] } {
  const resultEstimates = [...estimates];
  const byIndicator = groupIndices(estimates);
  for (const indices of byIndicator.values()) {
    const layout = crossingRelations(indices.map((i) => estimates[i].domain));
    const cost = layout.cells.map(() => 0);
    const primary = layout.cells.map(() => false);
    indices.forEach((index, g) => {
      cost[layout.indexOfGiven[g]] = estimates[index].n;
      primary[layout.indexOfGiven[g]] = isPrimaryEstimate(estimates[index], minCell);
    });
    const { status } = complementarySuppression({ cost, primary, unpublished: layout.unpublished, relations: layout.relations });
    indices.forEach((index, g) => {
      if (status[layout.indexOfGiven[g]] === 'secondary') resultEstimates[index] = hiddenEstimate(estimates[index]);
    });
  }

  const hiddenEstimates = new Set(resultEstimates.filter((e) => e.suppressed).map((e) => key(e.indicator, e.domain)));
  const reasonOf = new Map(resultEstimates.map((e) => [key(e.indicator, e.domain), e.reason]));
  const resultDark = darkFigures.map((d) => {
    if (d.suppressed || !hiddenEstimates.has(key(d.indicator, d.domain))) return d;
    return { ...d, ...HIDDEN_DARK, suppressed: true, reason: reasonOf.get(key(d.indicator, d.domain)) ?? SECONDARY_SUPPRESSION };
  });
  const darkByIndicator = groupIndices(darkFigures);
  for (const indices of darkByIndicator.values()) {
    const layout = crossingRelations(indices.map((i) => darkFigures[i].domain));
    const cost = layout.cells.map(() => 0);
    const primary = layout.cells.map(() => false);
    indices.forEach((index, g) => {
      cost[layout.indexOfGiven[g]] = darkFigures[index].registered ?? 0;
      primary[layout.indexOfGiven[g]] = darkFigures[index].reason?.startsWith('registered<') === true;
    });
    const { status } = complementarySuppression({ cost, primary, unpublished: layout.unpublished, relations: layout.relations });
    indices.forEach((index, g) => {
      if (status[layout.indexOfGiven[g]] === 'secondary') resultDark[index] = { ...resultDark[index], registered: null, ...HIDDEN_DARK, suppressed: true, reason: SECONDARY_SUPPRESSION };
    });
  }
  return { estimates: resultEstimates, darkFigure: resultDark };
}

/** Suppressed by the respondent rule (not a level without respondents, whose counts are all zero and known). */
function isPrimaryEstimate(estimate: EstimateOutput, minCell: number): boolean {
  return estimate.suppressed && estimate.n > 0 && estimate.n < minCell;
}

function hiddenEstimate(e: EstimateOutput): EstimateOutput {
  return {
    indicator: e.indicator,
    domain: e.domain,
    n: e.n,
    df: null,
    proportion: null,
    se: null,
    ci: null,
    total: null,
    totalSe: null,
    totalCi: null,
    deff: null,
    cv: null,
    flags: e.flags.filter((f) => f === 'weighting-failed'),
    suppressed: true,
    reason: SECONDARY_SUPPRESSION,
  };
}

const HIDDEN_DARK = { estimatedTotal: null, estimatedTotalCi: null, unregistered: null, unregisteredCi: null, detectionRatio: null, detectionRatioCi: null } as const;

const key = (indicator: string, domain: Readonly<Record<string, string>>) => `${indicator}|${JSON.stringify(Object.entries(domain).sort())}`;

function groupIndices(rows: readonly { indicator: string }[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const list = groups.get(row.indicator) ?? [];
    list.push(i);
    groups.set(row.indicator, list);
  });
  return groups;
}
