import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../domain/csv';
import { allocateSample } from '../../domain/sampling/allocate-sample';
import { parseAgeGroups } from '../../domain/age-groups';
import { drawFrameSample } from '../../domain/sampling/draw-frame-sample';
import { frameStrata, stratumSizes } from '../../domain/sampling/frame-strata';
import { parseLetterFile } from '../../domain/sampling/letter-file';
import { parseFrame } from '../../domain/sampling/parse-frame';
import { seededRandom } from '../../domain/sampling/seeded-random';
import { createCampaign } from '../server/fieldwork-helpers';
import { startTestServer, type TestServer } from '../server/test-server';

const root = join(import.meta.dirname, '..', '..');
let dir: string;
let server: TestServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'draw-cli-'));
  server = await startTestServer();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await server?.close();
});

/** Runs the CLI as `npm run draw` does (tsx). */
function run(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'cli/draw.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, 'utf8');
  return path;
}

const AREAS = ['norr', 'syd', 'centrum'];

/** 3,000 persons with distinctive ids, names and addresses; ages 10–94 in 2025. */
function frameText(): string {
  const random = seededRandom('cli-frame');
  let text = 'Personnummer;Förnamn;Efternamn;Utdelningsadress;Postnummer;Postort;Kön;Födelseår;Område\n';
  for (let i = 0; i < 3000; i++) {
    text += `pnr${String(i).padStart(5, '0')}x;Namn${i}q;Ek;Gatan ${i}z;70210;ÖREBRO;${random.nextInt(2) ? 'K' : 'M'};${1931 + random.nextInt(85)};${AREAS[random.nextInt(3)]}\n`;
  }
  return text;
}

