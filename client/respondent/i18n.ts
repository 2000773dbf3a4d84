/**
 * The respondent app's languages, as data: each language is a locale file
 * (surveys/locales/ui/<code>.json) that the server serves at run time, so
 * adding a language needs no code change and no rebuild. Swedish, the
 * default and the fallback, is also bundled, so the first page (and the
 * quick exit) never waits for a request.
 *
 * The questionnaire's own text lives in the template (SurveyJS localisable
 * strings); this module holds the app around it: pages, messages, the
 * support box and survey-core's buttons and messages.
 */
import svFile from '../../surveys/locales/ui/sv.json';
import type { UiLocale as UiLocaleFile } from '../../contracts/locales';
import { formatUiString, UI_PLURAL_KEYS, UI_STRING_KEYS, type UiStringKey, type UiSupportStrings } from '../../domain/ui-strings';

/** A language code such as `sv`, `en` or `ar`. */
export type Locale = string;

export const defaultLocale: Locale = 'sv';

type PluralKey = keyof typeof UI_PLURAL_KEYS;

/** The app's strings in one language: text, and those that take a number. */
export type UiStrings = { readonly [K in Exclude<UiStringKey, PluralKey>]: string } & {
  readonly wordTooShort: (min: number) => string;
  readonly wrongWord: (attemptsLeft: number) => string;
  /** The anonymity guarantee and its remaining window, word for word as in docs/privacy.md, with the configured batch size. */
  readonly consentGuarantee: (batchSize: number) => string;
  readonly consentClass: (batchSize: number) => string;
};

/** A loaded language: its strings, support box, survey-core strings and writing direction. */
export interface LoadedLocale {
  readonly code: Locale;
  readonly name: string;
  readonly dir: 'ltr' | 'rtl';
  readonly t: UiStrings;
  readonly support: UiSupportStrings;
  /** survey-core localisation keys, registered with survey-core when the questionnaire is shown. */
  readonly survey: Readonly<Record<string, string>>;
}

/** A language the respondent can pick. */
export interface LanguageOption {
  readonly code: Locale;
  readonly name: string;
  readonly dir: 'ltr' | 'rtl';
}

function build(file: UiLocaleFile, fallback?: LoadedLocale): LoadedLocale {
  const code = file.meta.code;
  const t: Record<string, unknown> = {};
  for (const key of UI_STRING_KEYS) {
    const value = file.strings[key];
    if (key in UI_PLURAL_KEYS) {
      const param = UI_PLURAL_KEYS[key as PluralKey];
      t[key] = value === undefined && fallback ? fallback.t[key as PluralKey] : (n: number) => formatUiString(value, { [param]: n }, code, param);
    } else {
      t[key] = typeof value === 'string' ? value : value !== undefined ? formatUiString(value) : (fallback?.t[key as Exclude<UiStringKey, PluralKey>] ?? key);
    }
  }
  return { code, name: file.meta.name, dir: file.meta.dir, t: t as UiStrings, support: file.support, survey: file.survey };
}

const swedish = build(svFile as unknown as UiLocaleFile);
const loaded = new Map<Locale, LoadedLocale>([[defaultLocale, swedish]]);
const loading = new Map<Locale, Promise<LoadedLocale>>();

/** A loaded language, or Swedish while it is not (yet) loaded. */
export function localeOf(code: Locale): LoadedLocale {
  return loaded.get(code) ?? swedish;
}

/** Whether a language's file has arrived. */
export function isLoaded(code: Locale): boolean {
  return loaded.has(code);
}

/**
 * Fetches a language's locale file once (same origin, no cookies). Resolves
 * to Swedish if it cannot be fetched, so the page never breaks on a language.
 */
export function ensureLocale(code: Locale): Promise<LoadedLocale> {
  const done = loaded.get(code);
  if (done) return Promise.resolve(done);
  let pending = loading.get(code);
  if (!pending) {
    pending = fetch(`/api/locales/ui/${encodeURIComponent(code)}`, { credentials: 'omit', referrerPolicy: 'no-referrer', headers: { accept: 'application/json' } })
      .then(async (response) => {
        if (!response.ok) throw new Error(`locale ${code}: HTTP ${response.status}`);
        const locale = build((await response.json()) as UiLocaleFile, swedish);
        loaded.set(code, locale);
        return locale;
      })
      .catch(() => {
        loading.delete(code);
        return swedish;
      });
    loading.set(code, pending);
  }
  return pending;
}

/** Swedish alone: what the app offers before it knows better. */
export const swedishOnly: readonly LanguageOption[] = [{ code: defaultLocale, name: swedish.name, dir: swedish.dir }];

/**
 * The languages of the code-entry page (before any campaign is known):
 * those whose UI file is complete and was reviewed before it was shipped.
 */
export async function shippedLanguages(): Promise<LanguageOption[]> {
  try {
    const response = await fetch('/api/locales/ui', { credentials: 'omit', referrerPolicy: 'no-referrer', headers: { accept: 'application/json' } });
    if (!response.ok) return [...swedishOnly];
    const list = (await response.json()) as { code: string; name: string; dir: 'ltr' | 'rtl'; reviewed: boolean; problems: unknown[] }[];
    const usable = list.filter((l) => l.reviewed && l.problems.length === 0).map(({ code, name, dir }) => ({ code, name, dir }));
    return [...swedishOnly, ...usable.filter((l) => l.code !== defaultLocale)];
  } catch {
    return [...swedishOnly];
  }
}
