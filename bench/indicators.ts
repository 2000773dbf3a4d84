/**
 * Indicator evaluation speed on synthetic responses to the population template.
 * Prints figures; asserts nothing. Run: npx tsx bench/indicators.ts [responses]
 */
import { readFileSync } from 'node:fs';
import { compileIndicators } from '../domain/templates/evaluate-indicators';
import { templateSchema } from '../domain/templates/template-schema';

const n = Number(process.argv[2] ?? 100_000);
const template = templateSchema.parse(JSON.parse(readFileSync(new URL('../surveys/befolkningsenkat.json', import.meta.url), 'utf8')));
const forms = ['psykiskt', 'hot', 'fysiskt', 'sexuellt', 'ekonomiskt'];
const hrv = ['hrv_partnerval', 'hrv_vanner', 'hrv_klader', 'hrv_fritid', 'hrv_utbildning', 'hrv_hot_rykte', 'hrv_aktenskap', 'hrv_utlandet', 'hrv_konsstympning'];

// Deterministic pseudo-random generator (mulberry32) so runs are comparable.
let seed = 20240601;
const random = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const answer = (pJa: number): string | undefined => {
  const u = random();
  return u < pJa ? 'ja' : u < 0.95 ? 'nej' : u < 0.98 ? 'vill_inte_svara' : undefined;
};

const responses: Record<string, unknown>[] = [];
for (let i = 0; i < n; i++) {
  const r: Record<string, unknown> = { kon: random() < 0.5 ? 'kvinna' : 'man', alder: 18 + Math.floor(random() * 68), omrade: `omrade_${1 + Math.floor(random() * 3)}` };
  r.hushall = random() < 0.3 ? ['partner', 'barn_under_18'] : ['ensam'];
  for (const f of forms) {
    r[`${f}_nagonsin`] = answer(0.15);
    if (r[`${f}_nagonsin`] === 'ja') {
      r[`${f}_12m`] = answer(0.3);
      r[`${f}_vem`] = random() < 0.5 ? ['partner'] : ['foralder', 'syskon'];
    }
  }
  for (const h of hrv) r[h] = answer(0.02);
  r.barndom_bevittnat = answer(0.1);
  r.egen_nagonsin = answer(0.05);
  if (forms.some((f) => r[`${f}_nagonsin`] === 'ja')) {
    r.sokt_hjalp = answer(0.12);
    if (r.sokt_hjalp === 'ja') r.hjalp_fran = random() < 0.3 ? ['socialtjanst'] : ['vanner_familj'];
  }
  responses.push(r);
}

let t0 = performance.now();
const compiled = compileIndicators(template);
const compileMs = performance.now() - t0;

t0 = performance.now();
let ones = 0;
for (const r of responses) {
  const result = compiled.evaluate(r);
  for (const id of compiled.ids) if (result[id] === 1) ones++;
}
const evalMs = performance.now() - t0;

t0 = performance.now();
for (const r of responses) compiled.evaluate(r);
const warmMs = performance.now() - t0;

console.log(`template: ${template.id}, ${compiled.ids.length} indicators, ${n} responses`);
console.log(`compile:           ${compileMs.toFixed(1)} ms`);
console.log(`evaluate (cold):   ${evalMs.toFixed(0)} ms  (${((evalMs * 1000) / n).toFixed(1)} µs/response)`);
console.log(`evaluate (memo):   ${warmMs.toFixed(0)} ms  (${((warmMs * 1000) / n).toFixed(1)} µs/response)`);
console.log(`indicator values = 1: ${ones}`);
