/**
 * Command-line front end of the analysis engine (docs/analysis.md, "CLI").
 *
 *   npm run --silent analyze -- --responses R.csv --population P.csv \
 *     [--margins kon:aldersgrupp,omrade] [--method rake|poststrat|linear] \
 *     [--age-groups 18-29,30-44,45-64,65-85] --indicator utsatt [--indicator hrv] \
 *     [--by kon] [--by kon:aldersgrupp] [--ci logit|beta|wilson] [--level 0.95] [--fpc] \
 *     [--registered REG.csv] [--min-cell 5] [--format json|csv]
 *
 * Extra options: --collapse var=a+b (repeatable), --strata var, --weight column,
 * --bounds L,U, --trim L,U, --kommun kod|namn, --reference-year YYYY, --variance linearization|jk1.
 *
 * Bad input exits with code 2 and one Swedish line naming file, line and column.
 * The statistics live in analysis/; this file only reads files, maps errors
 * and formats the output.
 */
import { AnalysisInputError, analyzeSurvey, InvalidInputError, type AnalysisOptions, type SurveyAnalysisResult } from '../analysis/index';
import { CsvInputError, type CsvTable } from '../domain/csv';
import { readCsvFile } from './csv';
import { estimatesCsv } from '../analysis/estimates-csv';

class UsageError extends Error {}

interface CliArguments {
  responses?: string;
  population: string[];
  registered?: string;
  format: 'json' | 'csv';
  options: AnalysisOptions;
}

const USAGE =
  'användning: npm run --silent analyze -- --responses R.csv --population P.csv [--population P2.csv] ' +
  '[--margins kon:aldersgrupp,omrade] [--method rake|poststrat|linear] [--age-groups 18-29,30-44] ' +
  '--indicator utsatt [--by kon] [--ci logit|beta|wilson] [--level 0.95] [--fpc] [--registered REG.csv] ' +
  '[--min-cell 5] [--format json|csv]';

export function parseArguments(argv: readonly string[]): CliArguments {
  const population: string[] = [];
  const indicators: string[] = [];
  const by: string[][] = [];
  const collapse: Record<string, Record<string, string>> = {};
  let responses: string | undefined;
  let registered: string | undefined;
  let format: 'json' | 'csv' = 'json';
  const options: { -readonly [K in keyof AnalysisOptions]: AnalysisOptions[K] } = { indicators };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`flaggan ${flag} saknar värde`);
      return next;
    };
    const pair = (): [number, number] => {
      const parts = value().split(',').map((s) => Number(s.trim()));
      if (parts.length !== 2 || parts.some((x) => Number.isNaN(x))) throw new UsageError(`${flag} ska vara två tal, t.ex. 0.3,3`);
      return [parts[0], parts[1]];
    };
    switch (flag) {
      case '--responses': responses = value(); break;
      case '--population': population.push(value()); break;
      case '--registered': registered = value(); break;
      case '--margins': options.margins = value().split(',').filter((s) => s.trim() !== '').map((m) => m.split(':').map((v) => v.trim())); break;
      case '--method': {
        const method = value();
        if (!['rake', 'poststrat', 'linear', 'raking'].includes(method)) throw new UsageError(`okänd metod "${method}" (rake, poststrat, linear)`);
        options.method = method as AnalysisOptions['method'];
        break;
      }
      case '--age-groups': options.ageGroups = value(); break;
      case '--indicator': indicators.push(value()); break;
      case '--by': by.push(value().split(':').map((v) => v.trim())); break;
      case '--ci': {
        const ci = value();
        if (!['logit', 'beta', 'wilson'].includes(ci)) throw new UsageError(`okänd intervallmetod "${ci}" (logit, beta, wilson)`);
        options.ci = ci as AnalysisOptions['ci'];
        break;
      }
      case '--level': {
        const level = Number(value());
        if (!(level > 0 && level < 1)) throw new UsageError('--level ska ligga mellan 0 och 1');
        options.level = level;
        break;
      }
      case '--fpc': options.fpc = true; break;
      case '--min-cell': {
        const minCell = Number(value());
        if (!Number.isInteger(minCell) || minCell < 0) throw new UsageError('--min-cell ska vara ett icke-negativt heltal');
        options.minCell = minCell;
        break;
      }
      case '--format': {
        const f = value();
        if (f !== 'json' && f !== 'csv') throw new UsageError(`okänt format "${f}" (json, csv)`);
        format = f;
        break;
      }
      case '--collapse': {
        const match = /^([^=]+)=(.+)$/.exec(value());
        if (!match) throw new UsageError('--collapse ska se ut som aldersgrupp=16-29+30-49');
        const levels = match[2].split('+').map((s) => s.trim());
        const target = levels.join('+');
        const map = (collapse[match[1].trim()] ??= {});
        for (const level of levels) map[level] = target;
        options.collapse = collapse;
        break;
      }
      case '--strata': options.strata = value(); break;
      case '--weight': options.weightColumn = value(); break;
      case '--bounds': options.bounds = pair(); break;
      case '--trim': {
        const [lower, upper] = pair();
        options.trim = { lower, upper };
        break;
      }
      case '--kommun': options.kommun = value(); break;
      case '--variance': {
        const variance = value();
        if (variance !== 'linearization' && variance !== 'jk1') throw new UsageError(`okänd variansmetod "${variance}" (linearization, jk1)`);
        options.variance = variance;
        break;
      }
      case '--reference-year': options.referenceYear = Number(value()); break;
      default:
        throw new UsageError(`okänd flagga "${flag}"`);
    }
  }
  if (!responses) throw new UsageError('--responses saknas');
  if (population.length === 0) throw new UsageError('--population saknas');
  if (indicators.length === 0) throw new UsageError('--indicator saknas');
  options.by = by;
  return { responses, population, registered, format, options };
}

