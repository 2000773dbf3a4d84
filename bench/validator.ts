/**
 * Benchmark: validations per second of the compiled answer validator versus
 * survey-core's Model (reused model: clear + data + validate; and a new model
 * per answer set). Prints figures; asserts nothing.
 *
 *   npx tsx bench/validator.ts
 */
import { Model, type Question } from 'survey-core';
import { loadBuiltInTemplates } from '../server/templates/load-templates';
import { compileValidator } from '../server/validation/compile-validator';

const template = loadBuiltInTemplates().find((t) => t.id === 'befolkningsenkat');
if (!template) throw new Error('befolkningsenkat template missing');

/** A realistic answer set: exposed to psychological violence, sought help. */
const answers: Record<string, unknown> = {
  samtycke: 'ja', kon: 'kvinna', alder: 42, omrade: 'omrade_2', hushall: ['partner', 'barn_under_18'], har_partner: 'ja',
  psykiskt_nagonsin: 'ja', psykiskt_12m: 'ja', psykiskt_vem: ['partner'], hot_nagonsin: 'nej', fysiskt_nagonsin: 'ja',
  fysiskt_12m: 'nej', fysiskt_vem: ['tidigare_partner'], sexuellt_nagonsin: 'nej', ekonomiskt_nagonsin: 'vill_inte_svara',
  hrv_partnerval: 'nej', hrv_vanner: 'nej', hrv_klader: 'nej', hrv_fritid: 'nej', hrv_utbildning: 'nej', hrv_hot_rykte: 'nej',
  hrv_aktenskap: 'nej', hrv_utlandet: 'nej', hrv_konsstympning: 'nej', barndom_bevittnat: 'nej', barndom_utsatt: 'nej',
  barn_bevittnat_12m: 'vet_inte', sokt_hjalp: 'ja', hjalp_fran: ['vanner_familj'], fick_hjalp: 'delvis', polisanmalt: 'nej',
  egen_nagonsin: 'nej', kommentar: 'Tack för enkäten.',
};

function measure(label: string, run: () => void, seconds = 2): number {
  for (let i = 0; i < 50; i++) run(); // warm-up
  let count = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 20; i++) run();
    count += 20;
  }
  const elapsed = (performance.now() - start) / 1000;
  const perSecond = count / elapsed;
  console.log(`${label.padEnd(44)} ${Math.round(perSecond).toLocaleString('sv-SE').padStart(10)} /s  ${((1000 * elapsed) / count).toFixed(4)} ms each`);
  return perSecond;
}

const validate = compileValidator(template);
if (!validate(answers).ok) throw new Error('benchmark answers must be valid');

const questionCount = new Model(template.survey).getAllQuestions(false).length;
console.log(`Template ${template.id} v${template.version}: ${questionCount} questions, ${Object.keys(answers).length} answers, Node ${process.version}\n`);

const compiled = measure('compiled validator', () => {
  validate(answers);
});
const compileStart = performance.now();
for (let i = 0; i < 20; i++) compileValidator(template);
console.log(`${'compile once (per campaign)'.padEnd(44)} ${((performance.now() - compileStart) / 20).toFixed(1).padStart(10)} ms`);

const reused = new Model(template.survey);
const coreReused = measure('survey-core, reused model (clear+data+validate)', () => {
  reused.clear(true, true);
  reused.data = answers;
  reused.validate(false, false);
}, 3);
const coreFresh = measure('survey-core, new Model per answer set', () => {
  const model = new Model(template.survey);
  model.data = answers;
  for (const q of model.getAllQuestions(false) as Question[]) if (q.isVisible && q.isParentVisible) q.validate(false);
}, 3);
console.log(`\ncompiled is ${(compiled / coreReused).toFixed(0)}× the reused model and ${(compiled / coreFresh).toFixed(0)}× a new model per request`);
