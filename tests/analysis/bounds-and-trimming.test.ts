/**
 * Bounded raking and trimming against R survey 4.1-1. The values come from
 * tests/analysis/fixtures/make-bounds-trim-values.R (the R call of each is
 * quoted beside it); tests never run R.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSurvey, respondentColumnRoles, respondentColumnsFromRecords, type AnalysisOptions } from '../../analysis/index';
import { parseCsv } from '../../domain/csv';
import { readFileSync } from 'node:fs';
import { toyColumns, toyPopulationKonAlder, toyPopulationOmrade, toyRespondents } from './toy-kommun-fixture';

const population = [toyPopulationKonAlder, toyPopulationOmrade];
const toy = (options: Partial<AnalysisOptions>) =>
  analyzeSurvey({ respondents: toyColumns(), population, options: { indicators: ['utsatt'], fpc: true, margins: [['kon', 'aldersgrupp'], ['omrade']], ...options } });

// Logit CIs: R's svyglm IRLS stops at a 1e-8 deviance tolerance, so R's own logit interval carries ~1e-9 noise (8 digits compared).
describe('trimming that meets its bounds equals R calibrate(…, bounds.const = TRUE)', () => {
  it('raking calibration with the weights in [90, 200]', () => {
    // calibrate(d0, list(~kon + aldersgrupp, ~omrade), list(pk, po), calfun = "raking", bounds = c(90, 200),
    //           bounds.const = TRUE, epsilon = 1e-12, maxit = 200)
    // mean 0.102985158860 SE 0.023247055259 CI [0.0652940599, 0.1587385329] weights [90, 200] kish 159.6368107388
    const result = toy({ method: 'rake', trim: { lower: 90, upper: 200 } });
    const e = result.estimates[0];
    expect(e.proportion).toBeCloseTo(0.10298515886, 10);
    expect(e.se).toBeCloseTo(0.023247055259, 10);
    expect(e.ci?.[0]).toBeCloseTo(0.0652940599, 8);
    expect(e.ci?.[1]).toBeCloseTo(0.1587385329, 8);
    expect(result.weighting.weightMin).toBeCloseTo(90, 8);
    expect(result.weighting.weightMax).toBeCloseTo(200, 8);
    expect(result.weighting.nEffective).toBeCloseTo(159.6368107388, 7);
    expect(result.weighting.populationSize).toBeCloseTo(20600, 4);
    expect(result.weighting.problems).toEqual([]);
    expect(result.weighting.converged).toBe(true);
    // Diagnostics before trimming: the raked weights (README: 84.2475352286 – 207.44883925).
    expect(result.weighting.beforeTrim?.weightMin).toBeCloseTo(84.2475352286, 8);
    expect(result.weighting.beforeTrim?.weightMax).toBeCloseTo(207.44883925, 7);
    expect(result.weighting.trim).toEqual({ lower: 90, upper: 200 });
    expect(result.weighting.trimRounds).toBeGreaterThan(0);
  });

  it('linear calibration with the weights at most 195', () => {
    // calibrate(d0, …, calfun = "linear", bounds = c(-Inf, 195), bounds.const = TRUE, epsilon = 1e-12, maxit = 200)
    // mean 0.102780521606 SE 0.023207154411 CI [0.0651575732, 0.1584455323] weights [80.2339270418, 195] kish 159.7007220306
    const result = toy({ method: 'linear', trim: { upper: 195 } });
    const e = result.estimates[0];
    expect(e.proportion).toBeCloseTo(0.102780521606, 10);
    expect(e.se).toBeCloseTo(0.023207154411, 10);
    expect(e.ci?.[0]).toBeCloseTo(0.0651575732, 8);
    expect(e.ci?.[1]).toBeCloseTo(0.1584455323, 8);
    expect(result.weighting.weightMin).toBeCloseTo(80.2339270418, 8);
    expect(result.weighting.nEffective).toBeCloseTo(159.7007220306, 7);
  });

  it('leaves weights that already lie within the bounds as they are', () => {
    const plain = toy({});
    const wide = toy({ trim: { lower: 50, upper: 250 } });
    expect(wide.weighting.trimRounds).toBe(0);
    expect(wide.estimates[0].se).toBe(plain.estimates[0].se);
    expect(wide.weighting.beforeTrim?.weightMax).toBe(plain.weighting.weightMax);
  });

  it('without margins: trimWeights(strict = TRUE) on stratified base weights', () => {
    // rows$stratum <- paste(kon, aldersgrupp); ds <- svydesign(ids = ~1, strata = ~stratum, fpc = ~Nh, data = rows)
    // svymean(~utsatt, ds): 0.103784835296 SE 0.023755996815, weights [95, 190.9090909091]
    // trimWeights(ds, upper = 170, lower = 100, strict = TRUE): mean 0.103478841319 SE 0.023383410955
    //   CI [0.0655640544, 0.1595749623], weights [100, 170], sum 20600, kish 163.0881910026
    const records = toyRespondents.map((r) => ({ ...r, stratum: `${r.kon} ${r.aldersgrupp}` }));
    const stratumSizes = { rows: toyPopulationKonAlder.rows.map((r) => ({ stratum: `${r.kon} ${r.aldersgrupp}`, antal: r.antal })) };
    const run = (trim?: AnalysisOptions['trim']) =>
      analyzeSurvey({ respondents: toyColumns(records), population, stratumSizes, options: { indicators: ['utsatt'], fpc: true, strata: 'stratum', trim } });
    const untrimmed = run();
    expect(untrimmed.estimates[0].proportion).toBeCloseTo(0.103784835296, 11);
    expect(untrimmed.estimates[0].se).toBeCloseTo(0.023755996815, 11);
    expect(untrimmed.weighting.baseWeights).toBe('N_h/n_h');
    expect(untrimmed.weighting.strata).toBe(6);
    const trimmed = run({ lower: 100, upper: 170 });
    const e = trimmed.estimates[0];
    expect(e.proportion).toBeCloseTo(0.103478841319, 11);
    expect(e.se).toBeCloseTo(0.023383410955, 11);
    expect(e.ci?.[0]).toBeCloseTo(0.0655640544, 8);
    expect(e.ci?.[1]).toBeCloseTo(0.1595749623, 8);
    expect(trimmed.weighting.weightMin).toBeCloseTo(100, 10);
    expect(trimmed.weighting.weightMax).toBeCloseTo(170, 10);
    expect(trimmed.weighting.nEffective).toBeCloseTo(163.0881910026, 8);
    expect(trimmed.weighting.populationSize).toBeCloseTo(20600, 8);
    expect(trimmed.weighting.problems).toEqual([]);
  });
});

describe('trimming that cannot meet its bounds says so', () => {
  it('with margins: no weights ≤ 180 reproduce 2100 men 16–29 from 11 respondents (R: "Calibration failed")', () => {
    // calibrate(d0, …, calfun = "raking", bounds = c(-Inf, 180), bounds.const = TRUE) → Error: Calibration failed
    // 11 men 16–29 answered, 2100 live in the kommun: some weight must be at least 2100 / 11 = 190.9.
    const result = toy({ trim: { upper: 180 } });
    expect(result.weighting.converged).toBe(false);
    expect(result.weighting.problems).toEqual([
      { kind: 'trimming', margin: 'kon:aldersgrupp', cell: { kon: 'M', aldersgrupp: '16-29' }, error: expect.closeTo(11 * 180 - 2100, 6), iterations: expect.any(Number) },
    ]);
    // A visible warning on every estimate.
    for (const e of result.estimates) expect(e.flags).toContain('weighting-failed');
  });

  it('without margins: the mean weight 123.35 cannot lie within [100, 120]', () => {
    const records = toyRespondents.map((r) => ({ ...r, stratum: `${r.kon} ${r.aldersgrupp}` }));
    const stratumSizes = { rows: toyPopulationKonAlder.rows.map((r) => ({ stratum: `${r.kon} ${r.aldersgrupp}`, antal: r.antal })) };
    const result = analyzeSurvey({ respondents: toyColumns(records), population, stratumSizes, options: { indicators: ['utsatt'], strata: 'stratum', trim: { lower: 100, upper: 120 } } });
    expect(result.weighting.problems).toHaveLength(1);
    expect(result.weighting.problems[0]).toMatchObject({ kind: 'trimming', margin: null, cell: null });
    expect(result.weighting.problems[0].error).toBeGreaterThan(0);
    expect(result.estimates[0].flags).toContain('weighting-failed');
  });
});

describe('bounded raking equals R calibrate(calfun = "raking", bounds =)', () => {
  // The CLI fixture (make-cli-fixture.R): 700 respondents, N = 33,705, SRS without fpc.
  const dir = new URL('./fixtures/', import.meta.url);
  const table = (name: string) => parseCsv(readFileSync(new URL(name, dir), 'utf8'), name).rows.map((r) => r.values);
  const respondents = respondentColumnsFromRecords(table('cli-responses.csv'), respondentColumnRoles({ indicators: ['utsatt', 'hrv'] }));
  const cliPopulation = [{ rows: table('cli-population-kon-alder.csv') }, { rows: table('cli-population-omrade.csv') }];
  const run = (bounds: [number, number]) =>
    analyzeSurvey({
      respondents,
      population: cliPopulation,
      options: { indicators: ['utsatt'], margins: [['kon', 'aldersgrupp'], ['omrade']], method: 'rake', bounds, ageGroups: '18-29,30-44,45-64,65-85' },
    });

  it('converges where a zero derivative at the bounds stalled (issue 12: margin error 66 persons before)', () => {
    // calibrate(dc, list(~kon + aldersgrupp, ~omrade), list(pka, poa), calfun = "raking", bounds = c(0.55, 1.95), epsilon = 1e-12, maxit = 200)
    // mean 0.128046422222 SE 0.012896008110 CI [0.1047882782, 0.1555697056] weights [27.7170322654, 93.8925] kish 637.9230094624
    const result = run([0.55, 1.95]);
    expect(result.weighting.converged).toBe(true);
    expect(result.weighting.maxMarginError).toBeLessThan(1e-9 * 33705);
    const e = result.estimates[0];
    expect(e.proportion).toBeCloseTo(0.128046422222, 10);
    expect(e.se).toBeCloseTo(0.01289600811, 10);
    expect(e.ci?.[0]).toBeCloseTo(0.1047882782, 8);
    expect(e.ci?.[1]).toBeCloseTo(0.1555697056, 8);
    expect(result.weighting.weightMin).toBeCloseTo(27.7170322654, 8);
    expect(result.weighting.weightMax).toBeCloseTo(93.8925, 8);
    expect(result.weighting.nEffective).toBeCloseTo(637.9230094624, 7);
  });

  it('reports bounds that no calibrated weights meet (R: "Calibration failed")', () => {
    // calibrate(dc, …, calfun = "raking", bounds = c(0.7, 1.5)) → Error: Calibration failed
    const result = run([0.7, 1.5]);
    expect(result.weighting.converged).toBe(false);
    expect(result.weighting.problems).toHaveLength(1);
    const [problem] = result.weighting.problems;
    expect(problem.kind).toBe('calibration');
    expect(problem.margin).toMatch(/^(kon:aldersgrupp|omrade)$/);
    expect(Math.abs(problem.error)).toBeGreaterThan(1);
    expect(result.estimates.every((e) => e.flags.includes('weighting-failed'))).toBe(true);
  });
});
