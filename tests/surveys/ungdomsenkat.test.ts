/**
 * The youth questionnaire (surveys/ungdomsenkat.json), written for årskurs 9
 * and gymnasiet år 2: loads in survey-core, offers "Vill inte svara" on every
 * sensitive item, has BRIS as its support line and indicators that evaluate
 * as their definitions say on hand-made answers.
 */
import { readFileSync } from 'node:fs';
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { readSurveyStructure } from '../../domain/templates/survey-structure';
import { templateSchema } from '../../domain/templates/template-schema';
import { evaluateIndicators, type IndicatorValue } from '../../domain/templates/evaluate-indicators';
import { validateTemplate } from '../../domain/templates/validate-template';

type Json = Record<string, any>;
const raw: Json = JSON.parse(readFileSync(new URL('../../surveys/ungdomsenkat.json', import.meta.url), 'utf8'));
const template = templateSchema.parse(raw);
const questions = readSurveyStructure(raw.survey).questions.map((q) => q.json as Json);
const byName = new Map(questions.map((q) => [q.name, q]));
const choiceValues = (q: Json): string[] => (q.choices ?? []).map((c: Json | string) => (typeof c === 'object' ? c.value : c));

/** Answers of a pupil who said nej to every gate question. */
function allNo(): Record<string, unknown> {
  const answers: Record<string, unknown> = { kon: 'kvinna', alder: 15, bor_med: ['mamma', 'pappa'], kansla: 'okej' };
  for (const q of questions) if (q.type === 'radiogroup' && !q.visibleIf && choiceValues(q).includes('ja') && !(q.name in answers)) answers[q.name] = 'nej';
  return answers;
}

function expected(overrides: Record<string, IndicatorValue>): Record<string, IndicatorValue> {
  const all = Object.fromEntries(template.meta.indicators.map((i) => [i.id, null])) as Record<string, IndicatorValue>;
  for (const id of Object.keys(overrides)) if (!(id in all)) throw new Error(`unknown indicator ${id}`);
  return { ...all, ...overrides };
}

