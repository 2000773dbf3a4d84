/**
 * Property test: the compiled validator agrees with survey-core's own model.
 *
 * For many generated answer sets (seeded, reproducible) per template, the
 * answers are judged twice:
 * - by `compileDetailedValidator` (ours), and
 * - by survey-core: a `Model` of the same JSON (with `clearInvisibleValues:
 *   'none'` so that the model keeps what we give it), where invisible values
 *   are removed until a fixed point using the model's own `isVisible` /
 *   `isParentVisible`, and then `Question.validate()` runs on every visible
 *   question.
 *
 * What is comparable (see the rule list in compile-validator.ts):
 * 1. Stripping: the keys we remove are exactly the keys survey-core's
 *    visibility removes (for answer sets whose values are all well typed;
 *    survey-core evaluates conditions on ill-typed values too, but we reject
 *    those sets anyway).
 * 2. Every question survey-core rejects, we reject (we are at least as strict).
 * 3. Every error we attribute to a survey-core rule (required, min, max, step,
 *    email, minSelected, validator) is also an error in survey-core.
 * 4. When we accept, survey-core finds no error, and our cleaned answers equal
 *    survey-core's cleaned data.
 * Not comparable: choice membership, value types, string lengths, unknown keys,
 * rating scales and maxSelectedChoices — survey-core does not check them.
 * survey-core's "other selected but comment empty" error is ignored (we accept
 * that on purpose).
 */
import { Model, type Question } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { loadBuiltInTemplates } from '../../../server/templates/load-templates';
import type { TemplateDefinition } from '../../../domain/templates/template-schema';
import { compileDetailedValidator, SURVEY_CORE_RULES } from '../../../server/validation/compile-validator';
import { kitchenSink } from './kitchen-sink';

