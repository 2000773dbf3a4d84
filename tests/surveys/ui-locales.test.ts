/**
 * The respondent UI's locale files (surveys/locales/ui/<lang>.json): every
 * one complete against Swedish, Arabic written right to left and shipped
 * unreviewed, the plural forms, and the loader that picks up a new file
 * without a restart.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { uiLocaleFile } from '../../contracts/locales';
import { formatUiString, RESPONDENT_SURVEY_KEYS, UI_STRING_KEYS, uiLocaleHash, uiLocaleProblems, type UiLocale } from '../../domain/ui-strings';
import { loadUiLocales } from '../../server/templates/load-ui-locales';

const dir = new URL('../../surveys/locales/ui/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const read = (file: string): UiLocale => uiLocaleFile.parse(JSON.parse(readFileSync(new URL(file, dir), 'utf8'))) as UiLocale;
const sv = read('sv.json');

describe.each(files)('surveys/locales/ui/%s', (file) => {
  const locale = read(file);

  it('names its own code and is complete against Swedish, placeholders kept', () => {
    expect(`${locale.meta.code}.json`).toBe(file);
    expect(uiLocaleProblems(locale, sv)).toEqual([]);
  });

  it('has the support box and the fixed privacy wording', () => {
    expect(locale.support.lines.bris.name).toContain('BRIS');
    expect(locale.support.lines.kvinnofridslinjen.name).toContain('Kvinnofridslinjen');
    expect(locale.support.emergency).toContain('112');
    expect(locale.strings.consentGuarantee).toContain('{batchSize}');
  });
});

describe('the locale files together', () => {
  it('Swedish lists exactly the app’s keys, in order, and every respondent survey-core key', () => {
    expect(Object.keys(sv.strings)).toEqual([...UI_STRING_KEYS]);
    expect(RESPONDENT_SURVEY_KEYS.filter((key) => !(key in sv.survey))).toEqual([]);
  });

  it('ships Swedish, English and Arabic; Arabic right to left and not reviewed', () => {
    expect(files.sort()).toEqual(['ar.json', 'en.json', 'sv.json']);
    const ar = read('ar.json');
    expect(ar.meta).toMatchObject({ dir: 'rtl', source: 'translation', reviewed: false, name: 'العربية' });
    expect(read('en.json').meta).toMatchObject({ dir: 'ltr', source: 'authored', reviewed: true });
    expect(ar.survey.progressText).toBe('الصفحة {0} من {1}');
  });
});

describe('formatUiString', () => {
  const ar = read('ar.json');
  it('fills placeholders and picks the plural form for the language', () => {
    expect(formatUiString(sv.strings.wordTooShort, { min: 6 }, 'sv', 'min')).toBe('Ordet behöver ha minst 6 tecken.');
    expect([0, 1, 3].map((left) => formatUiString(sv.strings.wrongWord, { left }, 'sv', 'left'))).toEqual([
      'Ordet stämmer inte.',
      'Ordet stämmer inte. Du kan försöka 1 gång till.',
      'Ordet stämmer inte. Du kan försöka 3 gånger till.',
    ]);
    // Arabic has the categories one, two, few (3–10) and many; an exact =0 wins.
    expect([0, 1, 2, 4].map((left) => formatUiString(ar.strings.wrongWord, { left }, 'ar', 'left'))).toEqual([
      'الكلمة غير صحيحة.',
      'الكلمة غير صحيحة. يمكنك المحاولة مرة واحدة أخرى.',
      'الكلمة غير صحيحة. يمكنك المحاولة مرتين أخريين.',
      'الكلمة غير صحيحة. يمكنك المحاولة 4 مرات أخرى.',
    ]);
    expect(formatUiString('Hej {namn}, {okänd}', { namn: 'Ada' })).toBe('Hej Ada, {okänd}');
  });
});

describe('uiLocaleProblems and the loader', () => {
  const temp = mkdtempSync(join(tmpdir(), 'ui-locales-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('names a missing string, a changed placeholder and a missing survey-core key', () => {
    const broken = structuredClone(read('en.json')) as unknown as { strings: Record<string, unknown>; survey: Record<string, string> };
    delete broken.strings.quickExit;
    broken.strings.wordTooShort = 'At least {minimum} characters.';
    delete broken.survey.pageNextText;
    broken.survey.progressText = 'Page {0}';
    expect(uiLocaleProblems(broken as unknown as UiLocale, sv)).toEqual([
      'strings.quickExit saknas',
      'strings.wordTooShort: {min} saknas i översättningen',
      'strings.wordTooShort: {minimum} finns inte i den svenska texten',
      'survey.pageNextText saknas',
      'survey.progressText: platshållarna skiljer sig från den svenska texten',
    ]);
  });

  it('reads a language added to the folder without a restart, and reports a broken file', () => {
    copyFileSync(new URL('sv.json', dir), join(temp, 'sv.json'));
    expect([...loadUiLocales(temp).keys()]).toEqual(['sv']);
    const somali = { ...JSON.parse(readFileSync(new URL('en.json', dir), 'utf8')), meta: { code: 'so', name: 'Soomaali', englishName: 'Somali', dir: 'ltr', source: 'translation', reviewed: false } };
    writeFileSync(join(temp, 'so.json'), JSON.stringify(somali));
    writeFileSync(join(temp, 'ti.json'), '{ "meta": ');
    const loaded = loadUiLocales(temp);
    expect([...loaded.keys()].sort()).toEqual(['so', 'sv', 'ti']);
    expect(loaded.get('so')?.problems).toEqual([]);
    expect(loaded.get('ti')?.problems[0]).toMatch(/^filen kunde inte läsas som JSON/);
  });

  it('hashes a locale’s texts, not its meta: a changed text needs a new review', () => {
    const en = read('en.json');
    expect(uiLocaleHash({ ...en, meta: { ...en.meta, reviewed: false } } as UiLocale)).toBe(uiLocaleHash(en));
    expect(uiLocaleHash({ ...en, strings: { ...en.strings, quickExit: 'Leave' } })).not.toBe(uiLocaleHash(en));
  });
});
