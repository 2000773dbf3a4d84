import { describe, expect, it } from 'vitest';
import { accumulateDomainCellSumsBySpec, accumulateGroupedDomainCellSums, domainCellGroups, type DomainCellSums } from '../../analysis/index';
import { mulberry32 } from '../../analysis/mulberry32';

const keys: (keyof DomainCellSums)[] = ['allCount', 'allWeight', 'allWeightSquared', 'count', 'sumY', 'weight', 'weightY', 'weightYY', 'weightSquared', 'weightSquaredY', 'weightSquaredYY'];

function respondents(n: number, weights: number[], seed: number) {
  const random = mulberry32(seed);
  const cellOf = Int32Array.from({ length: n }, () => Math.floor(random() * 12));
  const baseWeight = Float64Array.from({ length: n }, () => weights[Math.floor(random() * weights.length)]);
  const overall = new Int32Array(n);
  const byKon = Int32Array.from({ length: n }, () => Math.floor(random() * 2));
  // A domain with respondents outside every level (−1), as for a missing domain value.
  const byOmrade = Int32Array.from({ length: n }, () => Math.floor(random() * 4) - 1);
  const y = Float64Array.from({ length: n }, () => (random() < 0.1 ? NaN : random() < 0.3 ? 1 : 0));
  return { cellOf, baseWeight, levelOfs: [overall, byKon, byOmrade], levelCounts: [1, 2, 3], y };
}

describe('accumulateGroupedDomainCellSums', () => {
  it('gives the per-respondent sums of accumulateDomainCellSumsBySpec', () => {
    const { cellOf, baseWeight, levelOfs, levelCounts, y } = respondents(5000, [12.5, 40, 3.25], 11);
    const groups = domainCellGroups(cellOf, baseWeight, levelOfs);
    expect(groups).toBeDefined();
    // 3 weights × 12 cells × 2 kön × 4 område values (one of them "outside") at most.
    expect(groups!.groupCount).toBeLessThanOrEqual(3 * 12 * 2 * 4);
    const grouped = accumulateGroupedDomainCellSums(groups!, levelCounts, 12, y);
    const direct = accumulateDomainCellSumsBySpec(cellOf, baseWeight, levelOfs, levelCounts, 12, y);
    for (let s = 0; s < levelCounts.length; s++) {
      for (const key of keys) {
        const a = grouped[s][key] as Float64Array;
        const b = direct[s][key] as Float64Array;
        expect(a.length).toBe(b.length);
        for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b[k])));
      }
    }
  });

  it('declines to group when nearly every respondent has a weight of its own', () => {
    const n = 800;
    const { cellOf, levelOfs } = respondents(n, [1], 3);
    const own = Float64Array.from({ length: n }, (_, i) => 1 + i / n);
    expect(domainCellGroups(cellOf, own, levelOfs)).toBeUndefined();
  });

  it('rejects values of the wrong length', () => {
    const { cellOf, baseWeight, levelOfs, levelCounts } = respondents(2000, [2], 5);
    const groups = domainCellGroups(cellOf, baseWeight, levelOfs)!;
    expect(() => accumulateGroupedDomainCellSums(groups, levelCounts, 12, new Float64Array(1999))).toThrow('one value per respondent');
  });
});
