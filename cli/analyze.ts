/**
 * Command-line front end of the analysis engine (docs/analysis.md, "Command line").
 *
 *   npm run --silent analyze -- --responses R.csv --population P.csv \
 *     [--margins kon:aldersgrupp,omrade] [--method rake|poststrat|linear] \
 *     [--age-groups 18-29,30-44,45-64,65-85] --indicator utsatt [--indicator hrv] \
 *     [--by kon] [--by kon:aldersgrupp] [--ci logit|beta|wilson] [--level 0.95] [--fpc] \
 *     [--registered REG.csv] [--min-cell 5] [--format json|csv]
 *
 * Extra options: --collapse var=a+b (repeatable), --strata var, --weight column,
 * --bounds L,U, --trim L,U, --kommun kod|namn, --reference-year YYYY,
 * --variance linearization|jk1, --df design|answered, --lonely-stratum fail|adjust.
 *
 * Bad input, and weights that do not converge or cannot meet their bounds,
 * exit with code 2 and one Swedish line. The statistics live in analysis/;
 * this file only reads files, types the respondents, maps errors and
 * formats the output.
 */
import {
  AnalysisInputError,
  analyzeSurvey,
  buildRespondentColumns,
  InvalidInputError,
  respondentColumnRoles,
  type AnalysisOptions,
  type SurveyAnalysisResult,
} from '../analysis/index';
import { ANALYZE_USAGE, AnalyzeUsageError, parseAnalyzeArguments, type AnalyzeArguments } from './analyze-arguments';
import { adviceText, weightingProblemText } from './analyze-messages';
import { CsvInputError, type CsvColumns, type CsvTable } from '../domain/csv';
import { estimatesCsv } from '../analysis/estimates-csv';
import { readCsvColumnsFile, readCsvFile } from './csv';

export function runAnalyze(argv: readonly string[]): { code: number; stdout: string; stderr: string } {
  let args: AnalyzeArguments;
  try {
    args = parseAnalyzeArguments(argv);
  } catch (error) {
    if (error instanceof AnalyzeUsageError) return { code: 2, stdout: '', stderr: `${error.message}\n${ANALYZE_USAGE}\n` };
    throw error;
  }
  let responses: CsvColumns | undefined;
  let population: CsvTable[] = [];
  let registered: CsvTable | undefined;
  try {
    responses = readCsvColumnsFile(args.responses);
    population = args.population.map(readCsvFile);
    registered = args.registered ? readCsvFile(args.registered) : undefined;
    const { columns, cells, size } = responses;
    const roleOf = respondentColumnRoles(args.options);
    const used = usedColumns(args.options, [...population, ...(registered ? [registered] : [])], columns);
    const result: SurveyAnalysisResult = analyzeSurvey({
      respondents: buildRespondentColumns(
        size,
        used.map((name) => {
          const column = cells[columns.indexOf(name)];
          return { name, role: roleOf(name), cell: (row: number) => column[row] };
        }),
      ),
      population: population.map((table) => ({ columns: table.columns, rows: table.rows.map((row) => row.values) })),
      registered: registered ? { columns: registered.columns, rows: registered.rows.map((row) => row.values) } : undefined,
      options: args.options,
    });
    const problem = result.weighting.problems[0];
    if (problem) return { code: 2, stdout: '', stderr: `${weightingProblemText(problem, result)}\n` };
    return { code: 0, stdout: args.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : estimatesCsv(result), stderr: '' };
  } catch (error) {
    if (error instanceof CsvInputError) return { code: 2, stdout: '', stderr: `${error.message}\n` };
    if (error instanceof AnalysisInputError) {
      const table =
        error.source === 'respondents' ? responses
        : error.source === 'registered' ? registered
        : error.source === 'population' ? population[error.location.table ?? 0]
        : undefined;
      const file = table?.file ?? (error.source === 'population' ? args.population[0] : args.responses);
      const { row, column } = error.location;
      const lineOfRow = (r: number) => (table && 'lines' in table ? table.lines[r] : table?.rows[r]?.line);
      const line = row !== undefined ? lineOfRow(row) : column !== undefined ? 1 : undefined;
      return { code: 2, stdout: '', stderr: `${new CsvInputError(file, line, column, error.swedish + adviceText(error.advice)).message}\n` };
    }
    if (error instanceof InvalidInputError) return { code: 2, stdout: '', stderr: `ogiltiga inställningar: ${error.message}\n` };
    throw error;
  }
}

/**
 * The response columns the analysis reads: indicators, margins, domains, strata, weight, ages, and
 * any column a population or registered table has. Others (id, mode, date, …) are not typed, which
 * spares a 100,000-level category for the id column.
 */
function usedColumns(options: AnalysisOptions, tables: readonly CsvTable[], columns: readonly string[]): string[] {
  const used = new Set<string>([...options.indicators, ...(options.margins ?? []).flat(), ...(options.by ?? []).flat(), 'alder', 'fodelsear']);
  for (const name of [options.strata, options.weightColumn]) if (name) used.add(name);
  for (const table of tables) for (const column of table.columns) used.add(column);
  return columns.filter((column) => used.has(column));
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isMain) {
  const { code, stdout, stderr } = runAnalyze(process.argv.slice(2));
  if (stdout) process.stdout.write(stdout);
  if (stderr) process.stderr.write(stderr);
  process.exitCode = code;
}
