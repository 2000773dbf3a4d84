import { readFileSync } from 'node:fs';
import { Model, surveyLocalization } from 'survey-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyReviewedLocales, REVIEWED_LOCALE_STRINGS } from '../../client/survey-locale';

const sv = REVIEWED_LOCALE_STRINGS.sv;
const en = REVIEWED_LOCALE_STRINGS.en;
const population = JSON.parse(readFileSync(new URL('../../surveys/befolkningsenkat.json', import.meta.url), 'utf8'));

/** survey-core UI strings a respondent can see in our templates; the sv override must cover each. */
const RESPONDENT_VISIBLE_KEYS = [
  'pagePrevText', 'pageNextText', 'completeText', 'previewText', 'editText', 'startSurveyText', 'commentText',
  'otherItemText', 'noneItemText', 'refuseItemText', 'dontKnowItemText', 'selectAllItemText', 'deselectAllItemText',
  'progressText', 'indexText', 'questionsProgressText', 'emptySurvey', 'completingSurvey', 'completingSurveyBefore',
  'loadingSurvey', 'placeholder', 'ratingOptionsCaption', 'buttongroupOptionsCaption', 'requiredError',
  'requiredErrorInPanel', 'numericError', 'minError', 'maxError', 'stepError', 'invalidInputError', 'textMinLength',
  'textMaxLength', 'textMinMaxLength', 'minSelectError', 'maxSelectError', 'otherRequiredError', 'savingData',
  'savingDataError', 'savingDataSuccess', 'saveAgainButton', 'clearCaption', 'selectCaption', 'booleanCheckedLabel',
  'booleanUncheckedLabel', 'modalCancelButtonText', 'modalApplyButtonText', 'filterStringPlaceholder', 'emptyMessage',
  'loadingPage', 'loadingData', 'tagboxDoneButtonCaption', 'ok', 'cancel', 'progressbar', 'progressbarPage',
];

const placeholders = (text: string): string[] => (text.match(/\{[^}]+\}/g) ?? []).sort();

describe('reviewed survey-core locales', () => {
  let shippedSv: Record<string, string>;
  let english: Record<string, string>;

  beforeAll(() => {
    // client/survey-locale imports survey-core's shipped Swedish locale; keep a copy before overriding it.
    shippedSv = { ...(surveyLocalization.locales['sv'] as Record<string, string>) };
    english = { ...(surveyLocalization.locales['en'] as Record<string, string>) };
    applyReviewedLocales();
  });

  it('covers every respondent-visible key', () => {
    expect(RESPONDENT_VISIBLE_KEYS.filter((key) => !(key in sv))).toEqual([]);
  });

  it('uses only keys that exist in survey-core and keeps their {placeholders}', () => {
    for (const [key, text] of Object.entries({ ...sv, ...en })) {
      expect(english[key], `unknown survey-core key ${key}`).toBeTypeOf('string');
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(english[key]));
    }
  });

  it('fixes the known machine-translation errors in the shipped Swedish locale', () => {
    const known: Record<string, [string, string]> = {
      clearCaption: ['Klar', 'Rensa'],
      loadingPage: ['Lastning...', 'Laddar …'],
      loadingData: ['Lastning...', 'Laddar …'],
      refuseItemText: ['Vägra svara', 'Vill inte svara'],
      selectCaption: ['Utvald', 'Välj'],
      ok: ['OKEJ', 'OK'],
      cancel: ['Annullera', 'Avbryt'],
      completingSurvey: ['Tack för att du genomfört enkäten!!', 'Tack för dina svar!'],
    };
    for (const [key, [bad, good]] of Object.entries(known)) {
      expect(shippedSv[key], `shipped ${key}`).toBe(bad);
      expect(surveyLocalization.getString(key, 'sv'), key).toBe(good);
    }
    const reviewed = Object.values(sv).join('\n');
    expect(reviewed).not.toMatch(/OKEJ|Utvald|Annullera|Lastning|Vägra|varianter|!!/);
  });

  it('gives Swedish navigation and completion texts by default', () => {
    const plain = new Model({ pages: [{ name: 'p', elements: [{ type: 'text', name: 'a' }] }] });
    expect([plain.pagePrevText, plain.pageNextText, plain.completeText]).toEqual(['Föregående', 'Nästa', 'Skicka']);
    expect(plain.processedCompletedHtml).toContain('Tack för dina svar!');
    const survey = new Model(population.survey);
    expect([survey.pagePrevText, survey.pageNextText, survey.completeText]).toEqual(['Föregående', 'Nästa', 'Skicka svaren']);
    expect(survey.processedCompletedHtml).toContain('Tack för dina svar!');
    expect(survey.processedCompletedHtml).toContain('020-50 50 50');
  });

  it('makes "default" mean Swedish so that switching to English renders the en strings', () => {
    const survey = new Model(population.survey);
    expect(survey.getQuestionByName('kon').title).toBe('Vilket kön har du?');
    survey.locale = 'en';
    expect(survey.getQuestionByName('kon').title).toBe('What is your gender?');
    expect([survey.pageNextText, survey.completeText]).toEqual(['Next', 'Submit answers']);
    expect(surveyLocalization.getString('refuseItemText', 'en')).toBe('Prefer not to answer');
  });
});
