import { describe, expect, it } from 'vitest';
import { loadBuiltInTemplates } from '../../../server/templates/load-templates';
import type { TemplateDefinition } from '../../../domain/templates/template-schema';
import {
  compileDetailedValidator,
  compileValidator,
  DEFAULT_COMMENT_MAX_LENGTH,
  DEFAULT_TEXT_MAX_LENGTH,
  UnsupportedTemplateError,
} from '../../../server/validation/compile-validator';
import { kitchenSink } from './kitchen-sink';

const validate = compileValidator(kitchenSink);
const detailed = compileDetailedValidator(kitchenSink);
const base = { kon: 'man', samtycke: true };

/** The errors for base answers plus `extra`, as [question, message] pairs. */
function errorsFor(extra: Record<string, unknown>): [string, string][] {
  const result = validate({ ...base, ...extra });
  return result.ok ? [] : result.errors.map((e) => [e.question, e.message]);
}

function kindsFor(extra: Record<string, unknown>): string[] {
  return detailed({ ...base, ...extra }).errors.map((e) => `${e.question}:${e.kind}`);
}

describe('compileValidator: shape', () => {
  it('accepts the minimal answers and returns them', () => {
    expect(validate(base)).toEqual({ ok: true, answers: base });
  });

  it.each([null, 'text', 42, [1, 2], undefined])('rejects %j as the answer set', (answers) => {
    const result = validate(answers);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([{ question: '', message: 'Svaren ska skickas som ett objekt med frågornas namn som nycklar.' }]);
  });

  it('rejects unknown keys, including __proto__ and a comment key of a question without comment', () => {
    const answers = JSON.parse('{"kon":"man","samtycke":true,"__proto__":{"x":1},"okand":1,"kon-Comment":"x"}') as unknown;
    const result = validate(answers);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.question).sort()).toEqual(['__proto__', 'kon-Comment', 'okand']);
      expect(result.errors.find((e) => e.question === 'okand')?.message).toBe('Frågan "okand" finns inte i enkäten');
    }
  });

  it('drops empty values (null, "", [], {}) as unanswered', () => {
    expect(validate({ ...base, ort: '', vem: [], flera: {}, betyg: null })).toEqual({ ok: true, answers: base });
  });
});

describe('compileValidator: choices', () => {
  it('accepts choice values, special items and numbers as numbers', () => {
    expect(errorsFor({ kon: 'vill_inte_svara', lan: 2, vem: ['partner', 'other'], 'vem-Comment': 'granne' })).toEqual([]);
    expect(errorsFor({ vem: ['none'], lan: 'other', 'lan-Comment': 'annat län' })).toEqual([]);
  });

  it('rejects a value outside the choices, naming the question', () => {
    expect(errorsFor({ kon: 'annat' })).toEqual([['kon', 'Frågan "kon": värdet "annat" är inte ett av svarsalternativen']]);
    expect(errorsFor({ lan: '1' })).toEqual([['lan', 'Frågan "lan": värdet "1" är inte ett av svarsalternativen']]);
  });

  it('rejects wrong types for choice questions', () => {
    expect(kindsFor({ kon: ['kvinna'] })).toEqual(['kon:type']);
    expect(kindsFor({ vem: 'partner' })).toEqual(['vem:type']);
  });

  it('checkbox: unknown item, duplicate, max and min selected', () => {
    expect(kindsFor({ vem: ['partner', 'granne'] })).toEqual(['vem:choice']);
    expect(kindsFor({ vem: ['partner', 'partner'] })).toEqual(['vem:duplicate']);
    expect(errorsFor({ vem: ['partner', 'foralder', 'syskon'] })).toEqual([['vem', 'Frågan "vem": högst 2 alternativ får väljas']]);
  });

  it('minSelectedChoices and eachRowRequired apply even when unanswered, as in survey-core', () => {
    const off = { samtycke: false, matris: { r1: 1, r2: 2 } };
    expect(errorsFor({ ...off, minst: ['a'] })).toEqual([['minst', 'Frågan "minst": minst 2 alternativ ska väljas']]);
    expect(errorsFor({ ...off, minst: ['a', 'c'] })).toEqual([]);
    expect(errorsFor({ ...off, minst: ['none'] })).toEqual([]);
    expect(kindsFor({ samtycke: false }).sort()).toEqual(['matris:required', 'minst:minSelected']);
  });

  it('accepts "other" without its comment (deliberately more lenient than survey-core)', () => {
    expect(errorsFor({ vem: ['other'] })).toEqual([]);
  });

  it('comment keys: text of at most 5,000 characters', () => {
    expect(errorsFor({ 'kommentar_fraga-Comment': 'fritt' })).toEqual([]);
    expect(kindsFor({ 'kommentar_fraga-Comment': 5 })).toEqual(['kommentar_fraga-Comment:type']);
    expect(kindsFor({ 'vem-Comment': 'x'.repeat(DEFAULT_COMMENT_MAX_LENGTH + 1) })).toEqual(['vem-Comment:length']);
  });
});

