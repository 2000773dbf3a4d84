/**
 * The stratified draw on the command line, for kommuner that print letters
 * elsewhere. The frame never leaves this computer: the draw writes the sample
 * and the body for `POST /api/campaigns/:id/codes` (strata, n_h, N_h); after
 * the codes are issued, `--merge` puts them into the letter file.
 *
 *   npm run --silent draw -- --frame RAM.csv --allocation proportional:1000 --seed urval-2026 --out urval.csv
 *   curl … -d @urval-koder.json $URL/api/campaigns/$C/codes > koder.json
 *   npm run --silent draw -- --merge urval.csv --codes koder.json --link-base https://enkat.kommun.se --out brevfil.csv
 *
 * Prints a JSON summary on stdout. Bad input prints Swedish lines naming
 * file, line and column on stderr and exits with code 2. See docs/sampling.md.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgeGroupError, parseAgeGroups } from '../domain/age-groups';
import { CsvInputError, csvLine } from '../domain/csv';
import { allocateSample } from '../domain/sampling/allocate-sample';
import { codesRequests, drawFrameSample, type DrawnStratum } from '../domain/sampling/draw-frame-sample';
import { frameStrata, stratumSizes } from '../domain/sampling/frame-strata';
import { letterFileCsv, mergeLetters, type IssuedCode } from '../domain/sampling/letter-file';
import { parseFrame, type FramePerson } from '../domain/sampling/parse-frame';
import { SamplingInputError } from '../domain/sampling/sampling-input-error';
import type { SampleDesign } from '../contracts/fieldwork';
import { readCsvFile } from './csv';
import { DRAW_USAGE, DrawUsageError, parseDrawArguments, type DrawArguments, type MergeArguments } from './draw-arguments';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Several row errors at once (a frame with any error is not drawn from). */
class FrameErrors extends Error {
  constructor(readonly errors: readonly CsvInputError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

interface TemplatePopulation {
  ageGroups: string[];
  minAge?: number;
  maxAge?: number;
}

/** Age groups and population range from a template in surveys/ (by id) or a template JSON file (by path). */
function readTemplate(idOrPath: string): TemplatePopulation {
  const path = idOrPath.endsWith('.json') ? idOrPath : join(repoRoot, 'surveys', `${idOrPath}.json`);
  let meta: { population?: { minAge?: number; maxAge?: number }; weighting?: { ageGroups?: string[] } };
  try {
    meta = (JSON.parse(readFileSync(path, 'utf8')) as { meta?: typeof meta }).meta ?? {};
  } catch {
    throw new DrawUsageError(`--template "${idOrPath}": mallen finns inte eller kan inte läsas (${path})`);
  }
  const ageGroups = meta.weighting?.ageGroups;
  if (!ageGroups || ageGroups.length === 0) throw new DrawUsageError(`--template "${idOrPath}": mallen saknar åldersgrupper (meta.weighting.ageGroups); ange --age-groups`);
  return { ageGroups, minAge: meta.population?.minAge, maxAge: meta.population?.maxAge };
}

function ageGroupsOf(labels: readonly string[], source: string) {
  try {
    return parseAgeGroups(labels);
  } catch (error) {
    if (error instanceof AgeGroupError) throw new DrawUsageError(`${source}: ${error.swedish}`);
    throw error;
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new CsvInputError(path, undefined, undefined, 'filen finns inte eller kan inte läsas');
  }
}

function writeFile(path: string, text: string): void {
  try {
    writeFileSync(path, text, 'utf8');
  } catch {
    throw new DrawUsageError(`${path}: filen kan inte skrivas`);
  }
}

/** The codes-request file name(s): next to --out, `<namn>-koder.json` (several calls: `-koder-1.json`, …). */
function requestPaths(args: DrawArguments, calls: number): string[] {
  const base = args.codesRequest ?? args.out.replace(/\.csv$/i, '') + '-koder.json';
  if (calls === 1) return [base];
  const stem = base.replace(/\.json$/i, '');
  return Array.from({ length: calls }, (_, i) => `${stem}-${i + 1}.json`);
}

function draw(args: DrawArguments): object {
  const template = args.ageGroups ? undefined : readTemplate(args.template);
  const labels = args.ageGroups ?? template!.ageGroups;
  const referenceYear = args.referenceYear ?? new Date().getFullYear();
  const frame = parseFrame(readText(args.frame), args.frame, {
    referenceYear,
    minAge: args.minAge ?? template?.minAge,
    maxAge: args.maxAge ?? template?.maxAge,
    ageGroups: ageGroupsOf(labels, args.ageGroups ? '--age-groups' : `--template "${args.template}"`),
    areas: args.areas,
  });
  if (frame.errors.length > 0) throw new FrameErrors(frame.errors);
  if (frame.persons.length === 0) throw new CsvInputError(args.frame, undefined, undefined, 'ingen person i filen ligger inom åldersintervallet');

  const strata = frameStrata(frame.persons);
  let allocation;
  try {
    allocation = allocateSample(stratumSizes(strata), args.allocation, { expectedResponseRate: args.responseRate });
  } catch (error) {
    if (error instanceof SamplingInputError) throw new DrawUsageError(`${args.frame}: ${error.message.replace(/^allocateSample: /, '')}`);
    throw error;
  }
  const seed = args.seed ?? randomBytes(16).toString('hex');
  const drawn = drawFrameSample(strata, allocation, seed);

  writeFile(args.out, sampleCsv(frame.allColumns, drawn));
  const calls = codesRequests(drawn);
  const paths = requestPaths(args, calls.length);
  // The design for the lägesbild's method section; the frame's date is its file's modification date.
  const sample: SampleDesign = {
    frameDate: new Date(statSync(args.frame).mtimeMs).toISOString().slice(0, 10),
    frameSize: frame.persons.length,
    allocation: args.allocation,
    sampleSize: allocation.n,
    ageReferenceYear: referenceYear,
  };
  calls.forEach((strata, i) => writeFile(paths[i], `${JSON.stringify({ strata, sample }, null, 2)}\n`));
  return {
    seed,
    referenceYear,
    method: allocation.method,
    frame: { file: args.frame, rows: frame.rowCount, included: frame.persons.length, excluded: { outsideAge: frame.excludedOutsideAge, noAgeGroup: frame.excludedNoAgeGroup } },
    N: allocation.N,
    n: allocation.n,
    strata: allocation.strata.map((s) => ({ stratum: s.stratum, N: s.N, n: s.n })),
    omraden: allocation.omraden,
    files: { sample: args.out, codesRequest: paths },
  };
}

/** The drawn sample before codes: the frame's columns, `aldersgrupp` and the `stratum` key that --merge groups by. */
function sampleCsv(columns: readonly string[], drawn: readonly DrawnStratum[]): string {
  let csv = csvLine([...columns, 'aldersgrupp', 'stratum']);
  for (const s of drawn) for (const person of s.persons) csv += csvLine([...columns.map((c) => person.fields[c]), person.aldersgrupp, s.key]);
  return csv;
}

function readCodes(path: string): IssuedCode[] {
  let body: unknown;
  try {
    body = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new DrawUsageError(`${path}: filen finns inte eller är inte JSON från POST /api/campaigns/:id/codes`);
  }
  const codes = (body as { codes?: unknown }).codes;
  const valid = (c: unknown): c is IssuedCode => {
    const code = c as IssuedCode;
    return typeof code?.code === 'string' && typeof code.ref === 'string' && typeof code.stratum === 'object' && code.stratum !== null;
  };
  if (!Array.isArray(codes) || !codes.every(valid)) throw new DrawUsageError(`${path}: filen har inte formen { "codes": [{ "code", "ref", "stratum" }] }`);
  return codes;
}

function merge(args: MergeArguments): object {
  const table = readCsvFile(args.sample);
  for (const column of ['aldersgrupp', 'stratum']) {
    if (!table.columns.includes(column)) throw new CsvInputError(args.sample, 1, undefined, `kolumnen "${column}" saknas: är det urvalsfilen från npm run draw?`);
  }
  const columns = table.columns.filter((c) => c !== 'aldersgrupp' && c !== 'stratum');
  const byKey = new Map<string, { stratum: Record<string, string>; persons: FramePerson[] }>();
  for (const row of table.rows) {
    const key = row.values.stratum;
    const stratum = Object.fromEntries(key.split('|').map((part) => part.split('=', 2) as [string, string]));
    if (!stratum.kon || !stratum.aldersgrupp || !stratum.omrade) throw new CsvInputError(args.sample, row.line, 'stratum', `"${key}" är ingen stratumnyckel`);
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { stratum, persons: [] }));
    const fields = Object.fromEntries(columns.map((c) => [c, row.values[c]]));
    entry.persons.push({ id: '', kon: stratum.kon as 'kvinna' | 'man', aldersgrupp: row.values.aldersgrupp, omrade: stratum.omrade, line: row.line, fields });
  }
  const drawn: DrawnStratum[] = [...byKey].map(([key, s]) => ({ key, stratum: s.stratum as DrawnStratum['stratum'], N: 0, persons: s.persons }));
  const codes = args.codes.flatMap(readCodes);
  const letters = mergeLetters(columns, drawn, codes, args.linkBase);
  writeFile(args.out, letterFileCsv(letters));
  return { letters: letters.letters.length, file: args.out };
}

function main(argv: readonly string[]): number {
  try {
    const args = parseDrawArguments(argv);
    if (args === 'help') {
      process.stdout.write(`${DRAW_USAGE}\n`);
      return 0;
    }
    const summary = args.mode === 'draw' ? draw(args) : merge(args);
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof CsvInputError || error instanceof DrawUsageError || error instanceof FrameErrors || error instanceof SamplingInputError) {
      process.stderr.write(`${error instanceof SamplingInputError ? error.message.replace(/^[a-zA-Z]+: /, '') : error.message}\n`);
      return 2;
    }
    process.stderr.write(`Internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
