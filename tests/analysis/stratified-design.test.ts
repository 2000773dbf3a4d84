/**
 * A stratified design with raking, NA degrees of freedom, a lonely stratum and domain totals
 * with an estimated N̂_d, against R survey 4.1-1 on the exported microdata of the stratified
 * campaign (fixtures/stratified-campaign: campaign.ts made it, make-expected.R computed
 * expected.json, with the R call of each run in its `rCall`). Tests never run R.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeSurvey, buildRespondentColumns, type AnalysisOptions, type EstimateOutput } from '../../analysis/index';
import { parseCsv } from '../../domain/csv';

const dir = new URL('./fixtures/stratified-campaign/', import.meta.url);
const read = (name: string) => parseCsv(readFileSync(new URL(name, dir), 'utf8'), name).rows.map((r) => r.values);

interface ExpectedEstimate {
  indicator: string;
  domain: Record<string, string>;
  n: number;
  df: number;
  proportion: number;
  se: number;
  ci: [number, number];
  total: number;
  totalSe: number;
  totalCi: [number, number];
  domainSize: number;
  domainSizeSe: number;
  deff: number;
}
interface ExpectedRun {
  name: string;
  rCall: string;
  estimates: ExpectedEstimate[];
  weighting: { nEffective: number; weightMin: number; weightMax: number; populationSize: number };
}
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as ExpectedRun[];
const runOf = (name: string) => expected.find((r) => r.name === name)!;

const INDICATORS = ['vinr_12m', 'psykiskt_12m', 'hrv_12m'];
const rows = read('responses.csv');
const key = (kon: string, aldersgrupp: string, omrade: string) => `${kon} ${aldersgrupp} ${omrade}`;
/** The register variables (the code's stratum) as kon, aldersgrupp, omrade; the answered kön as svar_kon. */
const respondents = buildRespondentColumns(rows.length, [
  { name: 'kon', role: 'category', cell: (i) => rows[i].stratum_kon },
  { name: 'aldersgrupp', role: 'category', cell: (i) => rows[i].stratum_aldersgrupp },
  { name: 'omrade', role: 'category', cell: (i) => rows[i].stratum_omrade },
  { name: 'stratum', role: 'category', cell: (i) => key(rows[i].stratum_kon, rows[i].stratum_aldersgrupp, rows[i].stratum_omrade) },
  { name: 'svar_kon', role: 'category', cell: (i) => rows[i].kon },
  ...INDICATORS.map((name) => ({ name, role: 'indicator' as const, cell: (i: number) => rows[i][name] })),
]);
const stratumSizes = { rows: read('strata.csv').map((s) => ({ stratum: key(s.kon, s.aldersgrupp, s.omrade), antal: s.antal })) };
const population = [{ rows: read('population-kon-aldersgrupp.csv') }, { rows: read('population-omrade.csv') }];

