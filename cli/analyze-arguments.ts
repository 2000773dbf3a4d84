import type { AnalysisOptions } from '../analysis/index';

/** A command-line usage error; its message is Swedish and the CLI exits with code 2. */
export class AnalyzeUsageError extends Error {
  override readonly name = 'AnalyzeUsageError';
}

export interface AnalyzeArguments {
  readonly responses: string;
  readonly population: readonly string[];
  readonly registered?: string;
  readonly format: 'json' | 'csv';
  readonly options: AnalysisOptions;
}

export const ANALYZE_USAGE =
  'användning: npm run --silent analyze -- --responses R.csv --population P.csv [--population P2.csv] ' +
  '[--margins kon:aldersgrupp,omrade] [--method rake|poststrat|linear] [--age-groups 18-29,30-44] ' +
  '--indicator utsatt [--by kon] [--ci logit|beta|wilson] [--level 0.95] [--fpc] [--registered REG.csv] ' +
  '[--min-cell 5] [--format json|csv]';

/**
 * Parses the arguments of `npm run analyze` (docs/analysis.md, "Command line")
 * into engine options. Repeatable: --population, --indicator, --by, --collapse.
 *
 * @throws {AnalyzeUsageError} (Swedish) for an unknown flag, a flag without a value, a bad value, or a missing
 * --responses, --population or --indicator.
 */
export function parseAnalyzeArguments(argv: readonly string[]): AnalyzeArguments {
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
      if (next === undefined || next.startsWith('--')) throw new AnalyzeUsageError(`flaggan ${flag} saknar värde`);
      return next;
    };
    const pair = (): [number, number] => {
      const parts = value().split(',').map((s) => Number(s.trim()));
      if (parts.length !== 2 || parts.some((x) => Number.isNaN(x))) throw new AnalyzeUsageError(`${flag} ska vara två tal, t.ex. 0.3,3`);
      return [parts[0], parts[1]];
    };
    const choice = <const T extends string>(allowed: readonly T[], what: string): T => {
      const chosen = value();
      if (!allowed.includes(chosen as T)) throw new AnalyzeUsageError(`okänd ${what} "${chosen}" (${allowed.join(', ')})`);
      return chosen as T;
    };
    switch (flag) {
      case '--responses': responses = value(); break;
      case '--population': population.push(value()); break;
      case '--registered': registered = value(); break;
      case '--margins': options.margins = value().split(',').filter((s) => s.trim() !== '').map((m) => m.split(':').map((v) => v.trim())); break;
      case '--method': options.method = choice(['rake', 'poststrat', 'linear', 'raking'], 'metod'); break;
      case '--age-groups': options.ageGroups = value(); break;
      case '--indicator': indicators.push(value()); break;
      case '--by': by.push(value().split(':').map((v) => v.trim())); break;
      case '--ci': options.ci = choice(['logit', 'beta', 'wilson'], 'intervallmetod'); break;
      case '--level': {
        const level = Number(value());
        if (!(level > 0 && level < 1)) throw new AnalyzeUsageError('--level ska ligga mellan 0 och 1');
        options.level = level;
        break;
      }
      case '--fpc': options.fpc = true; break;
      case '--min-cell': {
        const minCell = Number(value());
        if (!Number.isInteger(minCell) || minCell < 0) throw new AnalyzeUsageError('--min-cell ska vara ett icke-negativt heltal');
        options.minCell = minCell;
        break;
      }
      case '--format': format = choice(['json', 'csv'], 'format'); break;
      case '--collapse': {
        const match = /^([^=]+)=(.+)$/.exec(value());
        if (!match) throw new AnalyzeUsageError('--collapse ska se ut som aldersgrupp=16-29+30-49');
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
        if (!(lower >= 0 && lower < upper)) throw new AnalyzeUsageError('--trim ska vara två tal L,U med 0 ≤ L < U, t.ex. 25,60');
        options.trim = { lower, upper };
        break;
      }
      case '--kommun': options.kommun = value(); break;
      case '--variance': options.variance = choice(['linearization', 'jk1'], 'variansmetod'); break;
      case '--df': options.df = choice(['design', 'answered'], 'frihetsgradsregel'); break;
      case '--lonely-stratum': options.lonelyStratum = choice(['fail', 'adjust'], 'regel för strata med en svarande'); break;
      case '--reference-year': options.referenceYear = Number(value()); break;
      default:
        throw new AnalyzeUsageError(`okänd flagga "${flag}"`);
    }
  }
  if (!responses) throw new AnalyzeUsageError('--responses saknas');
  if (population.length === 0) throw new AnalyzeUsageError('--population saknas');
  if (indicators.length === 0) throw new AnalyzeUsageError('--indicator saknas');
  options.by = by;
  return { responses, population, registered, format, options };
}
