import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { respondentColumnRoles, respondentColumnsFromRecords, type RecordTable, type RespondentColumns, type RespondentRecord } from '../../analysis/index';

/** The toy kommun of the shared reference folder (167 respondents, N = 20,600), copied to fixtures/toy-kommun, read as plain records. */
const directory = fileURLToPath(new URL('./fixtures/toy-kommun', import.meta.url));

function read(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(`${directory}/${name}`, 'utf8').trim().split('\n');
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, j) => [columns[j], value])));
}

export const toyRespondents: RespondentRecord[] = read('toy-kommun-respondents.csv');
export const toyPopulationKonAlder: RecordTable = { rows: read('toy-kommun-population.csv') };
export const toyPopulationOmrade: RecordTable = { rows: read('toy-kommun-population-omrade.csv') };

/** Records typed for the engine, with `utsatt` (and any other listed column) as an indicator. */
export function toyColumns(records: readonly RespondentRecord[] = toyRespondents, indicators: readonly string[] = ['utsatt']): RespondentColumns {
  return respondentColumnsFromRecords(records, respondentColumnRoles({ indicators }));
}
