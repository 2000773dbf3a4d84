import { describe, expect, it } from 'vitest';
import { AnalysisInputError, analyzeSurvey, weightSurvey, type AnalysisOptions } from '../../analysis/index';
import { toyColumns, toyPopulationKonAlder, toyPopulationOmrade, toyRespondents } from './toy-kommun-fixture';

// Reference values: /work/shared/reference/README.md (R 4.2.2, survey 4.1-1) and, where marked,
// R calls run for these tests (same data). d0 <- svydesign(ids = ~1, weights = ~w0, fpc = ~fpc, data = rows)
const population = [toyPopulationKonAlder, toyPopulationOmrade];
const run = (options: Partial<AnalysisOptions>) =>
  analyzeSurvey({ respondents: toyColumns(), population, options: { indicators: ['utsatt'], fpc: true, ...options } });
const overall = (options: Partial<AnalysisOptions>) => run(options).estimates[0];

describe('analyzeSurvey on the toy kommun', () => {
  it('unweighted SRS mean without and with fpc', () => {
    // svymean(~utsatt, svydesign(ids = ~1, weights = ~w0)) = 0.1077844311, SE 0.0240690457
    const plain = overall({ fpc: false });
    expect(plain.proportion).toBeCloseTo(0.1077844311, 10);
    expect(plain.se).toBeCloseTo(0.0240690457, 10);
    // same with fpc = 20600: SE 0.0239712857
    expect(overall({}).se).toBeCloseTo(0.0239712857, 10);
  });

  it('post-stratified on kön × åldersgrupp: estimate, total and weights', () => {
    // postStratify(d0, ~kon + aldersgrupp, pop_konalder): mean 0.1037848353 (SE 0.0232215140), total 2137.9676071 (SE 478.3631894)
    const e = overall({ margins: [['kon', 'aldersgrupp']], method: 'poststrat' });
    expect(e.proportion).toBeCloseTo(0.1037848353, 10);
    expect(e.se).toBeCloseTo(0.023221514, 10);
    expect(e.total).toBeCloseTo(2137.9676071, 6);
    expect(e.totalSe).toBeCloseTo(478.3631894, 6);
    const design = weightSurvey({ respondents: toyColumns(), population, options: { indicators: ['utsatt'], margins: [['kon', 'aldersgrupp']], method: 'poststrat' } });
    // weights(dps) for K16–29, K30–49, K50–84, M16–29, M30–49, M50–84 (respondents 1, 21, 50, 95, 106, 128)
    const expected = [95, 106.896551724, 115.555555556, 190.909090909, 150, 125];
    [0, 20, 49, 94, 105, 127].forEach((row, j) => expect(design.weights[row]).toBeCloseTo(expected[j], 8));
  });

  it('raked on kön × åldersgrupp + område: estimate, total, weights, CIs, diagnostics', () => {
    const result = run({ margins: [['kon', 'aldersgrupp'], ['omrade']] });
    const e = result.estimates[0];
    // rake(d0, list(~kon + aldersgrupp, ~omrade), ..., control = list(maxit = 100, epsilon = 1e-10)): 0.1029847281, SE 0.0232472907
    expect(e.proportion).toBeCloseTo(0.1029847281, 10);
    expect(e.se).toBeCloseTo(0.0232472907, 10);
    expect(e.total).toBeCloseTo(2121.4853987, 6);
    expect(e.totalSe).toBeCloseTo(478.8941894, 6);
    // svyciprop(~utsatt, drk, method = "logit"): [0.0652933559, 0.1587388280] (R's IRLS adds ~1e-9 noise)
    expect(e.ci?.[0]).toBeCloseTo(0.0652933559, 8);
    expect(e.ci?.[1]).toBeCloseTo(0.158738828, 8);
    // svymean(~utsatt, drk, deff = TRUE): deff 0.97907
    expect(e.deff).toBeCloseTo(0.97907, 5);
    // Kish n = 159.6860256339; 1 + CV² = 1.0458022193
    expect(result.weighting.nEffective).toBeCloseTo(159.6860256339, 8);
    expect(result.weighting.weightingDesignEffect).toBeCloseTo(1.0458022193, 9);
    expect(result.weighting.converged).toBe(true);
    expect(result.weighting.maxMarginError).toBeLessThanOrEqual(1e-9 * 20600);
    const beta = overall({ margins: [['kon', 'aldersgrupp'], ['omrade']], ci: 'beta' });
    // svyciprop(~utsatt, drk, method = "beta"): [0.0617836194, 0.1586009011]
    expect(beta.ci?.[0]).toBeCloseTo(0.0617836194, 10);
    expect(beta.ci?.[1]).toBeCloseTo(0.1586009011, 10);
    const design = weightSurvey({ respondents: toyColumns(), population, options: { indicators: ['utsatt'], margins: [['kon', 'aldersgrupp'], ['omrade']] } });
    // weights(drk)[c(1, 13, 21, 95, 167)] = 102.168309848 84.2475352286 116.785734487 207.44883925 111.907530369
    [102.1683098476, 84.2475352286, 116.785734487, 207.44883925, 111.907530369].forEach((w, j) =>
      expect(design.weights[[0, 12, 20, 94, 166][j]]).toBeCloseTo(w, 8),
    );
  });

  it('domain estimates on the raked design match svyby / subset', () => {
    const result = run({ margins: [['kon', 'aldersgrupp'], ['omrade']], by: [['kon'], ['omrade'], ['kon', 'omrade']], minCell: 0 });
    const find = (domain: Record<string, string>) => result.estimates.find((e) => JSON.stringify(e.domain) === JSON.stringify(domain));
    // svyciprop(~utsatt, subset(drk, kon == "K"), method = "logit"): 0.1303417664, SE 0.0331615128, CI [0.0773514304, 0.2113192970]
    const women = find({ kon: 'K' });
    expect(women?.proportion).toBeCloseTo(0.1303417664, 10);
    expect(women?.se).toBeCloseTo(0.0331615128, 10);
    expect(women?.ci?.[0]).toBeCloseTo(0.0773514304, 8);
    expect(women?.ci?.[1]).toBeCloseTo(0.211319297, 8);
    expect(women?.df).toBe(93);
    // svyby(~utsatt, ~omrade, drk, svymean): Norr 0.0978693740 (SE 0.0314575196), Syd 0.1101224315 (SE 0.0351424765)
    expect(find({ omrade: 'Norr' })?.proportion).toBeCloseTo(0.097869374, 10);
    expect(find({ omrade: 'Norr' })?.se).toBeCloseTo(0.0314575196, 10);
    expect(find({ omrade: 'Syd' })?.proportion).toBeCloseTo(0.1101224315, 10);
    expect(find({ omrade: 'Syd' })?.se).toBeCloseTo(0.0351424765, 10);
    // svyby(~utsatt, ~kon + omrade, drk, svymean): K.Norr 0.10888690 (0.04127446), M.Syd 0.06272939 (0.04293061)
    expect(find({ kon: 'K', omrade: 'Norr' })?.se).toBeCloseTo(0.04127446, 8);
    expect(find({ kon: 'M', omrade: 'Syd' })?.proportion).toBeCloseTo(0.06272939, 8);
  });

  it('three separate margins, GREG and raking calibration, bounded calibration', () => {
    // rake(d0, list(~kon, ~aldersgrupp, ~omrade), ...): 0.1046593433, SE 0.0231410236
    const konTable = { rows: [{ kon: 'K', antal: 10200 }, { kon: 'M', antal: 10400 }] };
    const three = analyzeSurvey({
      respondents: toyColumns(),
      population: [toyPopulationKonAlder, toyPopulationOmrade, konTable],
      options: { indicators: ['utsatt'], fpc: true, margins: [['kon'], ['aldersgrupp'], ['omrade']] },
    }).estimates[0];
    expect(three.proportion).toBeCloseTo(0.1046593433, 10);
    expect(three.se).toBeCloseTo(0.0231410236, 10);
    // calibrate(d0, list(~kon + aldersgrupp, ~omrade), ..., calfun = "linear"): 0.1027566571, SE 0.0231966626
    const greg = overall({ margins: [['kon', 'aldersgrupp'], ['omrade']], method: 'linear' });
    expect(greg.proportion).toBeCloseTo(0.1027566571, 10);
    expect(greg.se).toBeCloseTo(0.0231966626, 10);
    // calibrate(..., calfun = "raking", epsilon = 1e-12): 0.102984728092, SE 0.0232472907489
    const raking = overall({ margins: [['kon', 'aldersgrupp'], ['omrade']], method: 'raking' });
    expect(raking.proportion).toBeCloseTo(0.102984728092, 10);
    expect(raking.se).toBeCloseTo(0.0232472907489, 10);
    // calibrate(..., calfun = "linear", bounds = c(0.7, 1.6), epsilon = 1e-12): 0.102717190173, SE 0.0231878770945, weights 86.3473053892–197.365269461
    const options = { indicators: ['utsatt'], fpc: true, margins: [['kon', 'aldersgrupp'], ['omrade']], method: 'linear', bounds: [0.7, 1.6] } as const;
    const bounded = analyzeSurvey({ respondents: toyColumns(), population, options });
    expect(bounded.estimates[0].proportion).toBeCloseTo(0.102717190173, 10);
    expect(bounded.estimates[0].se).toBeCloseTo(0.0231878770945, 10);
    expect(bounded.weighting.weightMin).toBeCloseTo(86.3473053892, 8);
    expect(bounded.weighting.weightMax).toBeCloseTo(197.365269461, 8);
    // calfun = "raking", bounds = c(0.7, 1.6): 0.103021344309, SE 0.0232537575029
    const boundedRaking = overall({ margins: [['kon', 'aldersgrupp'], ['omrade']], method: 'raking', bounds: [0.7, 1.6] });
    expect(boundedRaking.proportion).toBeCloseTo(0.103021344309, 10);
    expect(boundedRaking.se).toBeCloseTo(0.0232537575029, 10);
  });

  it('calibrated weights reproduce every margin exactly', () => {
    for (const method of ['rake', 'linear', 'raking'] as const) {
      const design = weightSurvey({ respondents: toyColumns(), population, options: { indicators: ['utsatt'], margins: [['kon', 'aldersgrupp'], ['omrade']], method } });
      const sums = new Map<string, number>();
      toyRespondents.forEach((r, i) => {
        for (const key of [`${r.kon}|${r.aldersgrupp}`, `${r.omrade}`]) sums.set(key, (sums.get(key) ?? 0) + design.weights[i]);
      });
      for (const row of toyPopulationKonAlder.rows) expect(sums.get(`${row.kon}|${row.aldersgrupp}`)).toBeCloseTo(Number(row.antal), 6);
      for (const row of toyPopulationOmrade.rows) expect(sums.get(`${row.omrade}`)).toBeCloseTo(Number(row.antal), 6);
    }
  });

  it('equal weights give the unweighted mean; a domain equal to the whole sample gives the overall estimate', () => {
    const e = overall({ fpc: false });
    expect(e.proportion).toBeCloseTo(18 / 167, 14);
    const everyone = analyzeSurvey({
      respondents: toyColumns(toyRespondents.map((r) => ({ ...r, alla: 'ja' }))),
      population,
      options: { indicators: ['utsatt'], margins: [['kon', 'aldersgrupp'], ['omrade']], by: [['alla']] },
    }).estimates;
    expect(everyone[1].proportion).toBeCloseTo(everyone[0].proportion as number, 14);
    expect(everyone[1].se).toBeCloseTo(everyone[0].se as number, 14);
  });

  it('mörkertal against 150 registered persons', () => {
    const result = analyzeSurvey({
      respondents: toyColumns(),
      population,
      registered: { rows: [{ indikator: 'utsatt', antal: '150' }] },
      options: { indicators: ['utsatt'], fpc: true, margins: [['kon', 'aldersgrupp'], ['omrade']] },
    });
    const d = result.darkFigure[0];
    // N × logit CI of p = [1345.043132, 3270.019857]; T − R = 1971.485399; R / T = 0.0707051767, CI [0.0458712811, 0.1115205873]
    expect(d.estimatedTotalCi?.[0]).toBeCloseTo(1345.043132, 4);
    expect(d.estimatedTotalCi?.[1]).toBeCloseTo(3270.019857, 4);
    expect(d.unregistered).toBeCloseTo(1971.485399, 5);
    expect(d.detectionRatio).toBeCloseTo(0.0707051767, 10);
    expect(d.detectionRatioCi?.[0]).toBeCloseTo(0.0458712811, 8);
    expect(d.detectionRatioCi?.[1]).toBeCloseTo(0.1115205873, 8);
  });

  it('suppresses small domains and keeps the reason', () => {
    const result = run({ margins: [['kon', 'aldersgrupp'], ['omrade']], by: [['kon', 'aldersgrupp', 'omrade']], minCell: 10 });
    const small = result.estimates.filter((e) => e.n < 10);
    expect(small.length).toBeGreaterThan(0);
    for (const e of small) expect(e).toMatchObject({ suppressed: true, reason: 'n<10', proportion: null, ci: null });
  });

  it('flags a one-respondent domain with the NCHS flags as well as df<1 (minCell 0)', () => {
    const records = toyRespondents.map((r, i) => ({ ...r, grupp: i === 0 ? 'ensam' : 'övriga' }));
    const result = analyzeSurvey({ respondents: toyColumns(records), population, options: { indicators: ['utsatt'], margins: [['kon', 'aldersgrupp']], by: [['grupp']], minCell: 0 } });
    const alone = result.estimates.find((e) => e.domain.grupp === 'ensam')!;
    expect(alone.n).toBe(1);
    expect(alone.ci).toBeNull();
    expect(alone.flags).toEqual(expect.arrayContaining(['n<30', 'neff<30', 'df<8', 'df<1']));
  });

  it('bins single-year ages in respondents and population with one grouping', () => {
    const respondents = toyRespondents.map((r) => ({ ...r, alder: r.aldersgrupp === '16-29' ? 20 : r.aldersgrupp === '30-49' ? 40 : 60, aldersgrupp: undefined }));
    const single = { rows: toyPopulationKonAlder.rows.flatMap((row) => {
      const [from, to] = String(row.aldersgrupp).split('-').map(Number);
      return Array.from({ length: to - from + 1 }, (_, k) => ({ kon: row.kon, alder: from + k, antal: Number(row.antal) / (to - from + 1) }));
    }).concat([{ kon: 'K', alder: 90, antal: 500 }]) };
    const e = analyzeSurvey({
      respondents: toyColumns(respondents),
      population: [single, toyPopulationOmrade],
      options: { indicators: ['utsatt'], fpc: true, ageGroups: '16-29,30-49,50-84', margins: [['kon', 'aldersgrupp'], ['omrade']] },
    }).estimates[0];
    expect(e.proportion).toBeCloseTo(0.1029847281, 10);
    expect(e.se).toBeCloseTo(0.0232472907, 10);
  });

  it('trims weights within the margins (R values in bounds-and-trimming.test.ts)', () => {
    // The old test trimmed to 180, which no weights meeting the margins can respect (2100 men 16–29, 11 respondents):
    // it passed because the engine silently returned weights above 180. That case is now a reported problem.
    const result = run({ margins: [['kon', 'aldersgrupp'], ['omrade']], trim: { upper: 200 } });
    expect(result.weighting.trimRounds).toBeGreaterThan(0);
    expect(result.weighting.weightMax).toBeLessThanOrEqual(200 * (1 + 1e-12));
    expect(result.weighting.populationSize).toBeCloseTo(20600, 4);
    expect(run({ margins: [['kon', 'aldersgrupp'], ['omrade']], trim: { upper: 180 } }).weighting.problems[0].kind).toBe('trimming');
  });

  it('stratified base weights N_h/n_h', () => {
    const design = weightSurvey({ respondents: toyColumns(), population, options: { indicators: ['utsatt'], strata: 'omrade' } });
    const norr = toyRespondents.filter((r) => r.omrade === 'Norr').length;
    expect(design.weights[0]).toBeCloseTo(12000 / norr, 10);
  });

  it('throws located errors for bad input', () => {
    const bad = toyRespondents.map((r, i) => (i === 3 ? { ...r, kon: 'X' } : r));
    try {
      analyzeSurvey({ respondents: toyColumns(bad), population, options: { indicators: ['utsatt'], margins: [['kon', 'aldersgrupp']] } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AnalysisInputError);
      expect((error as AnalysisInputError).location).toEqual({ row: 3, column: 'kon' });
      expect((error as AnalysisInputError).swedish).toBe('värdet "X" finns inte i befolkningsfilen (giltiga: K, M)');
    }
    expect(() => analyzeSurvey({ respondents: toyColumns([]), population, options: { indicators: ['utsatt'] } })).toThrow(AnalysisInputError);
    expect(() => run({ indicators: ['saknas'] })).toThrow(/unknown respondent column saknas/);
    expect(() => run({ indicators: [] })).toThrow(/at least one indicator/);
    expect(() => run({ level: 1.5 })).toThrow(/level/);
  });
});

describe('JK1 jackknife with re-calibration in each replicate', () => {
  const options = { indicators: ['utsatt'], margins: [['kon', 'aldersgrupp'], ['omrade']], variance: 'jk1', by: [['kon']] } as const;
  it('matches R on the raked toy design', () => {
    // dj <- rake(as.svrepdesign(svydesign(ids = ~1, weights = ~w0, data = rows), type = "JK1"),
    //            list(~kon + aldersgrupp, ~omrade), list(pk, po), control = list(maxit = 100, epsilon = 1e-10))
    const result = analyzeSurvey({ respondents: toyColumns(), population, options });
    const [all, women, men] = result.estimates;
    // svymean(~utsatt, dj): 0.102984728092, SE 0.0246392019702; svytotal: 2121.4853987, SE 507.567560586
    expect(all.proportion).toBeCloseTo(0.102984728092, 10);
    expect(all.se).toBeCloseTo(0.0246392019702, 10);
    expect(all.totalSe).toBeCloseTo(507.567560586, 6);
    // svyby(~utsatt, ~kon, dj, svymean): K 0.1303417664258 (SE 0.0345052001533), M 0.0761537866496 (SE 0.0351139692033)
    expect(women.se).toBeCloseTo(0.0345052001533, 10);
    expect(men.se).toBeCloseTo(0.0351139692033, 10);
    // with fpc: svymean(~utsatt, rake(as.svrepdesign(d0 with fpc, type = "JK1"), …)) SE 0.0245391262407
    const fpc = analyzeSurvey({ respondents: toyColumns(), population, options: { ...options, fpc: true } });
    expect(fpc.estimates[0].se).toBeCloseTo(0.0245391262407, 10);
    // svyciprop(~utsatt, dj, method = "logit") = [0.0627553714675, 0.164477403366] with degf(dj) = 160
    // (the rank of the calibrated replicate weights); the engine uses df = n − 1 = 166, so it is slightly narrower.
    const [lo, hi] = all.ci as [number, number];
    expect(lo).toBeGreaterThan(0.0627553714675);
    expect(lo).toBeCloseTo(0.0627553714675, 3);
    expect(hi).toBeLessThan(0.164477403366);
    expect(hi).toBeCloseTo(0.164477403366, 3);
  });
  it('rejects a stratified design', () => {
    expect(() => analyzeSurvey({ respondents: toyColumns(), population, options: { ...options, strata: 'omrade' } })).toThrow(/unstratified/);
  });
});
