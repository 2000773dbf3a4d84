import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';

const root = join(import.meta.dirname, '..', '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'screening-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI as a child process, as the contract's `npm run screening` does (tsx). */
function run(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'cli/screening.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, 'utf8');
  return path;
}

const HEADER = 'enhet,kon,aldersgrupp,tillfragad,orsak_ej_tillfragad,psykiskt,fysiskt,sexuellt,radd,pagaende,kand_sedan_tidigare,stod_erbjudet,stod_accepterat';
// The 17 contacts of tests/analysis/screening-summary.test.ts, with the hand counts there:
// total contacts 17, asked 13; utsatt 7/11; psykiskt 5/11; fysiskt 3/12; sexuellt 1/10; radd 3/11; pagaende 2/10;
// unknownToUnit 4/6; supportOffered 5/6; supportAccepted 3/4. A: 8 contacts, utsatt 3/4; B: 6, 3/5; C: 3 (suppressed).
const ROWS = [
  'A,kvinna,18-29,ja,,ja,nej,nej,ja,ja,nej,ja,ja',
  'A,kvinna,30-49,ja,,nej,nej,nej,nej,nej,,,',
  'A,kvinna,30-49,ja,,vill_ej_svara,ja,,nej,vill_ej_svara,ja,ja,nej',
  'A,man,18-29,ja,,nej,nej,vill_ej_svara,nej,nej,,,',
  'A,man,30-49,nej,tolk saknades,ja,ja,ja,ja,ja,nej,ja,ja',
  'A,kvinna,18-29,nej,,,,,,,,,',
  'A,kvinna,50-64,ja,,,,,,,,,',
  'A,man,50-64,ja,,ja,ja,ja,ja,nej,nej,nej,',
  'B,kvinna,18-29,ja,,ja,nej,nej,nej,nej,,ja,',
  'B,kvinna,30-49,ja,,nej,nej,nej,nej,nej,,,',
  'B,man,30-49,ja,,nej,ja,nej,ja,ja,nej,,',
  'B,man,18-29,nej,tolk saknades,,,,,,,,',
  'B,kvinna,30-49,ja,,nej,nej,nej,vill_ej_svara,,,,',
  'B,annat,18-29,ja,,ja,nej,nej,nej,nej,ja,ja,ja',
  'C,kvinna,18-29,ja,,nej,nej,nej,nej,nej,,,',
  'C,kvinna,18-29,ja,,ja,nej,nej,nej,nej,nej,ja,ja',
  'C,man,18-29,nej,klienten i kris,,,,,,,,',
];
const CSV = [HEADER, ...ROWS].join('\n') + '\n';

type Proportion = { x: number; n: number; p: number | null; ci: [number, number] | null };
const xn = (value: Proportion) => [value.x, value.n];

describe('npm run screening (cli/screening.ts)', () => {
  it('prints the JSON contract with hand-computed counts, total first and levels sorted', () => {
    const { code, stdout, stderr } = run(['--registrations', file('reg.csv', CSV), '--by', 'enhet', '--by', 'enhet:kon']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { groups } = JSON.parse(stdout);
    expect(Object.keys(JSON.parse(stdout))).toEqual(['groups']);
    const total = groups[0];
    expect(total.group).toEqual({});
    expect([total.contacts, total.asked, total.suppressed]).toEqual([17, 13, false]);
    expect(total.notAskedReasons).toEqual({ ej_angiven: 1, 'klienten i kris': 1, 'tolk saknades': 2 });
    const d = total.disclosure;
    expect([d.utsatt, d.psykiskt, d.fysiskt, d.sexuellt, d.radd, d.pagaende].map(xn)).toEqual([
      [7, 11], [5, 11], [3, 12], [1, 10], [3, 11], [2, 10],
    ]);
    expect([total.unknownToUnit, total.supportOffered, total.supportAccepted].map(xn)).toEqual([[4, 6], [5, 6], [3, 4]]);
    // R: prop.test(7, 11, correct = FALSE)$conf.int → 0.3538011745 0.8483352890
    expect(d.utsatt.p).toBeCloseTo(7 / 11, 12);
    expect(d.utsatt.ci[0]).toBeCloseTo(0.3538011745, 9);
    expect(d.utsatt.ci[1]).toBeCloseTo(0.848335289, 9);
    expect(groups.map((g: { group: object; suppressed: boolean }) => [g.group, g.suppressed])).toEqual([
      [{}, false],
      [{ enhet: 'A' }, false],
      [{ enhet: 'B' }, false],
      [{ enhet: 'C' }, true],
      [{ enhet: 'A', kon: 'kvinna' }, false],
      [{ enhet: 'A', kon: 'man' }, true],
      [{ enhet: 'B', kon: 'annat' }, true],
      [{ enhet: 'B', kon: 'kvinna' }, true],
      [{ enhet: 'B', kon: 'man' }, true],
      [{ enhet: 'C', kon: 'kvinna' }, true],
      [{ enhet: 'C', kon: 'man' }, true],
    ]);
    expect(xn(groups[1].disclosure.utsatt)).toEqual([3, 4]);
    expect(xn(groups[2].disclosure.utsatt)).toEqual([3, 5]);
    expect(groups[3]).toEqual({ group: { enhet: 'C' }, suppressed: true, reason: 'n<5' });
  });

  it('adds childrenAffected (barn_berorda among disclosures) after the existing keys', () => {
    // Disclosures are rows 1, 3, 8, 9, 11, 14, 16; barn_berorda ja on 1, 8, 11, nej on 3, 16, blank elsewhere;
    // row 2 (no disclosure) and row 5 (not asked) say ja and are not counted → 3/5.
    const barn: Record<number, string> = { 1: 'ja', 2: 'ja', 3: 'nej', 5: 'ja', 8: 'ja', 11: 'ja', 16: 'nej' };
    const csv = [`${HEADER},barn_berorda`, ...ROWS.map((row, i) => `${row},${barn[i + 1] ?? ''}`)].join('\n') + '\n';
    const { code, stdout, stderr } = run(['--registrations', file('barn.csv', csv)]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [total] = JSON.parse(stdout).groups;
    expect(Object.keys(total).slice(-2)).toEqual(['suppressed', 'childrenAffected']);
    expect(xn(total.childrenAffected)).toEqual([3, 5]);
    // R: prop.test(3, 5, correct = FALSE)$conf.int → 0.2307242813 0.8823792258
    expect(total.childrenAffected.ci[0]).toBeCloseTo(0.2307242813, 9);
    expect(total.childrenAffected.ci[1]).toBeCloseTo(0.8823792258, 9);
  });

  it('respects --min-cell and prints null p and ci when n = 0', () => {
    const { code, stdout } = run(['--registrations', file('reg.csv', CSV), '--by', 'enhet:kon', '--min-cell', '1']);
    expect(code).toBe(0);
    const groups = JSON.parse(stdout).groups;
    expect(groups.every((g: { suppressed: boolean }) => !g.suppressed)).toBe(true);
    // C × man: one contact, not asked → disclosure n = 0.
    const cMan = groups.find((g: { group: { enhet?: string; kon?: string } }) => g.group.enhet === 'C' && g.group.kon === 'man');
    expect(cMan.disclosure.utsatt).toEqual({ x: 0, n: 0, p: null, ci: null });
    expect(run(['--registrations', file('reg.csv', CSV), '--min-cell=20']).stdout).toContain('"reason": "n<20"');
  });

  it('reads semicolons with a BOM and CRLF, extra columns and capitalised values the same as plain commas', () => {
    const semicolon = '\ufeff' + [HEADER + ',datum', ...ROWS.map((row) => `${row},2025-11-03`)]
      .map((line) => line.replace(/,/g, ';'))
      .join('\r\n')
      .replace(';kvinna;18-29;ja;', ';Kvinna;18-29;Ja;') + '\r\n';
    const plain = run(['--registrations', file('plain.csv', CSV), '--by', 'kon']);
    const excel = run(['--registrations', file('excel.csv', semicolon), '--by', 'kon']);
    expect(excel.stderr).toBe('');
    expect(excel.code).toBe(0);
    expect(JSON.parse(excel.stdout)).toEqual(JSON.parse(plain.stdout));
  });

  it('writes long CSV: one row per group × measure', () => {
    const { code, stdout } = run(['--registrations', file('reg.csv', CSV), '--by', 'enhet', '--format', 'csv']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('grouping,enhet,measure,x,n,p,ci_lower,ci_upper,suppressed,reason');
    const coverage = lines[1].split(',');
    expect(coverage.slice(0, 5)).toEqual(['total', '', 'coverage', '13', '17']);
    expect(coverage.slice(8)).toEqual(['false', '']);
    // R: prop.test(13, 17, correct = FALSE)$conf.int → 0.5273820188 0.9044495568
    expect(Number(coverage[5])).toBeCloseTo(13 / 17, 12);
    expect(Number(coverage[6])).toBeCloseTo(0.5273820188, 9);
    expect(Number(coverage[7])).toBeCloseTo(0.9044495568, 9);
    expect(lines[2]).toMatch(/^total,,disclosure\.utsatt,7,11,/);
    expect(lines).toContain('total,,notAskedReasons.tolk saknades,2,4,,,,false,');
    expect(lines).toContain('enhet,C,disclosure.utsatt,,,,,,true,n<5');
    expect(lines).toContain('total,,childrenAffected,0,0,,,,false,');
    // 3 shown groups × (11 measures + their reasons) + C's 11 suppressed rows; total has 3 reasons, A 2, B 1.
    expect(lines.length).toBe(1 + (11 + 3) + (11 + 2) + (11 + 1) + 11);
  });

  it('runs on the committed example month', () => {
    const { code, stdout, stderr } = run(['--registrations', 'docs/examples/screening-example.csv', '--by', 'enhet', '--by', 'kon']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const groups = JSON.parse(stdout).groups;
    expect(groups[0].contacts).toBe(150);
    expect(groups.slice(1, 4).map((g: { group: { enhet: string } }) => g.group.enhet)).toEqual(['Barn och unga', 'Försörjningsstöd', 'Öppenvård']);
    expect(groups.slice(4).map((g: { group: { kon: string } }) => g.group.kon)).toEqual(['annat', 'kvinna', 'man']);
    // The optional verksamhet column can be grouped by; its groups repeat the units' numbers here.
    const byVerksamhet = JSON.parse(run(['--registrations', 'docs/examples/screening-example.csv', '--by', 'verksamhet']).stdout).groups;
    expect(byVerksamhet.map((g: { group: { verksamhet?: string } }) => g.group.verksamhet)).toEqual([
      undefined, 'barn_och_unga', 'forsorjningsstod', 'oppenvard',
    ]);
    expect(byVerksamhet[2].disclosure).toEqual(groups[2].disclosure);
  });

  describe('bad input exits with code 2 and one Swedish line naming file, line and column', () => {
    const expectError = (args: string[], message: string | RegExp) => {
      const { code, stdout, stderr } = run(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      if (typeof message === 'string') expect(stderr.trimEnd()).toBe(message);
      else expect(stderr).toMatch(message);
    };

    it('an invalid value', () => {
      const rows = [...ROWS];
      rows[12] = rows[12].replace(',ja,', ',kanske,');
      const path = file('REG.csv', [HEADER, ...rows].join('\n'));
      // Line 14 = header + 12 data rows + this one.
      expectError(['--registrations', path], `${path}, rad 14, kolumn "tillfragad": värdet "kanske" är inte tillåtet (giltiga: ja, nej)`);
    });

    it('an invalid answer or kön, and an empty required value', () => {
      const answer = file('a.csv', `${HEADER}\nA,kvinna,18-29,ja,,kanske,nej,nej,nej,nej,,,\n`);
      expectError(['--registrations', answer], `${answer}, rad 2, kolumn "psykiskt": värdet "kanske" är inte tillåtet (giltiga: ja, nej, vill_ej_svara eller tomt)`);
      const kon = file('k.csv', `${HEADER}\nA,K,18-29,ja,,nej,nej,nej,nej,nej,,,\n`);
      expectError(['--registrations', kon], `${kon}, rad 2, kolumn "kon": värdet "K" är inte tillåtet (giltiga: kvinna, man, annat)`);
      const known = file('s.csv', `${HEADER}\nA,man,18-29,ja,,ja,nej,nej,nej,nej,kanske,,\n`);
      expectError(['--registrations', known], `${known}, rad 2, kolumn "kand_sedan_tidigare": värdet "kanske" är inte tillåtet (giltiga: ja, nej eller tomt)`);
      const unit = file('e.csv', `${HEADER}\n,man,18-29,ja,,ja,nej,nej,nej,nej,,,\n`);
      expectError(['--registrations', unit], `${unit}, rad 2, kolumn "enhet": värdet saknas (får inte vara tomt)`);
      const asked = file('t.csv', `${HEADER}\nA,man,18-29,,,,,,,,,,\n`);
      expectError(['--registrations', asked], `${asked}, rad 2, kolumn "tillfragad": värdet saknas (giltiga: ja, nej)`);
    });

    it('a missing required column', () => {
      const path = file('m.csv', CSV.replace('tillfragad,', 'tillfragat,'));
      expectError(['--registrations', path], `${path}, rad 1, kolumn "tillfragad": obligatorisk kolumn saknas i rubrikraden`);
    });

    it('a missing verksamhet column when grouping by it', () => {
      const path = file('v.csv', CSV);
      expectError(['--registrations', path, '--by', 'verksamhet'], `${path}, rad 1, kolumn "verksamhet": kolumnen saknas men behövs för --by verksamhet`);
    });

    it('an empty file, a blank file and a file with only the header', () => {
      const empty = file('empty.csv', '');
      expectError(['--registrations', empty], `${empty}: filen är tom eller saknar rubrikrad`);
      const bom = file('bom.csv', '\ufeff\r\n');
      expectError(['--registrations', bom], `${bom}: filen är tom eller saknar rubrikrad`);
      const header = file('header.csv', `${HEADER}\n`);
      expectError(['--registrations', header], `${header}: filen innehåller inga kontakter (bara rubrikraden)`);
    });

    it('a row with the wrong number of fields, and a file that does not exist', () => {
      const short = file('short.csv', `${HEADER}\nA,kvinna,18-29\n`);
      expectError(['--registrations', short], `${short}, rad 2: raden har 3 fält men rubrikraden har 13`);
      const missing = join(dir, 'finns-inte.csv');
      expectError(['--registrations', missing], `${missing}: filen finns inte eller kan inte läsas`);
    });

    it('bad arguments', () => {
      const path = file('reg.csv', CSV);
      expectError([], /^--registrations saknas\. Användning: npm run --silent screening/);
      expectError(['--registrations', path, '--by', 'kommun'], /^--by "kommun": okänd gruppering "kommun" \(giltiga: enhet, verksamhet, kon, aldersgrupp/);
      expectError(['--registrations', path, '--by', 'kon:kon'], '--by "kon:kon": "kon" förekommer två gånger');
      expectError(['--registrations', path, '--min-cell', 'fem'], '--min-cell "fem": måste vara ett heltal större än eller lika med 0');
      expectError(['--registrations', path, '--format', 'xlsx'], '--format "xlsx": okänt format (giltiga: json, csv)');
      expectError(['--registrations', path, '--weights', 'w'], /^okänd flagga "--weights"/);
      expectError(['--registrations'], /^--registrations saknar värde/);
    });
  });
});
