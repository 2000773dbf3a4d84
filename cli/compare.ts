/**
 * Trends between two campaigns from their `npm run analyze` outputs (docs/analysis.md, "Trends"):
 *
 *   npm run --silent compare -- --before A.json --after B.json [--level 0.95] [--format json|csv]
 *
 * Prints { comparisons: [{ indicator, domain, before: { proportion, se, ci }, after: { proportion, se, ci },
 * difference, differenceSe, differenceCi, clearChange, suppressed }] } for every indicator × domain present
 * in both. Bad input (a file that is not analyze output, no common indicator, a bad flag) exits with code 2
 * and one Swedish line. The statistics live in analysis/compare-estimates.ts.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { compareEstimates } from '../analysis/compare-estimates';
import { comparisonsCsv } from '../analysis/comparisons-csv';

const USAGE = 'användning: npm run --silent compare -- --before A.json --after B.json [--level 0.95] [--format json|csv]';

/** What a comparison reads of an `npm run analyze` output (JSON): its estimates. */
const analyzeOutput = z.object({
  weighting: z.looseObject({}),
  estimates: z.array(
    z.object({
      indicator: z.string(),
      domain: z.record(z.string(), z.string()),
      proportion: z.number().nullable(),
      se: z.number().nullable(),
      ci: z.tuple([z.number(), z.number()]).nullable(),
      suppressed: z.boolean(),
    }),
  ),
});

class CompareInputError extends Error {}

function readAnalysis(path: string, flag: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CompareInputError(`${path}: filen finns inte eller kan inte läsas (${flag})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new CompareInputError(`${path}: filen är inte JSON; ange utdata från npm run analyze (--format json)`);
  }
  const parsed = analyzeOutput.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? `fältet "${issue.path.join('.')}"` : 'filen';
    throw new CompareInputError(`${path}: ${where} stämmer inte med utdata från npm run analyze (förväntade { weighting, estimates, darkFigure })`);
  }
  return parsed.data.estimates;
}

export function runCompare(argv: readonly string[]): { code: number; stdout: string; stderr: string } {
  const fail = (message: string) => ({ code: 2, stdout: '', stderr: `${message}\n` });
  let before: string | undefined;
  let after: string | undefined;
  let level = 0.95;
  let format: 'json' | 'csv' = 'json';
  const args = argv.flatMap((arg) => (arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg]));
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[i + 1];
    const known = ['--before', '--after', '--level', '--format'];
    if (!known.includes(flag)) return fail(`okänd flagga "${flag}"; ${USAGE}`);
    if (value === undefined || value.startsWith('--')) return fail(`flaggan ${flag} saknar värde; ${USAGE}`);
    i++;
    if (flag === '--before') before = value;
    else if (flag === '--after') after = value;
    else if (flag === '--level') {
      level = Number(value.replace(',', '.'));
      if (!(level > 0 && level < 1)) return fail(`--level "${value}": måste vara ett tal mellan 0 och 1, t.ex. 0.95`);
    } else if (value === 'json' || value === 'csv') format = value;
    else return fail(`--format "${value}": okänt format (giltiga: json, csv)`);
  }
  if (!before || !after) return fail(`${!before ? '--before' : '--after'} saknas; ${USAGE}`);
  try {
    const a = readAnalysis(before, '--before');
    const b = readAnalysis(after, '--after');
    const shared = new Set(a.map((e) => e.indicator));
    if (!b.some((e) => shared.has(e.indicator))) {
      const names = (list: typeof a) => [...new Set(list.map((e) => e.indicator))].join(', ') || 'inga';
      return fail(`${before} och ${after} har ingen indikator gemensam (${names(a)} respektive ${names(b)})`);
    }
    const comparisons = compareEstimates(a, b, { level });
    return { code: 0, stdout: format === 'json' ? `${JSON.stringify({ comparisons }, null, 2)}\n` : comparisonsCsv(comparisons), stderr: '' };
  } catch (error) {
    if (error instanceof CompareInputError) return fail(error.message);
    throw error;
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isMain) {
  const { code, stdout, stderr } = runCompare(process.argv.slice(2));
  if (stdout) process.stdout.write(stdout);
  if (stderr) process.stderr.write(stderr);
  process.exitCode = code;
}
