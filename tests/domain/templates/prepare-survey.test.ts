import { describe, expect, it } from 'vitest';
import { Model } from 'survey-core';
import { withoutIntroPage, prepareSurveyJson, SurveyPreparationError } from '../../../domain/templates/prepare-survey';
import { readTemplate } from './helpers';

const population = readTemplate('befolkningsenkat');

function question(survey: Record<string, unknown>, name: string): Record<string, any> {
  const model = new Model(survey);
  const q = model.getQuestionByName(name);
  if (!q) throw new Error(`no question ${name}`);
  return q.toJSON() as Record<string, any>;
}

describe('prepareSurveyJson', () => {
  it('replaces the placeholder områden and keeps "vet inte" and "vill inte svara" last', () => {
    const survey = prepareSurveyJson(population, {
      areas: [
        { code: 'norr', name: 'Norr' },
        { code: 'soder', name: { default: 'Söder', en: 'South' } },
      ],
    });
    const values = question(survey, 'omrade').choices.map((c: any) => c.value ?? c);
    expect(values).toEqual(['norr', 'soder', 'vet_inte', 'vill_inte_svara']);
    expect(new Model(survey).jsonErrors ?? []).toEqual([]);
    // the template itself is unchanged
    expect(JSON.stringify(population.survey)).toContain('omrade_1');
  });

  it('keeps the placeholders when no områden are given', () => {
    const values = question(prepareSurveyJson(population), 'omrade').choices.map((c: any) => c.value);
    expect(values).toContain('omrade_1');
  });

  it('rejects repeated or clashing område codes', () => {
    expect(() => prepareSurveyJson(population, { areas: [{ code: 'a', name: 'A' }, { code: 'a', name: 'A2' }] })).toThrow(SurveyPreparationError);
    expect(() => prepareSurveyJson(population, { areas: [{ code: 'vet_inte', name: 'X' }] })).toThrow(SurveyPreparationError);
    expect(() => prepareSurveyJson(population, { areas: [{ code: ' ', name: 'X' }] })).toThrow(SurveyPreparationError);
  });

  it('removes the pages of a switched-off module and keeps them by default', () => {
    const pageNames = (survey: Record<string, unknown>) => (survey.pages as { name: string }[]).map((p) => p.name);
    expect(pageNames(prepareSurveyJson(population))).toContain('egen_vald');
    expect(pageNames(prepareSurveyJson(population, { modules: { egen_vald: false } }))).not.toContain('egen_vald');
    expect(() => prepareSurveyJson(population, { modules: { finns_inte: true } })).toThrow(SurveyPreparationError);
  });

  it('sets the age question range from meta.population, one year wider at each end', () => {
    const custom = structuredClone(population);
    custom.meta.population = { minAge: 16, maxAge: 74 };
    const alder = question(prepareSurveyJson(custom), 'alder');
    // The frame counts age at the end of the year: a person sampled as 16 may still be 15, and one as 74 be 75 next year.
    expect([alder.min, alder.max]).toEqual([15, 75]);
  });

  it('leaves the intro page out of the web survey only', () => {
    const pages = (survey: Record<string, unknown>) => (survey.pages as { name: string }[]).map((p) => p.name);
    expect(population.meta.introPage).toBe('inledning');
    expect(pages(prepareSurveyJson(population))).toContain('inledning');
    const web = withoutIntroPage({ ...population, survey: prepareSurveyJson(population) });
    expect(pages(web)).not.toContain('inledning');
    expect(pages(web)).toHaveLength(pages(prepareSurveyJson(population)).length - 1);
    const { introPage: _none, ...meta } = population.meta;
    expect(pages(withoutIntroPage({ ...population, meta }))).toContain('inledning');
  });
});