/** mulberry32: a small seeded PRNG, enough for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

interface QuestionInfo {
  name: string;
  type: string;
  choices: unknown[];
  inputType: string;
  min?: number;
  max?: number;
  rateValues: unknown[];
  rows: string[];
  columns: unknown[];
  items: string[];
}

function describeQuestions(model: Model): QuestionInfo[] {
  return (model.getAllQuestions(false) as Question[])
    .filter((q) => !['html', 'image', 'empty'].includes(q.getType()))
    .map((question) => {
      const q = question as unknown as Record<string, unknown> & { visibleChoices?: { value: unknown }[] };
      const values = (list: unknown) => (Array.isArray(list) ? list.map((i: { value: unknown }) => i.value) : []);
      return {
        name: question.getValueName(),
        type: question.getType(),
        choices: values(q.visibleChoices),
        inputType: String(q.inputType ?? 'text'),
        min: typeof q.min === 'number' ? q.min : undefined,
        max: typeof q.max === 'number' ? q.max : undefined,
        rateValues: values(q.visibleRateValues),
        rows: values(q.rows).map(String),
        columns: values(q.columns),
        items: Array.isArray(q.items) ? (q.items as { name: string }[]).map((i) => i.name) : [],
      };
    });
}

function validValue(rand: Rand, q: QuestionInfo): unknown {
  switch (q.type) {
    case 'radiogroup':
    case 'dropdown':
      return pick(rand, q.choices);
    case 'checkbox': {
      const shuffled = [...q.choices].sort(() => rand() - 0.5);
      return shuffled.slice(0, 1 + Math.floor(rand() * Math.min(2, shuffled.length)));
    }
    case 'boolean':
      return rand() < 0.5;
    case 'rating':
      return pick(rand, q.rateValues);
    case 'matrix':
      return Object.fromEntries(q.rows.map((row) => [row, pick(rand, q.columns)]));
    case 'multipletext':
      return { [q.items[0]]: 'text' };
    case 'comment':
      return 'en kommentar';
    case 'text':
      if (q.inputType === 'number') {
        const min = q.min ?? 0;
        const max = q.max ?? 100;
        return min + Math.floor(rand() * (max - min + 1));
      }
      if (q.inputType === 'email') return 'namn@example.se';
      if (q.inputType === 'date') return '2025-05-01';
      return 'svar';
    default:
      return undefined;
  }
}

function invalidValue(rand: Rand, q: QuestionInfo): unknown {
  const kind = Math.floor(rand() * 5);
  if (kind === 0) return pick(rand, [true, 12.5, { x: 1 }, ['a'], 'ord', 7]);
  if (q.type === 'text' && q.inputType === 'number') {
    return pick(rand, [(q.max ?? 100) + 1 + Math.floor(rand() * 100), (q.min ?? 0) - 1 - Math.floor(rand() * 10), (q.min ?? 0) + 0.5, String(q.min ?? 1)]);
  }
  if (q.type === 'checkbox') return kind === 1 ? ['finns_inte'] : [q.choices[0], q.choices[0]];
  if (q.type === 'comment' || q.type === 'text') return kind === 1 ? 'x'.repeat(6000) : 42;
  if (q.type === 'rating') return 99;
  return 'finns_inte';
}

function generate(rand: Rand, questions: readonly QuestionInfo[], invalidRate: number): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  const answerRate = 0.2 + rand() * 0.8;
  for (const q of questions) {
    if (rand() > answerRate) continue;
    const value = rand() < invalidRate ? invalidValue(rand, q) : validValue(rand, q);
    if (value !== undefined) answers[q.name] = value;
  }
  if (invalidRate > 0 && rand() < 0.1) answers[pick(rand, ['okand', 'alder2', 'kon-Comment'])] = 'x';
  return answers;
}

interface CoreJudgement {
  cleaned: Record<string, unknown>;
  stripped: Set<string>;
  visible: Set<string>;
  errors: Set<string>;
}

function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** survey-core's judgement: strip invisible values to a fixed point, then validate the visible questions. */
function surveyCoreJudge(json: Record<string, unknown>, answers: Record<string, unknown>, known: ReadonlySet<string>): CoreJudgement {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answers)) if (known.has(key) && !isEmptyValue(value)) data[key] = value;
  // A fresh model per answer set: a reused model keeps state between data sets (seen with booleans).
  const model = new Model(json);
  const questions = model.getAllQuestions(false) as Question[];
  const stripped = new Set<string>();
  const visible = new Set<string>();
  for (let pass = 0; pass < 100; pass++) {
    model.clear(true, true);
    model.data = { ...data };
    let changed = false;
    visible.clear();
    for (const q of questions) {
      const key = q.getValueName();
      if (q.isVisible && q.isParentVisible) {
        visible.add(q.name);
        continue;
      }
      for (const k of [key, key + '-Comment']) {
        if (k in data) {
          delete data[k];
          stripped.add(k);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  const errors = new Set<string>();
  for (const q of questions) {
    if (!visible.has(q.name)) continue;
    q.validate(true);
    if (q.errors.some((e) => e.getErrorType() !== 'otherempty')) {
      errors.add(q.name);
    }
  }
  return { cleaned: data, stripped, visible, errors };
}

function allKeys(model: Model): Set<string> {
  const keys = new Set<string>();
  for (const q of model.getAllQuestions(false) as Question[]) {
    keys.add(q.getValueName());
    keys.add(q.getValueName() + '-Comment');
  }
  return keys;
}

const templates: [string, TemplateDefinition][] = [
  ...loadBuiltInTemplates()
    .filter((t) => t.id === 'demo' || t.id === 'befolkningsenkat')
    .map((t) => [t.id, t] as [string, TemplateDefinition]),
  ['kitchen-sink', kitchenSink],
];

/** survey-core takes ~50 ms per answer set for the befolkningsenkät (a new model, several passes), so fewer runs there. */
const RUNS: Record<string, number> = { demo: 200, befolkningsenkat: 50, 'kitchen-sink': 100 };
const TIMEOUT_MS = 300_000;

describe.each(templates)('compiled validator agrees with survey-core: %s', (id, template) => {
  const runs = RUNS[id];
  const validate = compileDetailedValidator(template);
  const json = { ...template.survey, clearInvisibleValues: 'none', triggers: [] };
  const model = new Model(json);
  const questions = describeQuestions(model);
  const known = allKeys(model);

  it(`well-typed answer sets (${runs}, invisible answers included): same stripping, same verdict, same cleaned answers`, () => {
    const rand = prng(20240501);
    let accepted = 0;
    let stripped = 0;
    for (let run = 0; run < runs; run++) {
      const answers = generate(rand, questions, 0);
      const ours = validate(answers);
      const core = surveyCoreJudge(json, answers, known);
      const context = JSON.stringify(answers);
      expect(new Set(ours.stripped), context).toEqual(core.stripped);
      const ourCoreErrors = new Set(ours.errors.filter((e) => SURVEY_CORE_RULES.has(e.kind)).map((e) => e.question));
      expect(ourCoreErrors, context).toEqual(core.errors);
      if (ours.errors.length === 0) {
        accepted++;
        expect(ours.answers, context).toEqual(core.cleaned);
      }
      if (ours.stripped.length > 0) stripped++;
    }
    // The generator must exercise both branches for the property to mean something.
    expect(accepted).toBeGreaterThan(runs / 40);
    if (template.id !== 'demo') expect(stripped).toBeGreaterThan(runs / 10);
  }, TIMEOUT_MS);

  it(`answer sets with invalid values (${runs}): at least as strict as survey-core, and our survey-core rules confirmed`, () => {
    const rand = prng(7);
    let rejected = 0;
    for (let run = 0; run < runs; run++) {
      const answers = generate(rand, questions, 0.15);
      const ours = validate(answers);
      const core = surveyCoreJudge(json, answers, known);
      const context = JSON.stringify(answers);
      const ourVisible = new Set(questions.map((q) => q.name).filter((name) => !ours.stripped.includes(name)));
      const comparable = (name: string) => ourVisible.has(name) && core.visible.has(name);
      const ourAll = new Set(ours.errors.map((e) => e.question));
      for (const name of core.errors) if (comparable(name)) expect(ourAll.has(name), `${name} in ${context}`).toBe(true);
      for (const error of ours.errors) {
        if (SURVEY_CORE_RULES.has(error.kind) && comparable(error.question)) {
          expect(core.errors.has(error.question), `${error.question} (${error.kind}) in ${context}`).toBe(true);
        }
      }
      if (ours.errors.length === 0) expect(core.errors.size, context).toBe(0);
      else rejected++;
    }
    expect(rejected).toBeGreaterThan(runs / 10);
  }, TIMEOUT_MS);
});
