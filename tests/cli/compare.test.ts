/**
 * `npm run compare` (cli/compare.ts): the contract, the difference of two independent estimates against R,
 * suppressed pairs, CSV, and bad input (exit 2, one Swedish line). Run as a child process like the contract's
 * `npm run --silent compare`, on hand-made analyze outputs and on real ones from `npm run analyze`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runAnalyze } from '../../cli/analyze';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(join(tmpdir(), 'compare-cli-'));
const run = (args: string[]) => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'cli/compare.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};
const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value), 'utf8');
  return path;
};
const estimate = (indicator: string, domain: Record<string, string>, proportion: number | null, se: number | null, ci: [number, number] | null, suppressed = false) => ({
  indicator, domain, n: 100, df: 99, proportion, se, ci, total: null, totalSe: null, totalCi: null, deff: null, cv: null, flags: [], suppressed,
});
const analysis = (estimates: unknown[]) => ({ weighting: { method: 'rake' }, estimates, darkFigure: [] });

const before = write('A.json', analysis([
  estimate('utsatt', {}, 0.19, 0.015, [0.162, 0.221]),
  estimate('utsatt', { kon: 'kvinna' }, 0.25, 0.02, [0.213, 0.291]),
  estimate('utsatt', { kon: 'annat' }, null, null, null, true),
  estimate('hrv', {}, 0.02, 0.004, [0.013, 0.029]),
  estimate('bara_fore', {}, 0.5, 0.05, [0.4, 0.6]),
]));
const after = write('B.json', analysis([
  estimate('utsatt', {}, 0.15, 0.012, [0.128, 0.175]),
  estimate('utsatt', { kon: 'kvinna' }, 0.28, 0.021, [0.241, 0.322]),
  estimate('utsatt', { kon: 'annat' }, 0.3, 0.1, [0.14, 0.53]),
  estimate('utsatt', { kon: 'man' }, 0.1, 0.01, [0.08, 0.12]),
]));

describe('npm run compare', () => {
  it('prints every indicator × domain present in both with the difference, its SE and normal interval', () => {
    const { code, stdout, stderr } = run(['--before', before, '--after', after]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { comparisons } = JSON.parse(stdout);
    expect(Object.keys(JSON.parse(stdout))).toEqual(['comparisons']);
    expect(comparisons.map((c: { indicator: string; domain: object }) => [c.indicator, c.domain])).toEqual([
      ['utsatt', {}],
      ['utsatt', { kon: 'kvinna' }],
      ['utsatt', { kon: 'annat' }],
    ]);
    const [overall, kvinna, annat] = comparisons;
    expect(Object.keys(overall)).toEqual(['indicator', 'domain', 'before', 'after', 'difference', 'differenceSe', 'differenceCi', 'clearChange', 'suppressed']);
    expect(overall.before).toEqual({ proportion: 0.19, se: 0.015, ci: [0.162, 0.221] });
    expect(overall.after).toEqual({ proportion: 0.15, se: 0.012, ci: [0.128, 0.175] });
    // R: se <- sqrt(0.015^2 + 0.012^2) → 0.0192093727122985; -0.04 + c(-1, 1) * qnorm(0.975) * se → -0.07764967868171163 -0.00235032131828837
    expect(overall.difference).toBeCloseTo(-0.04, 14);
    expect(overall.differenceSe).toBeCloseTo(0.0192093727122985, 14);
    expect(overall.differenceCi[0]).toBeCloseTo(-0.07764967868171163, 13);
    expect(overall.differenceCi[1]).toBeCloseTo(-0.00235032131828837, 13);
    expect(overall.clearChange).toBe(true);
    expect(overall.suppressed).toBe(false);
    // 0.25 → 0.28: the interval covers 0, so no clear change.
    expect(kvinna.clearChange).toBe(false);
    expect(kvinna.differenceCi[0]).toBeLessThan(0);
    // Suppressed before: listed, flagged, nothing compared.
    expect(annat).toEqual({
      indicator: 'utsatt', domain: { kon: 'annat' }, before: { proportion: null, se: null, ci: null }, after: { proportion: 0.3, se: 0.1, ci: [0.14, 0.53] },
      difference: null, differenceSe: null, differenceCi: null, clearChange: false, suppressed: true,
    });
  });

  it('takes --level for the interval of the difference, and writes CSV', () => {
    const { stdout } = run(['--before', before, '--after', after, '--level', '0.90']);
    const kvinna = JSON.parse(stdout).comparisons[1];
    // R: 0.03 + c(-1, 1) * qnorm(0.95) * sqrt(0.02^2 + 0.021^2) → -0.0177007551815927 0.0777007551815927
    expect(kvinna.differenceCi[0]).toBeCloseTo(-0.0177007551815927, 13);
    expect(kvinna.differenceCi[1]).toBeCloseTo(0.0777007551815927, 13);
    const csv = run(['--before', before, '--after', after, '--format', 'csv']).stdout.trimEnd().split('\n');
    expect(csv[0]).toBe(
      'indicator,domain,before_proportion,before_se,before_ci_lower,before_ci_upper,after_proportion,after_se,after_ci_lower,after_ci_upper,difference,difference_se,difference_ci_lower,difference_ci_upper,clear_change,suppressed',
    );
    expect(csv[2].startsWith('utsatt,kon=kvinna,0.25,0.02,0.213,0.291,0.28,0.021,0.241,0.322,')).toBe(true);
    expect(csv[3]).toBe('utsatt,kon=annat,,,,,0.3,0.1,0.14,0.53,,,,,false,true');
  });

  it('compares two real analyze outputs', () => {
    const reference = join(root, 'tests/analysis/fixtures/toy-kommun');
    const base = ['--population', join(reference, 'toy-kommun-population.csv'), '--population', join(reference, 'toy-kommun-population-omrade.csv'), '--indicator', 'utsatt', '--by', 'kon'];
    const raked = runAnalyze(['--responses', join(reference, 'toy-kommun-respondents.csv'), ...base, '--margins', 'kon:aldersgrupp,omrade']);
    const post = runAnalyze(['--responses', join(reference, 'toy-kommun-respondents.csv'), ...base, '--margins', 'kon:aldersgrupp', '--method', 'poststrat']);
    expect(raked.code).toBe(0);
    const a = JSON.parse(raked.stdout);
    const b = JSON.parse(post.stdout);
    const { code, stdout } = run(['--before', write('raked.json', raked.stdout), '--after', write('post.json', post.stdout)]);
    expect(code).toBe(0);
    const [overall] = JSON.parse(stdout).comparisons;
    expect(overall.before.proportion).toBe(a.estimates[0].proportion);
    expect(overall.after.se).toBe(b.estimates[0].se);
    expect(overall.difference).toBeCloseTo(b.estimates[0].proportion - a.estimates[0].proportion, 15);
    expect(JSON.parse(stdout).comparisons).toHaveLength(a.estimates.length);
  });

  describe('bad input exits with code 2 and one Swedish line', () => {
    const expectError = (args: string[], message: string | RegExp) => {
      const { code, stdout, stderr } = run(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      if (typeof message === 'string') expect(stderr.trimEnd()).toBe(message);
      else expect(stderr).toMatch(message);
    };
    it('a file that is not analyze output', () => {
      const csv = write('R.csv', 'kon,utsatt\nkvinna,1\n');
      expectError(['--before', csv, '--after', after], `${csv}: filen är inte JSON; ange utdata från npm run analyze (--format json)`);
      const other = write('other.json', { groups: [] });
      expectError(['--before', other, '--after', after], `${other}: fältet "weighting" stämmer inte med utdata från npm run analyze (förväntade { weighting, estimates, darkFigure })`);
      const broken = write('broken.json', analysis([{ indicator: 'utsatt', domain: {}, proportion: 'hög' }]));
      expectError(['--before', broken, '--after', after], /broken\.json: fältet "estimates\.0\.proportion" stämmer inte med utdata från npm run analyze/);
      expectError(['--before', join(dir, 'saknas.json'), '--after', after], `${join(dir, 'saknas.json')}: filen finns inte eller kan inte läsas (--before)`);
    });
    it('no common indicator', () => {
      const hrv = write('hrv.json', analysis([estimate('hrv_12m', {}, 0.02, 0.004, [0.013, 0.029])]));
      expectError(['--before', hrv, '--after', after], `${hrv} och ${after} har ingen indikator gemensam (hrv_12m respektive utsatt)`);
    });
    it('bad flags', () => {
      expectError(['--before', before], /^--after saknas; användning: npm run --silent compare -- --before A\.json --after B\.json/);
      expectError(['--before', before, '--after', after, '--level', '95'], '--level "95": måste vara ett tal mellan 0 och 1, t.ex. 0.95');
      expectError(['--before', before, '--after', after, '--format', 'xlsx'], '--format "xlsx": okänt format (giltiga: json, csv)');
      expectError(['--before', before, '--after', after, '--niva', '0.9'], /^okänd flagga "--niva"/);
      expectError(['--before', '--after', after], /^flaggan --before saknar värde/);
    });
  });
});