describe('compileValidator: numbers, text and dates', () => {
  it('number: min, max, step and type', () => {
    expect(errorsFor({ alder: 150 })).toEqual([['alder', 'Frågan "alder": värdet 150 är större än max 85']]);
    expect(errorsFor({ alder: 17 })).toEqual([['alder', 'Frågan "alder": värdet 17 är mindre än min 18']]);
    expect(errorsFor({ alder: 30.5 })).toEqual([['alder', 'Frågan "alder": värdet 30.5 är inte ett heltal']]);
    expect(errorsFor({ alder: '30' })).toEqual([['alder', 'Frågan "alder": värdet ska vara ett tal, inte "30"']]);
    expect(kindsFor({ alder: true })).toEqual(['alder:type']);
    expect(errorsFor({ alder: 18, timmar: 2.5 })).toEqual([]);
    expect(errorsFor({ timmar: 0.3 })).toEqual([['timmar', 'Frågan "timmar": värdet 0.3 är inte en multipel av 0.5']]);
  });

  it('text: string of at most 500 characters, or the question maxLength', () => {
    expect(errorsFor({ ort: 'x'.repeat(DEFAULT_TEXT_MAX_LENGTH) })).toEqual([]);
    expect(errorsFor({ ort: 'x'.repeat(DEFAULT_TEXT_MAX_LENGTH + 1) })).toEqual([['ort', 'Frågan "ort": texten har 501 tecken, högst 500 tillåts']]);
    expect(kindsFor({ kort: 'sexsex' })).toEqual(['kort:length']);
    expect(kindsFor({ ort: 12 })).toEqual(['ort:type']);
  });

  it('comment: at most 5,000 characters', () => {
    expect(errorsFor({ kommentar: 'x'.repeat(5000) })).toEqual([]);
    expect(kindsFor({ kommentar: 'x'.repeat(5001) })).toEqual(['kommentar:length']);
  });

  it('email and date', () => {
    expect(errorsFor({ epost: 'a@b.se', datum: '2025-03-01' })).toEqual([]);
    expect(kindsFor({ epost: 'inte-en-adress' })).toEqual(['epost:email']);
    expect(kindsFor({ datum: '1/3/2025' })).toEqual(['datum:format']);
    expect(kindsFor({ datum: '2023-12-31' })).toEqual(['datum:min']);
    expect(kindsFor({ datum: '2031-01-01' })).toEqual(['datum:max']);
  });

  it('boolean with default and custom values', () => {
    expect(errorsFor({ jane: 'nej' })).toEqual([]);
    expect(errorsFor({ samtycke: false, jane: 'ja', minst: ['a', 'b'], matris: { r1: 1, r2: 2 } })).toEqual([]);
    expect(kindsFor({ samtycke: 'true' })).toEqual(['samtycke:type']);
    expect(kindsFor({ jane: true })).toEqual(['jane:type']);
  });

  it('rating: survey-core scale (default 1–5; 0–10 step 2)', () => {
    expect(errorsFor({ betyg: 5, skala: 8 })).toEqual([]);
    expect(kindsFor({ betyg: 6 })).toEqual(['betyg:rating']);
    expect(kindsFor({ skala: 3 })).toEqual(['skala:rating']);
    expect(kindsFor({ betyg: [1] })).toEqual(['betyg:type']);
  });

  it('matrix: known rows and columns, all rows when isAllRowRequired', () => {
    const off = { samtycke: false, minst: ['a', 'b'] };
    expect(errorsFor({ ...off, matris: { r1: 1, r2: 3 } })).toEqual([]);
    expect(kindsFor({ ...off, matris: { r1: 1, r3: 3 } })).toEqual(['matris:choice']);
    expect(kindsFor({ ...off, matris: { r1: 4, r2: 1 } })).toEqual(['matris:choice']);
    expect(errorsFor({ ...off, matris: { r1: 1 } })).toEqual([['matris', 'Frågan "matris": alla rader måste besvaras (saknas: r2)']]);
  });

  it('multipletext: known items, item types and validators', () => {
    expect(errorsFor({ flera: { a: 'text', n: 3 } })).toEqual([]);
    expect(kindsFor({ flera: { b: 'x' } })).toEqual(['flera:unknown']);
    expect(kindsFor({ flera: { n: 'tre' } })).toEqual(['flera:type']);
    expect(kindsFor({ flera: { n: 12 } })).toEqual(['flera:validator']);
  });

  it('regex validator', () => {
    expect(errorsFor({ regex: 'ABC' })).toEqual([]);
    expect(kindsFor({ regex: 'abc' })).toEqual(['regex:validator']);
  });
});

