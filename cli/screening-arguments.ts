import { SCREENING_DIMENSIONS, type ScreeningDimension } from '../domain/screening-contact';
import { SCREENING_DEFAULT_MIN_CELL } from '../analysis/screening-summary';

export interface ScreeningArguments {
  readonly registrations: string;
  readonly by: readonly (readonly ScreeningDimension[])[];
  readonly minCell: number;
  readonly format: 'json' | 'csv';
  readonly help: boolean;
}

/** A command-line usage error; its message is Swedish and the CLI exits with code 2. */
export class ScreeningUsageError extends Error {
  override readonly name = 'ScreeningUsageError';
}

export const SCREENING_USAGE =
  'Användning: npm run --silent screening -- --registrations REG.csv [--by enhet] [--by kon] [--by enhet:kon] [--min-cell 5] [--format json|csv]';

/**
 * Parses the arguments of `npm run screening`. Accepts `--name value` and
 * `--name=value`. `--by` may repeat; a crossing is written with colons
 * (`enhet:kon`).
 *
 * @throws {ScreeningUsageError} (Swedish) for a missing --registrations, an
 * unknown option or dimension, a repeated dimension, a --min-cell that is not
 * a non-negative integer, or an unknown --format.
 */
export function parseScreeningArguments(argv: readonly string[]): ScreeningArguments {
  let registrations: string | undefined;
  const by: ScreeningDimension[][] = [];
  let minCell = SCREENING_DEFAULT_MIN_CELL;
  let format: 'json' | 'csv' = 'json';
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--help' || argument === '-h') {
      help = true;
      continue;
    }
    const match = /^(--[a-z-]+)(?:=(.*))?$/s.exec(argument);
    if (!match) throw new ScreeningUsageError(`okänt argument "${argument}". ${SCREENING_USAGE}`);
    const name = match[1];
    if (!['--registrations', '--by', '--min-cell', '--format'].includes(name)) {
      throw new ScreeningUsageError(`okänd flagga "${name}". ${SCREENING_USAGE}`);
    }
    let value = match[2];
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new ScreeningUsageError(`${name} saknar värde. ${SCREENING_USAGE}`);
      value = argv[++i];
    }
    if (name === '--registrations') {
      if (value.trim() === '') throw new ScreeningUsageError(`--registrations saknar filnamn. ${SCREENING_USAGE}`);
      registrations = value;
    } else if (name === '--by') {
      by.push(parseGrouping(value));
    } else if (name === '--min-cell') {
      if (!/^\d+$/.test(value.trim())) {
        throw new ScreeningUsageError(`--min-cell "${value}": måste vara ett heltal större än eller lika med 0`);
      }
      minCell = Number(value.trim());
    } else {
      if (value !== 'json' && value !== 'csv') throw new ScreeningUsageError(`--format "${value}": okänt format (giltiga: json, csv)`);
      format = value;
    }
  }
  if (registrations === undefined && !help) throw new ScreeningUsageError(`--registrations saknas. ${SCREENING_USAGE}`);
  return { registrations: registrations ?? '', by, minCell, format, help };
}

function parseGrouping(value: string): ScreeningDimension[] {
  const parts = value.split(':').map((part) => part.trim());
  const dimensions: ScreeningDimension[] = [];
  for (const part of parts) {
    if (!(SCREENING_DIMENSIONS as readonly string[]).includes(part)) {
      throw new ScreeningUsageError(
        `--by "${value}": okänd gruppering "${part}" (giltiga: ${SCREENING_DIMENSIONS.join(', ')}; korsa med kolon, t.ex. enhet:kon)`,
      );
    }
    if (dimensions.includes(part as ScreeningDimension)) throw new ScreeningUsageError(`--by "${value}": "${part}" förekommer två gånger`);
    dimensions.push(part as ScreeningDimension);
  }
  return dimensions;
}
