import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uiLocaleFile } from '../../contracts/locales';
import { uiLocaleProblems, type UiLocale } from '../../domain/ui-strings';

const localesDir = fileURLToPath(new URL('../../surveys/locales/ui/', import.meta.url));

/** One UI locale file as read: the locale (unless it does not parse) and what it lacks compared with Swedish. */
export interface LoadedUiLocale {
  readonly code: string;
  readonly locale: UiLocale | undefined;
  /** Swedish messages: schema errors, missing keys, changed placeholders. Empty when the language can be offered. */
  readonly problems: readonly string[];
}

let cached: { key: string; locales: Map<string, LoadedUiLocale> } | undefined;

/**
 * The respondent UI's languages: every `surveys/locales/ui/<code>.json`,
 * checked against the schema and against Swedish (`uiLocaleProblems`). Read
 * again when a file is added, removed or changed (by name, size and mtime),
 * so a new language needs neither a rebuild nor a restart.
 *
 * @throws Error when sv.json, the reference every other file is checked against, is missing or invalid.
 */
export function loadUiLocales(dir = localesDir): ReadonlyMap<string, LoadedUiLocale> {
  const names = readdirSync(dir).filter((name) => /^[a-z]{2,3}\.json$/.test(name)).sort();
  const key = `${dir}|${names.map((name) => {
    const stat = statSync(join(dir, name));
    return `${name}:${stat.size}:${stat.mtimeMs}`;
  }).join('|')}`;
  if (cached?.key === key) return cached.locales;
  const parsed = new Map<string, { locale?: UiLocale; problems: string[] }>();
  for (const name of names) {
    const code = name.slice(0, -'.json'.length);
    try {
      const result = uiLocaleFile.safeParse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      if (!result.success) {
        parsed.set(code, { problems: result.error.issues.map((issue) => `${issue.path.join('.') || 'filen'}: ${issue.message}`) });
      } else if (result.data.meta.code !== code) {
        parsed.set(code, { problems: [`meta.code är "${result.data.meta.code}" men filen heter ${name}`] });
      } else {
        parsed.set(code, { locale: result.data as UiLocale, problems: [] });
      }
    } catch (error) {
      parsed.set(code, { problems: [`filen kunde inte läsas som JSON (${error instanceof Error ? error.message : String(error)})`] });
    }
  }
  const reference = parsed.get('sv')?.locale;
  if (!reference) throw new Error(`surveys/locales/ui/sv.json is missing or invalid: ${parsed.get('sv')?.problems.join('; ') ?? 'no such file'}`);
  const locales = new Map<string, LoadedUiLocale>();
  for (const [code, entry] of parsed) {
    const problems = entry.locale ? [...entry.problems, ...uiLocaleProblems(entry.locale, reference)] : entry.problems;
    locales.set(code, { code, locale: entry.locale, problems });
  }
  cached = { key, locales };
  return locales;
}
