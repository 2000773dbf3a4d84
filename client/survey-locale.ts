import { surveyLocalization, setupLocale } from 'survey-core';
// Registers survey-core's shipped Swedish locale (side effect); reviewed strings are laid over it.
import 'survey-core/i18n/swedish';
import reviewedEnglish from '../surveys/locales/en.json';
import reviewedSwedish from '../surveys/locales/sv.json';

/**
 * Reviewed survey-core UI strings (buttons, error messages, progress text)
 * that replace machine-translated ones in survey-core's own locales. Keys are
 * survey-core localization keys (see `surveyStrings` in survey-core).
 */
export const REVIEWED_LOCALE_STRINGS: Readonly<Record<'sv' | 'en', Readonly<Record<string, string>>>> = {
  sv: reviewedSwedish,
  en: reviewedEnglish,
};

/** Respondent languages offered by default; a template may carry more (see docs/questionnaires.md). */
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
