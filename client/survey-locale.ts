import { surveyLocalization, setupLocale } from 'survey-core';
// Registers survey-core's shipped Swedish locale (side effect); reviewed strings are laid over it.
import 'survey-core/i18n/swedish';
import englishFile from '../surveys/locales/ui/en.json';
import swedishFile from '../surveys/locales/ui/sv.json';

const reviewedEnglish: Record<string, string> = englishFile.survey;
const reviewedSwedish: Record<string, string> = swedishFile.survey;

/**
 * Reviewed survey-core UI strings (buttons, error messages, progress text)
 * that replace machine-translated ones in survey-core's own locales: the
 * `survey` section of the Swedish and English locale files
 * (surveys/locales/ui/). Keys are survey-core localization keys (see
 * `surveyStrings` in survey-core). Other languages' strings are registered at
 * run time from their locale files (client/respondent/survey-runtime.tsx).
 */
export const REVIEWED_LOCALE_STRINGS: Readonly<Record<'sv' | 'en', Readonly<Record<string, string>>>> = {
  sv: reviewedSwedish,
  en: reviewedEnglish,
};

/** The languages whose survey-core strings are bundled (the workspace's preview); others come from their locale files. */
export const SURVEY_LOCALES = ['sv', 'en'] as const;

/**
 * Registers the reviewed Swedish and English strings with survey-core and
 * makes Swedish the default locale, so that the `default` key of a template's
 * localizable strings means Swedish and `"en"` means English.
 *
 * Call once before creating any `Model`. Safe to call again.
 */
export function applyReviewedLocales(): void {
  const shipped = surveyLocalization.locales['sv'] as Record<string, string> | undefined;
  setupLocale({
    localeCode: 'sv',
    strings: { ...shipped, ...reviewedSwedish },
    nativeName: 'svenska',
    englishName: 'Swedish',
  });
  const english = surveyLocalization.locales['en'] as Record<string, string>;
  Object.assign(english, reviewedEnglish);
  surveyLocalization.defaultLocale = 'sv';
}
