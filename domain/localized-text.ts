/**
 * A text in one or more languages, as templates, områden and indicator labels
 * carry it: a plain string, or SurveyJS's locale map `{ default: "…", en: "…" }`
 * where `default` is the template's own language (Swedish in every built-in
 * template).
 */
export type LocalizedText = string | Readonly<Record<string, string>>;

/**
 * The text to show in `locale`. The one fallback order of the code base:
 * 1. the locale's own text (`en` for English, `sv` for Swedish);
 * 2. `default` (the template's own language);
 * 3. `sv`;
 * 4. the first text given;
 * 5. '' (callers add their own last resort with `||`, e.g. an id).
 *
 * Anything that is not a string or a locale map (a number, a boolean) is
 * shown as its string; undefined and null as ''.
 *
 * @example
 * textFor({ default: 'Norr', en: 'North' }) // → 'Norr'
 * textFor({ default: 'Norr', en: 'North' }, 'en') // → 'North'
 * textFor({ de: 'Nord' }, 'en') // → 'Nord'
 */
export function textFor(text: unknown, locale = 'sv'): string {
  if (text === undefined || text === null) return '';
  if (typeof text === 'string') return text;
  if (typeof text !== 'object') return String(text);
  const texts = text as Readonly<Record<string, unknown>>;
  for (const key of [locale, 'default', 'sv']) {
    if (typeof texts[key] === 'string') return texts[key] as string;
  }
  const first = Object.values(texts).find((value) => typeof value === 'string');
  return (first as string | undefined) ?? '';
}

