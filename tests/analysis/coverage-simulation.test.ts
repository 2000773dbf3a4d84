import { describe, expect, it } from 'vitest';
import { analyzeSurvey, respondentColumnRoles, respondentColumnsFromRecords, type RespondentRecord } from '../../analysis/index';
import { wilsonInterval } from '../../analysis/wilson-interval';
import { mulberry32 } from '../../analysis/mulberry32';

describe('coverage simulation: raking with unequal response by kön and ålder', () => {
  it('95% logit intervals cover the true prevalence 93–97% of the time; the unweighted estimate does not', () => {
    const random = mulberry32(20240611);
    const kon = ['kvinna', 'man'];
    const ages = ['18-29', '30-44', '45-64', '65-85'];
    const areas = ['Norr', 'Syd', 'Öster'];
    // Prevalence by kön × ålder (higher for young women), response propensity the other way round.
    const prevalence = [[0.4, 0.28, 0.15, 0.06], [0.22, 0.14, 0.08, 0.03]];
    const response = [[0.15, 0.3, 0.5, 0.7], [0.1, 0.2, 0.4, 0.6]];
    const N = 40_000;
    const people: { k: number; a: number; o: number; y: number }[] = [];
    for (let i = 0; i < N; i++) {
      const k = random() < 0.5 ? 0 : 1;
      const a = Math.min(3, Math.floor(random() * 4.3));
      const o = Math.min(2, Math.floor(random() * (2.6 + 0.3 * a)));
      people.push({ k, a, o, y: random() < prevalence[k][a] * (o === 1 ? 1.3 : 1) ? 1 : 0 });
    }
    const truth = people.reduce((s, p) => s + p.y, 0) / N;
    const konAlder = new Map<string, number>();
    const omrade = new Map<string, number>();
    for (const p of people) {
      const key = `${kon[p.k]}|${ages[p.a]}`;
      konAlder.set(key, (konAlder.get(key) ?? 0) + 1);
      omrade.set(areas[p.o], (omrade.get(areas[p.o]) ?? 0) + 1);
    }
    const population = [
      { rows: [...konAlder].map(([key, antal]) => ({ kon: key.split('|')[0], aldersgrupp: key.split('|')[1], antal })) },
      { rows: [...omrade].map(([o, antal]) => ({ omrade: o, antal })) },
    ];

    const replicates = 2000;
    const letters = 2500;
    const index = Int32Array.from({ length: N }, (_, i) => i);
    let covered = 0;
    let coveredUnweighted = 0;
    let biasWeighted = 0;
    let biasUnweighted = 0;
    for (let r = 0; r < replicates; r++) {
      const respondents: RespondentRecord[] = [];
      let positives = 0;
      for (let j = 0; j < letters; j++) {
        const pick = j + Math.floor(random() * (N - j));
        const tmp = index[j];
        index[j] = index[pick];
        index[pick] = tmp;
        const p = people[index[j]];
        if (random() < response[p.k][p.a]) {
          respondents.push({ kon: kon[p.k], aldersgrupp: ages[p.a], omrade: areas[p.o], utsatt: p.y });
          positives += p.y;
        }
      }
      const e = analyzeSurvey({ respondents: respondentColumnsFromRecords(respondents, respondentColumnRoles({ indicators: ['utsatt'] })), population, options: { indicators: ['utsatt'], margins: [['kon', 'aldersgrupp'], ['omrade']], minCell: 0 } }).estimates[0];
      const [lo, hi] = e.ci as [number, number];
      if (lo <= truth && truth <= hi) covered++;
      biasWeighted += (e.proportion as number) - truth;
      const [ulo, uhi] = wilsonInterval(positives, respondents.length);
      if (ulo <= truth && truth <= uhi) coveredUnweighted++;
      biasUnweighted += positives / respondents.length - truth;
    }
    const coverage = covered / replicates;
    const coverageUnweighted = coveredUnweighted / replicates;
    console.log(
      `coverage simulation (${replicates} samples, truth ${truth.toFixed(4)}): raked logit ${(100 * coverage).toFixed(1)}% (mean bias ${(biasWeighted / replicates).toExponential(2)}), ` +
        `unweighted Wilson ${(100 * coverageUnweighted).toFixed(1)}% (mean bias ${(biasUnweighted / replicates).toExponential(2)})`,
    );
    expect(coverage).toBeGreaterThanOrEqual(0.93);
    expect(coverage).toBeLessThanOrEqual(0.97);
    expect(coverageUnweighted).toBeLessThan(0.6);
  }, 20_000);
});
