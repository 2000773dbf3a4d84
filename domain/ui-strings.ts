/**
 * The respondent app's own strings (everything around the questionnaire),
 * as a language's locale file holds them (surveys/locales/ui/<lang>.json,
 * docs/questionnaires.md "Languages"). Pure and browser-safe: the server
 * checks files with it, the respondent app formats with it.
 *
 * A string is plain text with `{name}` placeholders, or, where a number
 * decides the wording, a set of plural forms chosen with Intl.PluralRules:
 * `{ "=0": "…", "one": "… {left} …", "other": "…" }` (an exact `=n` form wins
 * over the category; `other` is the fallback).
 */
import { sha256, toHex } from './sampling/sha256';
import type { SupportLineId } from './support-lines';

/** Every key a locale file's `strings` must have, in the order of sv.json. */
export const UI_STRING_KEYS = [
  'languageName', 'languageSwitchLabel', 'quickExit', 'quickExitHint', 'loading',
  'codeEntryHeading', 'codeEntryIntro', 'codeLabel', 'codeHelp', 'codeContinue', 'codeMissing', 'codeMalformed', 'codeUnknown', 'codeUsed',
  'surveyClosed', 'tooManyRequests', 'codeUsedHeading', 'openLinkError', 'classFullHeading', 'classFull', 'notFoundHeading', 'notFoundText', 'toStart',
  'consentHeading', 'consentPurpose', 'consentAnonymity', 'consentGuarantee', 'consentVoluntary', 'consentSkip', 'consentResume', 'consentPrivacyTip',
  'consentClass', 'consentClassTip', 'consentStart',
  'saveLaterHeading', 'saveLaterIntro', 'saveLaterOpen', 'wordLabel', 'wordHint', 'wordMissing', 'wordTooShort', 'wordSave', 'wordCancel', 'wordSaving',
  'sealedSaved', 'saveFailed', 'draftSaving', 'draftSaved', 'draftFailed',
  'resumeHeading', 'resumeIntro', 'resumeWordLabel', 'resumeButton', 'resumeOpening', 'wrongWord', 'draftLocked', 'forgotWord', 'resumeFailed',
  'discardHeading', 'discardText', 'discardConfirm', 'discardCancel', 'discardFailed',
  'submitting', 'submitRetrying', 'submitFailed', 'submitRetryButton', 'submitFailedHeading', 'networkError',
  'thanksHeading', 'thanksText', 'thanksCloseTip',
] as const;
export type UiStringKey = (typeof UI_STRING_KEYS)[number];

/** Strings that take a number, with the placeholder it fills (and that picks the plural form, when a string has forms). */
export const UI_PLURAL_KEYS = { wordTooShort: 'min', wrongWord: 'left', consentGuarantee: 'batchSize', consentClass: 'batchSize' } as const satisfies Partial<Record<UiStringKey, string>>;

/** Plural forms: `=0`, `=1` … for exact numbers, or an Intl.PluralRules category; `other` is required. */
export type PluralForms = Readonly<Record<string, string>> & { readonly other: string };
export type UiStringValue = string | PluralForms;

/** The support box: heading, 112, the kommun's contact and each national line's name and note. */
export interface UiSupportStrings {
  readonly heading: string;
  readonly emergency: string;
  readonly kommun: string;
  readonly lines: Readonly<Record<SupportLineId, { readonly name: string; readonly note: string }>>;
}

/** A locale file's description of its language. */
export interface UiLocaleMeta {
  /** ISO 639 code, also the file name: `ar` for surveys/locales/ui/ar.json. */
  readonly code: string;
  /** The language's name in the language itself, for the language switch. */
  readonly name: string;
  readonly englishName: string;
  readonly dir: 'ltr' | 'rtl';
  /** `authored`: written with the product (Swedish, English); `translation`: translated from Swedish. */
  readonly source: 'authored' | 'translation';
  /** Reviewed by a qualified translator before it was shipped; otherwise an analyst marks it reviewed for the kommun. */
  readonly reviewed: boolean;
  /** Who translated, shown in the workspace. */
  readonly translator?: string;
}

/** One language's respondent strings: the app's, the support box's and survey-core's (buttons, messages, "Sida 3 av 13"). */
export interface UiLocale {
  readonly meta: UiLocaleMeta;
  readonly strings: Readonly<Record<UiStringKey, UiStringValue>>;
  readonly support: UiSupportStrings;
  /** survey-core localisation keys (its `surveyStrings`) with their text. */
  readonly survey: Readonly<Record<string, string>>;
}

