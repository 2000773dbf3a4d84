import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runAnalyze } from '../../cli/analyze';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = join(root, 'tests/analysis/fixtures');
// The toy kommun from the shared reference folder, copied unchanged (see its README).
const reference = join(fixtures, "toy-kommun");
const tsx = join(root, 'node_modules/.bin/tsx');

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
  deff: number;
}
interface ExpectedRun {
  name: string;
  rCall: string;
  args: string[];
  estimates: ExpectedEstimate[];
  darkFigure: { indicator: string; domain: Record<string, string>; registered: number; estimatedTotal: number; estimatedTotalCi: number[]; unregistered: number; unregisteredCi: number[]; detectionRatio: number; detectionRatioCi: number[] }[];
  weighting: { nEffective: number; weightMin: number; weightMax: number };
}

/** cli-expected.json: R survey 4.1-1 numbers for each CLI run, made by tests/analysis/fixtures/make-cli-fixture.R (the R call of each run is in `rCall`). */
const expectedRuns = JSON.parse(readFileSync(join(fixtures, 'cli-expected.json'), 'utf8')) as ExpectedRun[];

const relative = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
const key = (indicator: string, domain: Record<string, string>): string => `${indicator}|${Object.entries(domain).sort().map(([k, v]) => `${k}=${v}`).join(';')}`;