export function runAnalyze(argv: readonly string[]): { code: number; stdout: string; stderr: string } {
  let args: CliArguments;
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, stdout: '', stderr: `${error.message}\n${USAGE}\n` };
    throw error;
  }
  let responses: CsvTable | undefined;
  let population: CsvTable[] = [];
  let registered: CsvTable | undefined;
  try {
    responses = readCsvFile(args.responses as string);
    population = args.population.map(readCsvFile);
    registered = args.registered ? readCsvFile(args.registered) : undefined;
    const result = analyzeSurvey({
      respondents: responses.rows.map((row) => row.values),
      population: population.map((table) => ({ columns: table.columns, rows: table.rows.map((row) => row.values) })),
      registered: registered ? { columns: registered.columns, rows: registered.rows.map((row) => row.values) } : undefined,
      options: args.options,
    });
    return { code: 0, stdout: args.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : estimatesCsv(result), stderr: '' };
  } catch (error) {
    if (error instanceof CsvInputError) return { code: 2, stdout: '', stderr: `${error.message}\n` };
    if (error instanceof AnalysisInputError) {
      const table =
        error.source === 'respondents' ? responses
        : error.source === 'registered' ? registered
        : error.source === 'population' ? population[error.location.table ?? 0]
        : undefined;
      const file = table?.file ?? (error.source === 'population' ? args.population[0] : args.responses ?? '');
      const { row, column } = error.location;
      const line = row !== undefined ? table?.rows[row]?.line : column !== undefined ? 1 : undefined;
      return { code: 2, stdout: '', stderr: `${new CsvInputError(file, line, column, error.swedish).message}\n` };
    }
    if (error instanceof InvalidInputError) return { code: 2, stdout: '', stderr: `ogiltiga inställningar: ${error.message}\n` };
    throw error;
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isMain) {
  const { code, stdout, stderr } = runAnalyze(process.argv.slice(2));
  if (stdout) process.stdout.write(stdout);
  if (stderr) process.stderr.write(stderr);
  process.exitCode = code;
}
