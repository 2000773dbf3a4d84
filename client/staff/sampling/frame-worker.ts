/**
 * Holds the register extract in a Web Worker, off the page's thread: parses
 * and checks it (with progress), groups it into strata and draws the sample.
 * Nothing here makes a network request; the page sends the server only the
 * strata's counts.
 */
import { CsvInputError } from '../../../domain/csv';
import { AgeGroupError, parseAgeGroups } from '../../../domain/age-groups';
import { drawFrameSample } from '../../../domain/sampling/draw-frame-sample';
import { frameStrata, type FrameStratum } from '../../../domain/sampling/frame-strata';
import { parseFrame } from '../../../domain/sampling/parse-frame';
import { SamplingInputError } from '../../../domain/sampling/sampling-input-error';
import type { FromWorker, ToWorker } from './frame-protocol';

/** The worker's global scope (the DOM lib types `self` as a window). */
const scope = self as unknown as { postMessage(message: FromWorker): void; onmessage: ((event: MessageEvent<ToWorker>) => void) | null };
let strata: FrameStratum[] = [];

const post = (message: FromWorker) => scope.postMessage(message);

function rowError(error: CsvInputError) {
  return { line: error.line, column: error.column, message: error.message };
}

async function parse(file: File, options: Extract<ToWorker, { type: 'parse' }>['options']): Promise<void> {
  strata = [];
  post({ type: 'progress', phase: 'reading', done: 0, total: file.size });
  const text = await file.text();
  post({ type: 'progress', phase: 'parsing', done: 0, total: text.length });
  const frame = parseFrame(text, file.name, {
    referenceYear: options.referenceYear,
    minAge: options.minAge,
    maxAge: options.maxAge,
    ageGroups: parseAgeGroups(options.ageGroups),
    areas: options.areas.length > 0 ? options.areas : undefined,
    onProgress: (done, total) => post({ type: 'progress', phase: 'checking', done, total }),
  });
  if (frame.errors.length > 0) return post({ type: 'failed', errors: frame.errors.map(rowError) });
  if (frame.persons.length === 0) return post({ type: 'failed', errors: [{ message: `${file.name}: ingen person i filen ligger inom undersökningens åldersintervall.` }] });
  strata = frameStrata(frame.persons);
  post({
    type: 'parsed',
    summary: {
      fileName: file.name,
      rowCount: frame.rowCount,
      included: frame.persons.length,
      excluded: { outsideAge: frame.excludedOutsideAge, noAgeGroup: frame.excludedNoAgeGroup },
      allColumns: frame.allColumns,
      strata: strata.map((s) => ({ key: s.key, stratum: s.stratum, N: s.persons.length })),
    },
  });
}

scope.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'parse') await parse(message.file, message.options);
    else post({ type: 'drawn', drawn: drawFrameSample(strata, message.allocation, message.seed) });
  } catch (error) {
    if (error instanceof CsvInputError) post({ type: 'failed', errors: [rowError(error)] });
    else if (error instanceof AgeGroupError) post({ type: 'failed', errors: [{ message: `Enkätmallens åldersgrupper: ${error.swedish}.` }] });
    else if (error instanceof SamplingInputError) post({ type: 'failed', errors: [{ message: error.message.replace(/^[a-zA-Z]+: /, '') }] });
    else post({ type: 'failed', errors: [{ message: `Filen kunde inte läsas (${error instanceof Error ? error.message : String(error)}).` }] });
  }
};
