/**
 * Prints how long the browser's sampling steps take on a large frame
 * (100,000 rows by default; `npx tsx bench/sampling.ts 200000`): parsing and
 * checking, grouping, allocation, the draw, and the letter file. The same
 * pure functions run in the workspace's Web Worker, so this is the time the
 * progress bar covers (a browser is typically 1–2× slower than Node).
 */
import { parseAgeGroups } from '../domain/age-groups';
import { allocateSample } from '../domain/sampling/allocate-sample';
import { codesRequests, drawFrameSample } from '../domain/sampling/draw-frame-sample';
import { frameStrata, stratumSizes } from '../domain/sampling/frame-strata';
import { letterFileCsv, mergeLetters } from '../domain/sampling/letter-file';
import { parseFrame } from '../domain/sampling/parse-frame';
import { seededRandom } from '../domain/sampling/seeded-random';

const rows = Number(process.argv[2] ?? 100_000);
const random = seededRandom('bench');
const areas = Array.from({ length: 20 }, (_, i) => `omrade${i + 1}`);
let text = 'Personnummer;Förnamn;Efternamn;Utdelningsadress;Postnummer;Postort;Kön;Födelseår;Område\n';
for (let i = 0; i < rows; i++) {
  text += `${1930 + random.nextInt(80)}0101-${String(i).padStart(6, '0')};Förnamn${i};Efternamn${i};Gatan ${i};70210;ÖREBRO;${random.nextInt(2) ? 'K' : 'M'};${1930 + random.nextInt(80)};${areas[random.nextInt(20)]}\n`;
}

const time = <T>(label: string, run: () => T): T => {
  const start = performance.now();
  const result = run();
  console.log(`${label.padEnd(34)} ${(performance.now() - start).toFixed(0).padStart(6)} ms`);
  return result;
};

console.log(`frame: ${rows.toLocaleString('sv-SE')} rows, ${(text.length / 1e6).toFixed(1)} MB`);
const frame = time('parse and check (parseFrame)', () =>
  parseFrame(text, 'ram.csv', { referenceYear: 2026, minAge: 18, maxAge: 85, ageGroups: parseAgeGroups('18-29,30-44,45-64,65-85') }),
);
const strata = time('group into strata', () => frameStrata(frame.persons));
const allocation = time('allocate (equal, 250 per område)', () => allocateSample(stratumSizes(strata), { method: 'equal', perOmrade: 250 }));
const drawn = time(`draw ${allocation.n} letters`, () => drawFrameSample(strata, allocation, 'bench'));
const calls = codesRequests(drawn);
let n = 0;
const codes = drawn.flatMap((s) => s.persons.map(() => ({ code: `C${++n}`, ref: `R${n}`, stratum: { ...s.stratum } })));
time('merge codes and write the letter file', () => letterFileCsv(mergeLetters(frame.allColumns, drawn, codes, 'https://enkat.example.se')));
console.log(`persons in the frame: ${frame.persons.length}, strata: ${strata.length}, codes requests: ${calls.length} (${JSON.stringify(calls).length} bytes)`);