describe('ungdomsenkat.json', () => {
  it('loads in survey-core with no errors and passes validateTemplate', () => {
    const model = new Model(raw.survey);
    expect(model.jsonErrors ?? []).toEqual([]);
    const result = validateTemplate(raw);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('is a population template for ages 13–19 with kön and ålder as weighting variables', () => {
    expect(template.kind).toBe('population');
    expect(template.meta.targetAges).toEqual([13, 19]);
    expect(template.meta.population).toEqual({ minAge: 13, maxAge: 19 });
    expect(template.meta.weighting.variables.map((v) => v.name)).toEqual(['kon', 'alder']);
    expect(template.meta.weighting.ageGroups).toEqual(['13-15', '16-19']);
    expect(choiceValues(byName.get('kon')!)).toEqual(['kvinna', 'man', 'annat', 'vill_inte_svara']);
  });

  it('shows BRIS as the support line (with 112 and the kommun on every page)', () => {
    expect(template.meta.supportLines).toEqual(['bris']);
  });

  it('asks about restrictions, control, threats and violence, marriage and travel, home, and telling someone', () => {
    const pages = raw.survey.pages.map((p: Json) => p.name);
    expect(pages).toEqual(['om_dig', 'frihet', 'kontroll', 'hot_och_vald', 'aktenskap', 'hemma', 'beratta', 'avslut']);
    for (const name of ['begr_vanner', 'begr_fritid', 'begr_klader', 'begr_partner', 'begr_utbildning', 'kontroll_mobil', 'kontroll_sociala',
      'hot_familj', 'vald_familj', 'press_gifta', 'tagen_utomlands', 'hemma_bevittnat', 'hemma_utsatt', 'berattat', 'berattat_for']) {
      expect(byName.has(name), name).toBe(true);
    }
  });

  it('offers "Vill inte svara" on every choice question, exclusive in every checkbox, and requires nothing', () => {
    const choice = questions.filter((q) => ['radiogroup', 'checkbox', 'dropdown'].includes(q.type));
    expect(choice.length).toBeGreaterThan(30);
    expect(choice.filter((q) => !choiceValues(q).includes('vill_inte_svara')).map((q) => q.name)).toEqual([]);
    const checkboxes = questions.filter((q) => q.type === 'checkbox');
    expect(checkboxes.filter((q) => !q.choices.some((c: Json) => c.value === 'vill_inte_svara' && c.isExclusive === true)).map((q) => q.name)).toEqual([]);
    expect(questions.filter((q) => q.isRequired || q.requiredIf).map((q) => q.name)).toEqual([]);
    // No free text: in a class of 25 a written answer can identify its writer.
    expect(questions.filter((q) => q.type === 'comment' || (q.type === 'text' && q.inputType !== 'number')).map((q) => q.name)).toEqual([]);
  });

  it('has Swedish and English for every string respondents see', () => {
    const problems: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${path}[${i}]`));
      if (typeof node !== 'object' || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        if (['title', 'description', 'html', 'text', 'completedHtml', 'pagePrevText', 'pageNextText', 'completeText'].includes(key)) {
          if (typeof value !== 'object' || !(value as Json).default || !(value as Json).en) problems.push(`${path}.${key}`);
        } else walk(value, `${path}.${key}`);
      }
    };
    walk(raw.survey, 'survey');
    expect(problems).toEqual([]);
  });

  it('defines indicators with register categories, barn_bevittnat_12m and the HRV restrictions among them', () => {
    const categories = Object.fromEntries(template.meta.indicators.map((i) => [i.id, i.registerCategory]));
    expect(categories).toMatchObject({
      barn_bevittnat_12m: 'barn_bevittnat_vald',
      barn_utsatt_12m: 'barn_utsatt_vald',
      hrv_begransning_12m: 'hedersrelaterat_vald',
      hot_vald_12m: 'vald_i_nara_relation',
      digital_kontroll_12m: 'psykiskt_vald',
    });
  });

  it('evaluates to 0 for a pupil who said nej to everything, and missing where nothing was asked', () => {
    expect(evaluateIndicators(template, allNo())).toEqual(
      expected({
        hrv_begransning_livstid: 0,
        hrv_begransning_12m: 0,
        hrv_rykte: 0,
        digital_kontroll_12m: 0,
        hot_vald_12m: 0,
        partnervald_livstid: 0,
        tvangsaktenskap_livstid: 0,
        oro_tvangsaktenskap: 0,
        barn_bevittnat_12m: 0,
        barn_utsatt_12m: 0,
        radd_hemma: 0,
      }),
    );
    expect(evaluateIndicators(template, { kon: 'man' })).toEqual(expected({}));
  });

  it('counts a pupil who saw violence at home this year, told the school counsellor, and refused the partner question', () => {
    const answers = {
      ...allNo(),
      hemma_bevittnat: 'ja',
      hemma_bevittnat_12m: 'ja',
      partner_vald: 'vill_inte_svara',
      begr_fritid: 'ja',
      begr_12m: 'nej',
      berattat: 'ja',
      berattat_for: ['kompis', 'elevhalsan'],
      fick_hjalp: 'delvis',
    };
    expect(evaluateIndicators(template, answers)).toEqual(
      expected({
        hrv_begransning_livstid: 1,
        hrv_begransning_12m: 0,
        hrv_rykte: 0,
        digital_kontroll_12m: 0,
        hot_vald_12m: 0,
        partnervald_livstid: null,
        tvangsaktenskap_livstid: 0,
        oro_tvangsaktenskap: 0,
        barn_bevittnat_12m: 1,
        barn_utsatt_12m: 0,
        radd_hemma: 0,
        berattat_bland_utsatta: 1,
        professionell_hjalp_bland_utsatta: 1,
      }),
    );
    // Told only a friend: told someone, but no professional.
    const friend = evaluateIndicators(template, { ...answers, berattat_for: ['kompis'] });
    expect([friend.berattat_bland_utsatta, friend.professionell_hjalp_bland_utsatta]).toEqual([1, 0]);
    // Told nobody: the "who" question is hidden by its answered gate, so both are 0.
    const nobody = evaluateIndicators(template, { ...answers, berattat: 'nej', berattat_for: undefined, fick_hjalp: undefined });
    expect([nobody.berattat_bland_utsatta, nobody.professionell_hjalp_bland_utsatta]).toEqual([0, 0]);
  });

  it('counts forced marriage or being taken abroad, and HRV restrictions in the last 12 months', () => {
    const answers = { ...allNo(), press_gifta: 'ja', aktenskap_12m: 'ja', begr_partner: 'ja', begr_12m: 'ja' };
    const values = evaluateIndicators(template, answers);
    expect([values.tvangsaktenskap_livstid, values.hrv_begransning_livstid, values.hrv_begransning_12m]).toEqual([1, 1, 1]);
  });
});