/** survey-core strings a respondent can meet in our templates: every locale file must translate these. */
export const RESPONDENT_SURVEY_KEYS = [
  'pagePrevText', 'pageNextText', 'completeText', 'previewText', 'editText', 'startSurveyText', 'commentText',
  'otherItemText', 'noneItemText', 'refuseItemText', 'dontKnowItemText', 'selectAllItemText', 'deselectAllItemText',
  'progressText', 'indexText', 'questionsProgressText', 'emptySurvey', 'completingSurvey', 'completingSurveyBefore',
  'loadingSurvey', 'placeholder', 'ratingOptionsCaption', 'buttongroupOptionsCaption', 'requiredError',
  'requiredErrorInPanel', 'numericError', 'minError', 'maxError', 'stepError', 'invalidInputError', 'textMinLength',
  'textMaxLength', 'textMinMaxLength', 'minSelectError', 'maxSelectError', 'otherRequiredError', 'savingData',
  'savingDataError', 'savingDataSuccess', 'saveAgainButton', 'clearCaption', 'selectCaption', 'booleanCheckedLabel',
  'booleanUncheckedLabel', 'modalCancelButtonText', 'modalApplyButtonText', 'filterStringPlaceholder', 'emptyMessage',
  'loadingPage', 'loadingData', 'tagboxDoneButtonCaption', 'ok', 'cancel', 'progressbar', 'progressbarPage',
] as const;

/** `{name}` placeholders of a text, sorted: a translation must keep the same ones. */
export function placeholdersOf(text: string): string[] {
  return (text.match(/\{[^{}]+\}/g) ?? []).sort();
}

/**
 * Fills a string's placeholders; for plural forms, picks the form for
 * `params[pluralOf]` in `locale` first (exact `=n`, then the Intl category,
 * then `other`).
 *
 * @example
 * formatUiString({ '=0': 'Fel.', one: 'Fel. {left} försök kvar.', other: 'Fel. {left} försök kvar.' }, { left: 2 }, 'sv', 'left')
 * // → 'Fel. 2 försök kvar.'
 */
export function formatUiString(value: UiStringValue, params: Readonly<Record<string, string | number>> = {}, locale = 'sv', pluralOf?: string): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else {
    const n = pluralOf === undefined ? undefined : Number(params[pluralOf]);
    const exact = n === undefined ? undefined : value[`=${n}`];
    const category = n === undefined ? 'other' : new Intl.PluralRules(locale).select(n);
    text = exact ?? value[category] ?? value.other;
  }
  return text.replace(/\{([^{}]+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * What is missing or wrong in a locale file compared with the Swedish one:
 * absent or empty keys of `strings`, `support` and the respondent survey-core
 * keys, and translations whose placeholders differ. Empty when complete.
 */
export function uiLocaleProblems(locale: UiLocale, reference: UiLocale): string[] {
  const problems: string[] = [];
  const texts = (value: UiStringValue | undefined): string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : Object.values(value));
  for (const key of UI_STRING_KEYS) {
    const value = locale.strings?.[key];
    if (value === undefined || texts(value).some((t) => typeof t !== 'string' || t.trim() === '')) {
      problems.push(`strings.${key} saknas`);
      continue;
    }
    if (typeof value !== 'string' && typeof value.other !== 'string') problems.push(`strings.${key}: formen "other" saknas`);
    // A plain text keeps every placeholder; plural forms need them in `other` (a form such as "=0" may leave the number out).
    const main = (v: UiStringValue | undefined) => (v === undefined ? '' : typeof v === 'string' ? v : v.other);
    const want = new Set(placeholdersOf(main(reference.strings[key])));
    const have = new Set(placeholdersOf(main(value)));
    for (const name of want) if (!have.has(name)) problems.push(`strings.${key}: ${name} saknas i översättningen`);
    const allowed = new Set(texts(reference.strings[key]).flatMap(placeholdersOf));
    for (const name of new Set(texts(value).flatMap(placeholdersOf))) if (!allowed.has(name)) problems.push(`strings.${key}: ${name} finns inte i den svenska texten`);
  }
  for (const key of ['heading', 'emergency', 'kommun'] as const) if (!locale.support?.[key]?.trim()) problems.push(`support.${key} saknas`);
  for (const line of Object.keys(reference.support.lines) as SupportLineId[]) {
    if (!locale.support?.lines?.[line]?.name?.trim() || !locale.support.lines[line].note?.trim()) problems.push(`support.lines.${line} saknas`);
  }
  for (const key of RESPONDENT_SURVEY_KEYS) {
    const text = locale.survey?.[key];
    if (typeof text !== 'string' || text.trim() === '') problems.push(`survey.${key} saknas`);
    else if (placeholdersOf(text).join() !== placeholdersOf(reference.survey[key] ?? '').join()) problems.push(`survey.${key}: platshållarna skiljer sig från den svenska texten`);
  }
  return problems;
}

/**
 * SHA-256 (hex) of a locale's texts (strings, support, survey-core strings;
 * not its meta): what an analyst's review of the UI strings applies to.
 */
export function uiLocaleHash(locale: Pick<UiLocale, 'strings' | 'support' | 'survey'>): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]))
        : value;
  return toHex(sha256(JSON.stringify(canonical({ strings: locale.strings, support: locale.support, survey: locale.survey }))));
}