function analyze(options: Partial<AnalysisOptions>) {
  return analyzeSurvey({
    respondents,
    population,
    stratumSizes,
    options: { indicators: INDICATORS, strata: 'stratum', fpc: true, lonelyStratum: 'adjust', minCell: 0, margins: [['kon', 'aldersgrupp'], ['omrade']], ...options },
  });
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const domainKey = (e: { indicator: string; domain: Record<string, string> }) => `${e.indicator}|${JSON.stringify(Object.entries(e.domain).sort())}`;

/** Every R estimate has its equal; proportions, SEs, totals and deff to 1e-9 relative, logit CIs to 1e-7 (R's IRLS noise). */
function expectEqualToR(estimates: EstimateOutput[], run: ExpectedRun): void {
  const byKey = new Map(estimates.map((e) => [domainKey(e), e]));
  let compared = 0;
  for (const r of run.estimates) {
    if (Object.values(r.domain).includes('')) continue; // R's "" level is a missing answer, not a domain, for the engine
    const e = byKey.get(domainKey(r));
    expect(e, domainKey(r)).toBeDefined();
    expect(e!.n, domainKey(r)).toBe(r.n);
    expect(e!.df, domainKey(r)).toBe(r.df);
    for (const field of ['proportion', 'se', 'total', 'totalSe'] as const) {
      expect(Math.abs(e![field] as number - r[field]), `${domainKey(r)} ${field}`).toBeLessThanOrEqual(1e-9 * Math.abs(r[field]));
    }
    if (r.proportion === 0 || r.proportion === 1) {
      // R's logit interval does not exist at p̂ = 0 (it prints [2e-13, 2e-12]) and its deff is NaN; the engine
      // gives Clopper–Pearson on n, flagged, and no deff.
      expect(e!.flags).toContain('ci=clopper-pearson');
      expect(e!.deff).toBeNull();
      compared++;
      continue;
    }
    expect(relative(e!.deff as number, r.deff), `${domainKey(r)} deff`).toBeLessThan(1e-9);
    for (let j = 0; j < 2; j++) {
      expect(Math.abs(e!.ci![j] - r.ci[j]), `${domainKey(r)} ci`).toBeLessThan(1e-7);
      expect(relative(e!.totalCi![j], r.totalCi[j]), `${domainKey(r)} totalCi`).toBeLessThan(1e-9);
    }
    compared++;
  }
  expect(compared).toBeGreaterThan(10);
}

describe('stratified design N_h/n_h with raking on the register variables equals R', () => {
  it(`${runOf('workspace').rCall}`, () => {
    const run = runOf('workspace');
    const result = analyze({ by: [['kon'], ['aldersgrupp'], ['omrade']] });
    expect(result.weighting).toMatchObject({ baseWeights: 'N_h/n_h', strata: 24, lonelyStrata: 1, converged: true, problems: [] });
    expect(relative(result.weighting.nEffective, run.weighting.nEffective)).toBeLessThan(1e-9);
    expect(relative(result.weighting.weightMin, run.weighting.weightMin)).toBeLessThan(1e-9);
    expect(relative(result.weighting.weightMax, run.weighting.weightMax)).toBeLessThan(1e-9);
    expectEqualToR(result.estimates, run);
  });

  it('counts the rows whose indicator is missing in the degrees of freedom (R degf), or not with df: answered', () => {
    const result = analyze({ by: [['omrade']] });
    const answered = analyze({ by: [['omrade']], df: 'answered' });
    const r = runOf('workspace').estimates.find((e) => e.indicator === 'psykiskt_12m' && Object.keys(e.domain).length === 0)!;
    const design = result.estimates.find((e) => e.indicator === 'psykiskt_12m' && Object.keys(e.domain).length === 0)!;
    const rows = answered.estimates.find((e) => e.indicator === 'psykiskt_12m' && Object.keys(e.domain).length === 0)!;
    // degf(design[domain, ]) = 387 respondents − 24 strata, missing answers included.
    expect(design.df).toBe(r.df);
    expect(design.df).toBe(387 - 24);
    expect(rows.df).toBeLessThan(design.df!);
    expect(rows.proportion).toBe(design.proportion);
  });

  it('gives a domain the calibration does not fix the total’s own interval (N̂_d estimated)', () => {
    const run = runOf('self-reported-domain');
    const result = analyze({ by: [['svar_kon']] });
    expectEqualToR(result.estimates.filter((e) => 'svar_kon' in e.domain), { ...run, estimates: run.estimates });
    // N̂_d is estimated here: its SE is far from zero, so N̂_d × CI(p̂) would be too narrow.
    const women = run.estimates.find((e) => e.indicator === 'vinr_12m' && e.domain.svar_kon === 'kvinna')!;
    expect(women.domainSizeSe / women.domainSize).toBeGreaterThan(0.01);
    const e = result.estimates.find((x) => x.indicator === 'vinr_12m' && x.domain.svar_kon === 'kvinna')!;
    const naive = [women.domainSize * e.ci![0], women.domainSize * e.ci![1]];
    expect(e.totalCi![1] - e.totalCi![0]).toBeGreaterThan(naive[1] - naive[0]);
  });

  it(`uncalibrated: ${runOf('stratified-uncalibrated').rCall}`, () => {
    const run = runOf('stratified-uncalibrated');
    const result = analyze({ margins: [], by: [['kon'], ['aldersgrupp'], ['omrade']] });
    expect(relative(result.weighting.populationSize, run.weighting.populationSize)).toBeLessThan(1e-12);
    expectEqualToR(result.estimates, run);
  });

  it('fails, as R by default, on a lonely stratum unless told to adjust', () => {
    expect(() => analyze({ lonelyStratum: 'fail' })).toThrow(/1 respondent/);
  });
});
