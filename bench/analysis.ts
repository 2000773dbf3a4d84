/**
 * Benchmark of the analysis engine (not a test: figures are printed, not asserted).
 *
 *   npm run bench:analysis
 *
 * Builds 100,000 synthetic respondents, rakes on kön × åldersgrupp (2 × 5 cells)
 * and område (6), and estimates 20 indicators overall and by kön, by åldersgrupp
 * and by område with calibrated linearised SEs and logit CIs, through the same
 * public entry points the server and the CLI use: the typed respondent columns
 * (respondentColumnsFromRecords over buildRespondentColumns, as the CLI reads a
 * CSV file) and analyzeSurvey on them. Prints wall time per phase and peak
 * memory. Target: ≤ 1 s for the two together.
 */
import { analyzeSurvey, respondentColumnRoles, respondentColumnsFromRecords, type RespondentRecord } from '../analysis/index';
import { mulberry32 } from '../analysis/mulberry32';

const n = 100_000;
const indicatorCount = 20;
const random = mulberry32(42);
const kon = ['kvinna', 'man'];
const ages = ['18-29', '30-44', '45-64', '65-74', '75-85'];
const areas = ['A', 'B', 'C', 'D', 'E', 'F'];
const indicators = Array.from({ length: indicatorCount }, (_, j) => `i${j + 1}`);

const buildStart = performance.now();
const respondents: RespondentRecord[] = new Array(n);
for (let i = 0; i < n; i++) {
  const k = random() < 0.55 ? 0 : 1;
  const a = Math.floor(random() * 5);
  const o = Math.floor(random() * 6);
  const record: Record<string, string | number | null> = { kon: kon[k], aldersgrupp: ages[a], omrade: areas[o] };
  for (let j = 0; j < indicatorCount; j++) {
    const p = 0.02 + 0.01 * j + 0.05 * (k === 0 ? 1 : 0) - 0.01 * a;
    record[indicators[j]] = random() < 0.01 ? null : random() < p ? 1 : 0;
  }
  respondents[i] = record;
}
const konAlderRows = kon.flatMap((k, ki) => ages.map((a, ai) => ({ kon: k, aldersgrupp: a, antal: 40_000 + 3_000 * ki + 5_000 * ai })));
const total = konAlderRows.reduce((s, r) => s + r.antal, 0);
const shares = [0.25, 0.2, 0.18, 0.15, 0.12, 0.1];
const population = [{ rows: konAlderRows }, { rows: areas.map((o, oi) => ({ omrade: o, antal: total * shares[oi] })) }];
const buildMs = performance.now() - buildStart;

const runs: number[] = [];
const typing: number[] = [];
let last: ReturnType<typeof analyzeSurvey> | undefined;
for (let run = 0; run < 3; run++) {
  const start = performance.now();
  const columns = respondentColumnsFromRecords(respondents, respondentColumnRoles({ indicators }));
  const typed = performance.now();
  last = analyzeSurvey({
    respondents: columns,
    population,
    options: { indicators, margins: [['kon', 'aldersgrupp'], ['omrade']], by: [['kon'], ['aldersgrupp'], ['omrade']], ci: 'logit' },
  });
  typing.push(typed - start);
  runs.push(performance.now() - typed);
}
const result = last as ReturnType<typeof analyzeSurvey>;
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(`analysis benchmark: ${n.toLocaleString('en')} respondents, ${indicatorCount} indicators, domains overall + kön + åldersgrupp + område`);
console.log(`  synthetic data built in ${buildMs.toFixed(0)} ms (not part of the analysis)`);
console.log(`  weighting: ${result.weighting.method}, ${result.weighting.iterations} iterations, converged ${result.weighting.converged}, max margin error ${result.weighting.maxMarginError.toExponential(2)}`);
console.log(`  estimates: ${result.estimates.length} (each with linearised SE, logit CI, total, deff, flags)`);
const list = (times: number[]) => `first run ${times[0].toFixed(0)} ms, then ${times.slice(1).map((t) => t.toFixed(0)).join(' ms, ')} ms`;
console.log(`  typing the records (respondentColumnsFromRecords): ${list(typing)}`);
console.log(`  wall time analyzeSurvey on the typed columns: ${list(runs)}`);
console.log(`  together (what the CLI does after reading the file): ${list(runs.map((t, i) => t + typing[i]))} (target ≤ 1000 ms)`);
console.log(`  peak memory (max RSS of the process, data included): ${peakMb.toFixed(0)} MB`);