describe('npm run draw (cli/draw.ts)', () => {
  it('draws offline: the sample file, the codes request with strata and counts only, and a summary; the browser code draws the same persons', () => {
    const frame = file('ram.csv', frameText());
    const out = join(dir, 'urval.csv');
    const { code, stdout, stderr } = run(['--frame', frame, '--allocation', 'equal:100', '--seed', 'urval-2025', '--reference-year', '2025', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ seed: 'urval-2025', referenceYear: 2025, method: 'equal', n: 300 });
    expect(summary.omraden.map((o: { n: number }) => o.n)).toEqual([100, 100, 100]);
    expect(summary.files).toEqual({ sample: out, codesRequest: [join(dir, 'urval-koder.json')] });

    const sample = parseCsv(readFileSync(out, 'utf8'), 'urval.csv');
    expect(sample.columns).toEqual(['Personnummer', 'Förnamn', 'Efternamn', 'Utdelningsadress', 'Postnummer', 'Postort', 'Kön', 'Födelseår', 'Område', 'aldersgrupp', 'stratum']);
    expect(sample.rows).toHaveLength(300);

    const request = readFileSync(join(dir, 'urval-koder.json'), 'utf8');
    expect(request).not.toMatch(/pnr|Namn|Gatan|ÖREBRO/);
    const body = JSON.parse(request) as { strata: { stratum: Record<string, string>; count: number; N: number }[] };
    expect(body.strata.reduce((sum, s) => sum + s.count, 0)).toBe(300);
    expect(body.strata.reduce((sum, s) => sum + s.N, 0)).toBe(summary.N);

    // The same pure functions as the browser: the same persons.
    const parsed = parseFrame(frameText(), 'ram.csv', { referenceYear: 2025, minAge: 18, maxAge: 85, ageGroups: parseAgeGroups(['18-29', '30-44', '45-64', '65-85']) });
    const strata = frameStrata(parsed.persons);
    const drawn = drawFrameSample(strata, allocateSample(stratumSizes(strata), { method: 'equal', perOmrade: 100 }), 'urval-2025');
    expect(sample.rows.map((r) => r.values.Personnummer)).toEqual(drawn.flatMap((s) => s.persons.map((p) => p.id)));

    // Same seed, same sample; another seed, another.
    run(['--frame', frame, '--allocation', 'equal:100', '--seed', 'urval-2025', '--reference-year', '2025', '--out', join(dir, 'igen.csv')]);
    expect(readFileSync(join(dir, 'igen.csv'), 'utf8')).toBe(readFileSync(out, 'utf8'));
    run(['--frame', frame, '--allocation', 'equal:100', '--seed', 'annat', '--reference-year', '2025', '--out', join(dir, 'annat.csv')]);
    expect(readFileSync(join(dir, 'annat.csv'), 'utf8')).not.toBe(readFileSync(out, 'utf8'));
  });

  it('the codes request goes to the server as it is, and --merge makes the letter file', async () => {
    const frame = file('ram2.csv', frameText());
    const out = join(dir, 'urval2.csv');
    expect(run(['--frame', frame, '--allocation', 'proportional:40', '--seed', 's', '--reference-year', '2025', '--out', out]).code).toBe(0);
    const token = await server.login();
    const id = await createCampaign(server, token, 'CLI-dragning');
    const issued = await server.request('POST', `/api/campaigns/${id}/codes`, { token, body: JSON.parse(readFileSync(join(dir, 'urval2-koder.json'), 'utf8')) });
    expect(issued.status).toBe(201);
    const codesPath = file('koder.json', JSON.stringify(issued.body));

    const letters = join(dir, 'brevfil.csv');
    const merged = run(['--merge', out, '--codes', codesPath, '--link-base', 'https://enkat.example.se/', '--out', letters]);
    expect(merged.stderr).toBe('');
    expect(JSON.parse(merged.stdout)).toEqual({ letters: 40, file: letters });
    const file2 = parseLetterFile(readFileSync(letters, 'utf8'), 'brevfil.csv');
    expect(file2.letters).toHaveLength(40);
    const codes = new Set((issued.body.codes as { code: string }[]).map((c) => c.code));
    for (const letter of file2.letters) {
      expect(codes.has(letter.kod)).toBe(true);
      expect(letter.lank).toBe(`https://enkat.example.se/s/${letter.kod}`);
      expect(letter.fields.Personnummer).toMatch(/^pnr\d{5}x$/);
    }
    // Codes from another draw do not fit.
    const wrong = file('fel-koder.json', JSON.stringify({ codes: (issued.body.codes as unknown[]).slice(1) }));
    const mismatch = run(['--merge', out, '--codes', wrong, '--link-base', 'https://enkat.example.se', '--out', join(dir, 'x.csv')]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toMatch(/fick \d+ koder för \d+ dragna personer/);
  });

  it('frame errors: Swedish lines naming file, line and column, exit 2', () => {
    const bad = file('fel.csv', 'id;kon;fodelsear;omrade\n1;K;1980;norr\n2;X;1980;norr\n3;M;sjuttio;syd\n');
    const result = run(['--frame', bad, '--allocation', 'proportional:1', '--out', join(dir, 'u.csv')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      `${bad}, rad 3, kolumn "kon": värdet "X" är inget giltigt kön (giltiga: kvinna, man, K, M)`,
      `${bad}, rad 4, kolumn "fodelsear": värdet "sjuttio" är inget heltal`,
    ]);
    const missing = run(['--frame', file('saknas.csv', 'id;kon;omrade\n1;K;a\n'), '--allocation', 'proportional:1', '--out', join(dir, 'u.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('saknas.csv, rad 1: kolumnen "födelseår" eller "ålder" saknas');
    const area = run(['--frame', file('omr.csv', 'id;kon;alder;omrade\n1;K;40;norr\n2;K;40;öster\n'), '--allocation', 'proportional:1', '--areas', 'norr,syd', '--out', join(dir, 'u.csv')]);
    expect(area.stderr).toContain('omr.csv, rad 3, kolumn "omrade": området "öster" finns inte bland undersökningens områden (giltiga: norr, syd)');
    const none = run(['--frame', join(dir, 'finns-inte.csv'), '--allocation', 'proportional:1', '--out', join(dir, 'u.csv')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('finns-inte.csv: filen finns inte eller kan inte läsas');
  });

  it('usage errors exit 2 with a Swedish message', () => {
    const frame = file('liten.csv', 'id;kon;alder;omrade\n1;K;40;a\n2;M;50;a\n');
    const cases: [string[], string][] = [
      [['--frame', frame, '--out', 'x.csv'], '--allocation saknas'],
      [['--frame', frame, '--allocation', 'lotteri:5', '--out', 'x.csv'], 'okänd metod "lotteri"'],
      [['--frame', frame, '--allocation', 'precision:0.05,0.3', '--out', 'x.csv'], 'precision behöver tre tal'],
      [['--frame', frame, '--allocation', 'proportional:5', '--out', join(dir, 'x.csv')], 'urvalet (5) är större än ramen (2)'],
      [['--frame', frame, '--allocation', 'proportional:1', '--seed', 'å ä', '--out', 'x.csv'], '--seed'],
      [['--frame', frame, '--allocation', 'proportional:1', '--out', 'x.csv', '--okand', '1'], 'okänd flagga "--okand"'],
      [['--merge', 'u.csv', '--codes', 'k.json', '--out', 'b.csv'], '--link-base saknas'],
      [['--frame', frame, '--allocation', 'proportional:1', '--age-groups', '18-30,30-44', '--out', 'x.csv'], '--age-groups: åldersgrupperna "18-30" och "30-44" överlappar'],
    ];
    for (const [args, message] of cases) {
      const result = run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
    }
    expect(run(['--help']).stdout).toContain('npm run --silent draw');
  });
});