function runCli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(tsx, [join(root, 'cli/analyze.ts'), ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('analyze CLI against R survey on random data (child process)', () => {
  for (const run of expectedRuns) {
    it(`${run.name}: ${run.rCall}`, () => {
      const { status, stdout, stderr } = runCli(run.args, fixtures);
      expect(stderr).toBe('');
      expect(status).toBe(0);
      const output = JSON.parse(stdout);
      expect(Object.keys(output).sort()).toEqual(['darkFigure', 'estimates', 'weighting']);
      for (const field of ['method', 'iterations', 'converged', 'maxMarginError', 'nEffective', 'weightMin', 'weightMax']) expect(output.weighting).toHaveProperty(field);
      expect(output.weighting.converged).toBe(true);
      expect(relative(output.weighting.nEffective, run.weighting.nEffective)).toBeLessThan(1e-8);
      expect(relative(output.weighting.weightMin, run.weighting.weightMin)).toBeLessThan(1e-8);
      expect(relative(output.weighting.weightMax, run.weighting.weightMax)).toBeLessThan(1e-8);
      const byKey = new Map<string, any>(output.estimates.map((e: any) => [key(e.indicator, e.domain), e]));
      expect(output.estimates).toHaveLength(run.estimates.length);
      let worst = 0;
      let worstCi = 0;
      for (const r of run.estimates) {
        const e = byKey.get(key(r.indicator, r.domain));
        expect(e, key(r.indicator, r.domain)).toBeDefined();
        expect(e.suppressed).toBe(false);
        expect(e.n).toBe(r.n);
        expect(e.df).toBe(r.df);
        for (const field of ['proportion', 'se', 'total', 'totalSe', 'deff'] as const) {
          const deviation = relative(e[field], r[field]);
          worst = Math.max(worst, deviation);
          expect(deviation, `${key(r.indicator, r.domain)} ${field}`).toBeLessThan(1e-8);
        }
        for (let j = 0; j < 2; j++) {
          worstCi = Math.max(worstCi, Math.abs(e.ci[j] - r.ci[j]), relative(e.totalCi[j], r.totalCi[j]));
          expect(Math.abs(e.ci[j] - r.ci[j]), `${key(r.indicator, r.domain)} ci`).toBeLessThan(1e-6);
          expect(relative(e.totalCi[j], r.totalCi[j])).toBeLessThan(1e-6);
        }
        expect(e.cv).toBeCloseTo(r.se / r.proportion, 8);
      }
      // Printed so the report can quote the largest deviation from R.
      console.log(`${run.name}: max relative deviation ${worst.toExponential(2)}, max CI deviation ${worstCi.toExponential(2)}`);
      const dark = new Map<string, any>(output.darkFigure.map((d: any) => [key(d.indicator, d.domain), d]));
      for (const r of run.darkFigure) {
        const d = dark.get(key(r.indicator, r.domain));
        expect(d.registered).toBe(r.registered);
        expect(relative(d.estimatedTotal, r.estimatedTotal)).toBeLessThan(1e-8);
        expect(relative(d.unregistered, r.unregistered)).toBeLessThan(1e-8);
        expect(relative(d.detectionRatio, r.detectionRatio)).toBeLessThan(1e-8);
        for (let j = 0; j < 2; j++) {
          expect(relative(d.estimatedTotalCi[j], r.estimatedTotalCi[j])).toBeLessThan(1e-6);
          expect(relative(d.unregisteredCi[j], r.unregisteredCi[j])).toBeLessThan(1e-6);
          expect(relative(d.detectionRatioCi[j], r.detectionRatioCi[j])).toBeLessThan(1e-6);
        }
      }
    }, 30_000);
  }

  it('suppresses registered counts below the minimum cell size, with the reason', () => {
    const run = expectedRuns[0];
    const args = run.args.map((a, i) => (run.args[i - 1] === '--min-cell' ? '5' : a));
    const output = JSON.parse(runAnalyze(args.map((a) => (a.endsWith('.csv') ? join(fixtures, a) : a))).stdout);
    const hrvMan = output.darkFigure.find((d: any) => d.indicator === 'hrv' && d.domain.kon === 'man');
    expect(hrvMan).toMatchObject({ suppressed: true, reason: 'registered<5', registered: null, detectionRatio: null });
    const small = output.estimates.filter((e: any) => e.n < 5);
    for (const e of small) expect(e).toMatchObject({ suppressed: true, reason: 'n<5', proportion: null });
  });

  it('exits with code 2 and one line naming file, line and column for a level missing from the population', () => {
    const dir = mkdtempSync(join(tmpdir(), 'analyze-'));
    const lines = readFileSync(join(reference, 'toy-kommun-respondents.csv'), 'utf8').split('\n');
    lines[13] = lines[13].replace(',K,', ',Kv,');
    writeFileSync(join(dir, 'R.csv'), lines.join('\n'));
    const { status, stdout, stderr } = runCli(
      ['--responses', 'R.csv', '--population', join(reference, 'toy-kommun-population.csv'), '--margins', 'kon:aldersgrupp', '--indicator', 'utsatt'],
      dir,
    );
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr.trim()).toBe('R.csv, rad 14, kolumn "kon": värdet "Kv" finns inte i befolkningsfilen (giltiga: K, M)');
  }, 30_000);
});

describe('analyze CLI input errors (in process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'analyze-errors-'));
  const toy = (name: string): string => join(reference, name);
  const base = ['--responses', toy('toy-kommun-respondents.csv'), '--population', toy('toy-kommun-population.csv'), '--population', toy('toy-kommun-population-omrade.csv'), '--margins', 'kon:aldersgrupp,omrade'];
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reproduces the toy kommun raked estimate and mörkertal (reference README)', () => {
    const reg = write('reg.csv', 'indikator;antal\nutsatt;150\n');
    const { code, stdout } = runAnalyze([...base, '--indicator', 'utsatt', '--fpc', '--registered', reg]);
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    // svymean(~utsatt, drk): 0.1029847281, SE 0.0232472907; svytotal 2121.4853987, SE 478.8941894
    expect(output.estimates[0].proportion).toBeCloseTo(0.1029847281, 9);
    expect(output.estimates[0].se).toBeCloseTo(0.0232472907, 9);
    expect(output.estimates[0].totalSe).toBeCloseTo(478.8941894, 5);
    // svyciprop(~utsatt, drk, method = "logit"): [0.0652933559, 0.1587388280]
    // (R's svyglm IRLS stops at a 1e-8 deviance tolerance, so its logit interval carries ~1e-9 noise.)
    expect(output.estimates[0].ci[0]).toBeCloseTo(0.0652933559, 8);
    expect(output.estimates[0].ci[1]).toBeCloseTo(0.158738828, 8);
    // Mörkertal with R = 150: T − R = 1971.485399, R/T = 0.0707051767, CI [0.0458712811, 0.1115205873]
    const d = output.darkFigure[0];
    expect(d.unregistered).toBeCloseTo(1971.485399, 5);
    expect(d.detectionRatio).toBeCloseTo(0.0707051767, 9);
    expect(d.detectionRatioCi[0]).toBeCloseTo(0.0458712811, 8);
    expect(d.detectionRatioCi[1]).toBeCloseTo(0.1115205873, 8);
    expect(output.weighting.nEffective).toBeCloseTo(159.6860256339, 7);
  });

  it('names an unknown column', () => {
    const { code, stderr } = runAnalyze([...base, '--indicator', 'utsat']);
    expect(code).toBe(2);
    expect(stderr).toContain('toy-kommun-respondents.csv, rad 1, kolumn "utsat": okänd kolumn');
  });

  it('rejects a non-0/1 indicator with file, line and column', () => {
    const text = readFileSync(toy('toy-kommun-respondents.csv'), 'utf8').replace('\n5,K,16-29,Norr,0', '\n5,K,16-29,Norr,2');
    const { code, stderr } = runAnalyze([...base.map((a) => (a.endsWith('respondents.csv') ? write('r2.csv', text) : a)), '--indicator', 'utsatt']);
    expect(code).toBe(2);
    expect(stderr).toBe(`${join(dir, 'r2.csv')}, rad 6, kolumn "utsatt": värdet "2" är inte 0 eller 1 (tom cell betyder saknat svar)\n`);
  });

  it('treats an empty indicator cell as missing for that indicator only, with R\'s degrees of freedom', () => {
    const text = readFileSync(toy('toy-kommun-respondents.csv'), 'utf8').replace('\n5,K,16-29,Norr,0', '\n5,K,16-29,Norr,');
    const args = [...base.map((a) => (a.endsWith('respondents.csv') ? write('r3.csv', text) : a)), '--indicator', 'utsatt'];
    const { code, stdout } = runAnalyze(args);
    expect(code).toBe(0);
    const overall = JSON.parse(stdout).estimates[0];
    expect(overall.n).toBe(166);
    // svyciprop(~utsatt, drk) uses df = degf(drk) = 167 − 1: the row with the missing value counts (issue 12).
    expect(overall.df).toBe(166);
    // --df answered keeps the older convention: respondents with a value − 1.
    const answered = JSON.parse(runAnalyze([...args, '--df', 'answered']).stdout).estimates[0];
    expect(answered.df).toBe(165);
    expect(answered.proportion).toBe(overall.proportion);
    expect(answered.ci[1]).toBeGreaterThan(overall.ci[1]);
  });

  it('rejects an empty file', () => {
    const { code, stderr } = runAnalyze(['--responses', write('empty.csv', ''), '--population', toy('toy-kommun-population.csv'), '--indicator', 'utsatt']);
    expect(code).toBe(2);
    expect(stderr).toContain('empty.csv: filen är tom');
  });

  it('rejects a non-numeric antal with line and column', () => {
    const p = write('p.csv', 'kon,aldersgrupp,antal\nK,16-29,1900\nK,30-49,tre\nK,50-84,5200\nM,16-29,2100\nM,30-49,3300\nM,50-84,5000\n');
    const { code, stderr } = runAnalyze(['--responses', toy('toy-kommun-respondents.csv'), '--population', p, '--margins', 'kon:aldersgrupp', '--indicator', 'utsatt']);
    expect(code).toBe(2);
    expect(stderr).toBe(`${p}, rad 3, kolumn "antal": antal "tre" är inte ett icke-negativt tal\n`);
  });

  it('rejects margins that disagree by more than 0.1%', () => {
    const o = write('o.csv', 'omrade,antal\nNorr,12100\nSyd,8600\n');
    const { code, stderr } = runAnalyze(['--responses', toy('toy-kommun-respondents.csv'), '--population', toy('toy-kommun-population.csv'), '--population', o, '--margins', 'kon:aldersgrupp,omrade', '--indicator', 'utsatt']);
    expect(code).toBe(2);
    expect(stderr).toContain('skiljer sig åt med mer än 0,1 %');
  });

  it('reports an empty sample cell with a positive population, and collapsing fixes it', () => {
    const text = readFileSync(toy('toy-kommun-respondents.csv'), 'utf8')
      .split('\n')
      .filter((line) => !/^\d+,M,16-29/.test(line))
      .join('\n');
    const r = write('r4.csv', text);
    const args = ['--responses', r, '--population', toy('toy-kommun-population.csv'), '--margins', 'kon:aldersgrupp', '--indicator', 'utsatt'];
    const failed = runAnalyze(args);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('cellen kon=M, aldersgrupp=16-29 saknar svarande men har befolkningen 2100; slå ihop');
    const collapsed = runAnalyze([...args, '--collapse', 'aldersgrupp=16-29+30-49']);
    expect(collapsed.code).toBe(0);
    expect(JSON.parse(collapsed.stdout).weighting.converged).toBe(true);
  });

  it('bounded raking converges and equals R; bounds that cannot be met exit 2 with one Swedish line', () => {
    const cli = ['--responses', join(fixtures, 'cli-responses.csv'), '--population', join(fixtures, 'cli-population-kon-alder.csv'), '--population', join(fixtures, 'cli-population-omrade.csv'),
      '--age-groups', '18-29,30-44,45-64,65-85', '--indicator', 'utsatt', '--margins', 'kon:aldersgrupp,omrade', '--method', 'rake'];
    // calibrate(dc, list(~kon + aldersgrupp, ~omrade), list(pka, poa), calfun = "raking", bounds = c(0.55, 1.95), epsilon = 1e-12, maxit = 200)
    // (fixtures/make-bounds-trim-values.R): mean 0.128046422222, SE 0.012896008110, weights [27.7170322654, 93.8925]
    const ok = runAnalyze([...cli, '--bounds', '0.55,1.95']);
    expect(ok.code).toBe(0);
    const output = JSON.parse(ok.stdout);
    expect(output.weighting.converged).toBe(true);
    expect(output.estimates[0].proportion).toBeCloseTo(0.128046422222, 10);
    expect(output.estimates[0].se).toBeCloseTo(0.01289600811, 10);
    expect(output.weighting.weightMin).toBeCloseTo(27.7170322654, 8);
    // calibrate(…, bounds = c(0.7, 1.5)) → Error: Calibration failed
    const failed = runAnalyze([...cli, '--bounds', '0.7,1.5']);
    expect(failed.code).toBe(2);
    expect(failed.stdout).toBe('');
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed.stderr).toMatch(/^kalibreringen konvergerade inte: marginalen (kon:aldersgrupp|omrade), cellen .+ avviker med [\d ,]+ personer efter \d+ iterationer\n$/);
  });

  it('trimming that cannot meet its bounds exits 2 naming the margin and the remaining error', () => {
    // 11 men 16–29 answered and 2100 live in the kommun: no calibrated weight can stay at or below 180.
    const { code, stderr } = runAnalyze([...base, '--indicator', 'utsatt', '--trim', '0,180']);
    expect(code).toBe(2);
    expect(stderr).toBe('vikterna kan inte hållas inom 0–180 och samtidigt stämma med befolkningen: marginalen kon:aldersgrupp, cellen kon=M, aldersgrupp=16-29 avviker med 120 personer efter 100 iterationer\n');
    expect(runAnalyze([...base, '--indicator', 'utsatt', '--trim', '90,200']).code).toBe(0);
  });

  it('names the population file of the margin whose cell is empty (not the first file)', () => {
    const text = readFileSync(toy('toy-kommun-respondents.csv'), 'utf8')
      .split('\n')
      .filter((line) => !line.endsWith(',Syd,0') && !line.endsWith(',Syd,1'))
      .join('\n');
    const { code, stderr } = runAnalyze([...base.map((a) => (a.endsWith('respondents.csv') ? write('r5.csv', text) : a)), '--indicator', 'utsatt']);
    expect(code).toBe(2);
    expect(stderr).toBe(`${toy('toy-kommun-population-omrade.csv')}, rad 1, kolumn "omrade": cellen omrade=Syd saknar svarande men har befolkningen 8600; slå ihop den med en närliggande cell (t.ex. --collapse omrade=A+B)\n`);
  });

  it('rejects unknown flags with a usage line', () => {
    const { code, stderr } = runAnalyze([...base, '--indicator', 'utsatt', '--bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain('okänd flagga "--bogus"');
  });

  it('writes CSV on request', () => {
    const { code, stdout } = runAnalyze([...base, '--indicator', 'utsatt', '--by', 'kon', '--format', 'csv']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0].startsWith('indicator,domain,n,df,proportion,se,ci_lower,ci_upper')).toBe(true);
    expect(lines[2].startsWith('utsatt,kon=K,94,93,0.1303417')).toBe(true);
  });
});
