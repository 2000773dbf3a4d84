/**
 * Command line for a screening month (kartläggningsmånad):
 *
 *   npm run --silent screening -- --registrations REG.csv [--by enhet] [--by kon]
 *     [--by enhet:kon] [--min-cell 5] [--format json|csv]
 *
 * Reads one row per client contact, prints the unweighted summary
 * (`summariseScreening`) as JSON or long CSV on stdout. Bad input prints one
 * Swedish line naming file, line and column on stderr and exits with code 2.
 * See docs/screening.md.
 */
import { summariseScreening } from '../analysis/screening-summary';
import { CsvInputError } from '../domain/csv';
import { readCsvFile } from './csv';
import { parseScreeningArguments, SCREENING_USAGE, ScreeningUsageError } from './screening-arguments';
import { formatScreeningCsv } from './screening-csv-output';
import { readScreeningRegistrations } from './screening-registrations';

function main(argv: readonly string[]): number {
  try {
    const args = parseScreeningArguments(argv);
    if (args.help) {
      process.stdout.write(`${SCREENING_USAGE}\n`);
      return 0;
    }
    const table = readCsvFile(args.registrations);
    const requireVerksamhet = args.by.some((grouping) => grouping.includes('verksamhet'));
    const contacts = readScreeningRegistrations(table, { requireVerksamhet });
    const summary = summariseScreening(contacts, { by: args.by, minCell: args.minCell });
    process.stdout.write(args.format === 'csv' ? formatScreeningCsv(summary, args.by) : `${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof CsvInputError || error instanceof ScreeningUsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`Internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
