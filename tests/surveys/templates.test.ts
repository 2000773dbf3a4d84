import { readdirSync, readFileSync } from 'node:fs';
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { loadBuiltInTemplates } from '../../server/templates/load-templates';
import { readSurveyStructure } from '../../domain/templates/survey-structure';
import { validateTemplate } from '../../domain/templates/validate-template';

type Json = Record<string, any>;
const surveysDir = new URL('../../surveys/', import.meta.url);
const files = readdirSync(surveysDir).filter((f) => f.endsWith('.json'));
const readJson = (file: string): Json => JSON.parse(readFileSync(new URL(file, surveysDir), 'utf8'));

/** Question JSON objects of a template, in document order. */
function questions(template: Json): Json[] {
  return readSurveyStructure(template.survey).questions.map((q) => q.json);
}
const choiceValues = (q: Json): string[] => (q.choices ?? []).map((c: any) => (typeof c === 'object' ? c.value : c));

describe.each(files)('surveys/%s', (file) => {
  const template = readJson(file);

  it('loads in survey-core without jsonErrors', () => {
    const model = new Model(template.survey);
    expect(model.jsonErrors ?? []).toEqual([]);
    expect(model.getAllQuestions().length).toBeGreaterThan(0);
  });

  it('passes validateTemplate', () => {
    const result = validateTemplate(template);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('has unique question names', () => {
    const names = questions(template).map((q) => q.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('has no required question', () => {
    const required = questions(template).filter((q) => q.isRequired === true || q.requiredIf !== undefined);
    expect(required.map((q) => q.name)).toEqual([]);
  });
});

describe('built-in templates', () => {
  it('are all loaded by loadBuiltInTemplates', () => {
    expect(loadBuiltInTemplates().map((t) => t.id)).toEqual(expect.arrayContaining(['demo', 'befolkningsenkat', 'screening']));
  });

  it('keep the demo questionnaire that the seed and browser test use', () => {
    const demo = readJson('demo.json');
    expect(demo.id).toBe('demo');
    expect(questions(demo).map((q) => q.name)).toEqual(expect.arrayContaining(['kon', 'alder', 'psykiskt_12m', 'fysiskt_12m']));
  });
});

describe('population template (befolkningsenkat.json)', () => {
  const template = readJson('befolkningsenkat.json');
  const qs = questions(template);
  const byName = new Map(qs.map((q) => [q.name, q]));

  it('has the title, kind and a realistic length', () => {
    expect(template.title).toBe('Befolkningsenkät om våld i nära relationer och hedersrelaterat våld och förtryck');
    expect(template.kind).toBe('population');
    expect(qs.length).toBeGreaterThanOrEqual(40);
    expect(qs.length).toBeLessThanOrEqual(60);
  });

  it('declares kön, ålder and område as weighting variables', () => {
    expect(template.meta.weighting.variables).toEqual([
      { name: 'kon', question: 'kon', levels: ['kvinna', 'man'] },
      { name: 'alder', question: 'alder' },
      { name: 'omrade', question: 'omrade' },
    ]);
    expect(template.meta.population).toEqual({ minAge: 18, maxAge: 85 });
    expect(byName.get('alder')).toMatchObject({ type: 'text', inputType: 'number' });
  });

  it('offers "vill_inte_svara" on every choice question except consent', () => {
    const missing = qs
      .filter((q) => ['radiogroup', 'checkbox', 'dropdown'].includes(q.type) && q.name !== 'samtycke')
      .filter((q) => !choiceValues(q).includes('vill_inte_svara'))
      .map((q) => q.name);
    expect(missing).toEqual([]);
  });

  it('makes "vill_inte_svara" exclusive in every checkbox', () => {
    const notExclusive = qs
      .filter((q) => q.type === 'checkbox')
      .filter((q) => !q.choices.some((c: any) => c.value === 'vill_inte_svara' && c.isExclusive === true))
      .map((q) => q.name);
    expect(notExclusive).toEqual([]);
  });

  it('uses only ja/nej (plus non-substantive answers) on yes/no items', () => {
    const yesNo = qs.filter((q) => q.type === 'radiogroup' && choiceValues(q).includes('ja'));
    for (const q of yesNo) {
      expect(choiceValues(q).filter((v) => !['ja', 'nej', 'delvis', 'vet_inte', 'vill_inte_svara'].includes(v)), q.name).toEqual([]);
    }
    expect(yesNo.length).toBeGreaterThan(25);
  });

  it('asks "last 12 months" and "by whom" only after "ever" = ja', () => {
    for (const form of ['psykiskt', 'hot', 'fysiskt', 'sexuellt', 'ekonomiskt']) {
      expect(byName.get(`${form}_12m`)?.visibleIf).toBe(`{${form}_nagonsin} = 'ja'`);
      expect(byName.get(`${form}_vem`)?.visibleIf).toBe(`{${form}_nagonsin} = 'ja'`);
    }
  });

  it('has the område question the server fills from the campaign, and the optional module', () => {
    expect(template.meta.areaQuestion).toEqual({ question: 'omrade', keepChoices: ['vet_inte', 'vill_inte_svara'] });
    expect(template.meta.modules).toEqual([expect.objectContaining({ id: 'egen_vald', pages: ['egen_vald'] })]);
  });

  it('has an English translation for every respondent-visible string', () => {
    const LOCALIZABLE = new Set([
      'title', 'description', 'html', 'text', 'placeholder', 'completedHtml', 'completedBeforeHtml', 'loadingHtml',
      'pagePrevText', 'pageNextText', 'completeText', 'startSurveyText', 'commentText', 'otherText', 'noneText',
      'refuseText', 'dontKnowText', 'requiredErrorText', 'minErrorText', 'maxErrorText', 'navigationTitle', 'navigationDescription',
    ]);
    const problems: string[] = [];
    let checked = 0;
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) {
        node.forEach((child, i) => {
          if (path.endsWith('.choices') && typeof child !== 'object') problems.push(`${path}[${i}]: choice without localized text`);
          walk(child, `${path}[${i}]`);
        });
        return;
      }
      if (typeof node !== 'object' || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        const childPath = `${path}.${key}`;
        if (LOCALIZABLE.has(key)) {
          checked++;
          const ok =
            typeof value === 'object' && value !== null &&
            typeof (value as Json).default === 'string' && (value as Json).default.trim() !== '' &&
            typeof (value as Json).en === 'string' && (value as Json).en.trim() !== '';
          if (!ok) problems.push(`${childPath}: missing default (sv) or en`);
        } else {
          walk(value, childPath);
        }
      }
    };
    walk(template.survey, 'survey');
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });
});

describe('screening template (screening.json)', () => {
  const template = readJson('screening.json');
  const qs = questions(template);
  const byName = new Map(qs.map((q) => [q.name, q]));
  const CLIENT = ['psykiskt', 'fysiskt', 'sexuellt', 'radd', 'pagaende'];

  it('uses exactly the question names of the screening CSV contract', () => {
    expect(template.kind).toBe('screening');
    expect(qs.map((q) => q.name).sort()).toEqual(
      [
        'verksamhet', 'enhet', 'datum', 'kon', 'aldersgrupp', 'redan_tillfragad', 'tillfragad', 'orsak_ej_tillfragad',
        ...CLIENT, 'kand_sedan_tidigare', 'stod_erbjudet', 'stod_accepterat', 'barn_berorda',
      ].sort(),
    );
  });

  it('uses the contract values', () => {
    for (const name of CLIENT) expect(choiceValues(byName.get(name)!), name).toEqual(['ja', 'nej', 'vill_ej_svara']);
    for (const name of ['tillfragad', 'kand_sedan_tidigare', 'stod_erbjudet', 'stod_accepterat', 'barn_berorda', 'redan_tillfragad']) {
      expect(choiceValues(byName.get(name)!), name).toEqual(['ja', 'nej']);
    }
    expect(choiceValues(byName.get('kon')!)).toEqual(['kvinna', 'man', 'annat']);
    expect(choiceValues(byName.get('orsak_ej_tillfragad')!)).toEqual([
      'tredje_person_narvarande', 'tolk_saknades', 'bedomdes_olampligt', 'klienten_avbojde', 'annat',
    ]);
    expect(byName.get('datum')).toMatchObject({ type: 'text', inputType: 'date' });
  });

  it('never asks for the client’s name or personnummer', () => {
    const texts = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).map(String) : [];
    for (const q of qs) {
      for (const text of [q.name, ...texts(q.title), ...texts(q.placeholder)]) {
        expect(text, q.name).not.toMatch(/namn|name|personnummer|personnr|personal identity/i);
      }
    }
    // the only free-text inputs are the unit and the date; no comment boxes
    expect(qs.filter((q) => q.type === 'text' || q.type === 'comment').map((q) => q.name).sort()).toEqual(['datum', 'enhet']);
    expect(qs.some((q) => q.showOtherItem === true || q.showCommentArea === true)).toBe(false);
  });

  it('marks every client question as a FREDA text slot with a description', () => {
    expect(template.meta.fredaTextSlots.map((s: Json) => s.question)).toEqual(CLIENT);
    for (const name of CLIENT) expect(byName.get(name)!.description.default).toMatch(/FREDA/);
  });
});
