import { describe, expect, it } from 'vitest';
import { templateLanguages, templateStrings, translationHash, translationStatus, withTranslations } from '../../../domain/templates/template-strings';
import { readTemplate } from './helpers';

const tiny = {
  survey: {
    title: { default: 'Enkät', en: 'Survey' },
    completeText: 'Skicka',
    pages: [
      {
        name: 'p1',
        title: { default: 'Om dig', en: 'About you' },
        elements: [
          { type: 'radiogroup', name: 'kon', title: { default: 'Kön?', en: 'Gender?' }, choices: [{ value: 'kvinna', text: { default: 'Kvinna', en: 'Woman' } }, 'annat'] },
          { type: 'panel', name: 'grupp', title: 'Grupp', elements: [{ type: 'text', name: 'alder', title: { default: 'Ålder?' }, validators: [{ type: 'numeric', text: 'Ett tal' }] }] },
        ],
      },
    ],
  },
  meta: { publicTitle: { default: 'Enkät', en: 'Survey' } },
} as unknown as Parameters<typeof templateStrings>[0];

describe('templateStrings', () => {
  it('gives every respondent-visible string a stable id from page, question and choice names', () => {
    expect(templateStrings(tiny).map((s) => s.id)).toEqual([
      'survey.title',
      'survey.completeText',
      'page:p1.title',
      'q:kon.title',
      'q:kon.choices[kvinna].text',
      'q:kon.choices[annat].text',
      'panel:grupp.title',
      'q:alder.title',
      'q:alder.validators[0].text',
      'meta.publicTitle',
    ]);
    expect(templateStrings(tiny)[3]).toEqual({ id: 'q:kon.title', path: ['survey', 'pages', 0, 'elements', 0, 'title'], sv: 'Kön?', translations: { en: 'Gender?' } });
  });

  it('gives unique ids in every shipped template, and covers the English of the built-in ones', () => {
    for (const id of ['befolkningsenkat', 'ungdomsenkat', 'demo', 'screening']) {
      const template = readTemplate(id);
      const ids = templateStrings(template).map((s) => s.id);
      expect(ids.filter((x) => x.includes('#')), id).toEqual([]);
      expect(translationStatus(template, 'en').missing, id).toEqual([]);
    }
    expect(templateLanguages(readTemplate('demo'))).toEqual(['ar', 'en']);
    expect(translationStatus(readTemplate('demo'), 'ar')).toMatchObject({ total: 16, translated: 16 });
  });

  it('counts what is untranslated per language; Swedish is always complete', () => {
    const en = translationStatus(tiny, 'en');
    expect([en.total, en.translated]).toEqual([10, 5]);
    expect(en.missing.map((s) => s.id)).toEqual(['survey.completeText', 'q:kon.choices[annat].text', 'panel:grupp.title', 'q:alder.title', 'q:alder.validators[0].text']);
    expect(translationStatus(tiny, 'sv').missing).toEqual([]);
    expect(translationStatus(tiny, 'ar').translated).toBe(0);
  });

  it('writes translations into a copy, turning plain strings and choices into localised ones', () => {
    const texts = new Map([
      ['survey.completeText', 'إرسال'],
      ['q:kon.choices[annat].text', 'غير ذلك'],
      ['q:kon.title', 'الجنس؟'],
      ['q:alder.title', ''],
    ]);
    const translated = withTranslations(tiny, 'ar', texts);
    const survey = translated.survey as Record<string, any>;
    expect(survey.completeText).toEqual({ default: 'Skicka', ar: 'إرسال' });
    expect(survey.pages[0].elements[0].choices[1]).toEqual({ value: 'annat', text: { default: 'annat', ar: 'غير ذلك' } });
    expect(survey.pages[0].elements[0].title).toEqual({ default: 'Kön?', en: 'Gender?', ar: 'الجنس؟' });
    expect((tiny.survey as Record<string, any>).completeText).toBe('Skicka');
    // The ids survive: reading the translated template gives the same ids and the new texts.
    expect(templateStrings(translated).map((s) => s.id)).toEqual(templateStrings(tiny).map((s) => s.id));
    expect(translationStatus(translated, 'ar').translated).toBe(3);
    // An empty text removes the language.
    const removed = withTranslations(translated, 'ar', new Map([['q:kon.title', '']])).survey as Record<string, any>;
    expect(removed.pages[0].elements[0].title).toEqual({ default: 'Kön?', en: 'Gender?' });
  });

  it('hashes exactly the strings of one language and their Swedish', () => {
    const strings = templateStrings(tiny);
    const before = translationHash(strings, 'en');
    expect(translationHash(templateStrings(tiny), 'en')).toBe(before);
    expect(translationHash(templateStrings(withTranslations(tiny, 'en', new Map([['q:kon.title', 'Your gender?']]))), 'en')).not.toBe(before);
    // Another language's text does not change the English hash.
    expect(translationHash(templateStrings(withTranslations(tiny, 'ar', new Map([['q:kon.title', 'الجنس؟']]))), 'en')).toBe(before);
  });
});