describe('compileValidator: visibility and required', () => {
  it('requires isRequired questions (samtycke) and nothing else', () => {
    expect(errorsFor({ samtycke: undefined })).toEqual([['samtycke', 'Frågan "samtycke" måste besvaras']]);
  });

  it('strips answers to questions hidden by visibleIf, page conditions and visible:false, without checking them', () => {
    const result = detailed({ ...base, gate: 'ja', folj: 'kanske', djup: 42, dold: 'x', minst: 'fel typ' });
    expect(result.errors).toEqual([]);
    expect(result.answers).toEqual(base);
    expect(result.stripped.sort()).toEqual(['djup', 'dold', 'folj', 'gate', 'minst']);
  });

  it('strips in cascade: a hidden controlling answer hides what depends on it', () => {
    // p2 visible (kvinna), gate = nej hides folj, so the panel (folj = ja) is hidden too.
    const result = detailed({ kon: 'kvinna', samtycke: true, gate: 'nej', folj: 'ja', djup: 'x', villkorligt_krav: 'x' });
    expect(result.errors).toEqual([]);
    expect(result.answers).toEqual({ kon: 'kvinna', samtycke: true, gate: 'nej', villkorligt_krav: 'x' });
    expect(result.stripped.sort()).toEqual(['djup', 'folj']);
  });

  it('required inside visible branches, requiredIf, and no requirement when read-only by enableIf', () => {
    expect(kindsFor({ kon: 'kvinna', gate: 'ja' }).sort()).toEqual(['folj:required', 'las:required']);
    expect(kindsFor({ kon: 'kvinna', gate: 'ja', folj: 'ja', las: 'x' })).toEqual(['djup:required']);
    expect(kindsFor({ kon: 'kvinna', gate: 'nej' })).toEqual(['villkorligt_krav:required']);
    expect(kindsFor({ kon: 'kvinna' })).toEqual([]);
  });

  it('checks values of visible questions inside a visible branch', () => {
    expect(kindsFor({ kon: 'kvinna', gate: 'ja', folj: 'kanske', las: 'x' })).toEqual(['folj:choice']);
  });
});

describe('compileValidator: built-in templates', () => {
  // The inventory month's template is never answered through the answer validator: units report
  // counts with PUT /api/screening/:id/units/:unitId/inventory, checked by contracts/screening.ts.
  const templates = loadBuiltInTemplates().filter((t) => t.meta.form !== 'inventory');
  it.each(templates.map((t) => [t.id, t] as const))('compiles %s', (_id, template) => {
    expect(() => compileValidator(template)).not.toThrow();
  });

  it('befolkningsenkät: nothing is required, an empty answer set is valid', () => {
    const template = templates.find((t) => t.id === 'befolkningsenkat')!;
    expect(compileValidator(template)({})).toEqual({ ok: true, answers: {} });
  });

  it('befolkningsenkät: hrv_konsstympning is stripped for men, and the support page with it', () => {
    const template = templates.find((t) => t.id === 'befolkningsenkat')!;
    const result = compileValidator(template)({ kon: 'man', hrv_konsstympning: 'ja', sokt_hjalp: 'ja' });
    expect(result).toEqual({ ok: true, answers: { kon: 'man' } });
  });
});

describe('compileValidator: unsupported templates fail at compile time', () => {
  const withElement = (element: Record<string, unknown>): TemplateDefinition => ({
    ...kitchenSink,
    survey: { pages: [{ name: 'p', elements: [element] }] },
  });

  it.each([
    [{ type: 'paneldynamic', name: 'pd', templateElements: [{ type: 'text', name: 'x' }] }, 'frågetypen "paneldynamic"'],
    [{ type: 'file', name: 'f' }, 'frågetypen "file"'],
    [{ type: 'dropdown', name: 'd', choicesByUrl: { url: 'https://example.org' } }, 'choicesByUrl'],
    [{ type: 'text', name: 't', validators: [{ type: 'expression', expression: '{t} > 1' }] }, 'valideringen "expressionvalidator"'],
    [{ type: 'text', name: 't', visibleIf: '{a} = ' }, 'går inte att tolka'],
  ])('%j', (element, message) => {
    expect(() => compileValidator(withElement(element))).toThrow(UnsupportedTemplateError);
    expect(() => compileValidator(withElement(element))).toThrow(message);
  });
});
