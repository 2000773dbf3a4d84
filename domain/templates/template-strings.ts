/**
 * A questionnaire's translatable strings: every text a respondent sees
 * (SurveyJS localisable strings in `survey`, and `meta.publicTitle`), each
 * with a stable id built from page, question and choice names, so that a
 * translator's spreadsheet survives edits elsewhere in the template.
 *
 * A template's translations live in the template itself, as SurveyJS keeps
 * them: `"title": { "default": "svensk text", "en": "…", "ar": "…" }`
 * (`default` is Swedish). Pure and browser-safe: the template editor, the
 * server and the translator CSV all use it.
 */
import { sha256, toHex } from '../sampling/sha256';
import type { TemplateDefinition } from './template-schema';

/** Property names whose value a respondent may read (SurveyJS localisable properties used in questionnaires). */
export const LOCALIZABLE_KEYS: ReadonlySet<string> = new Set([
  'title', 'description', 'html', 'text', 'placeholder', 'completedHtml', 'completedBeforeHtml', 'loadingHtml',
  'pagePrevText', 'pageNextText', 'completeText', 'startSurveyText', 'commentText', 'otherText', 'noneText',
  'refuseText', 'dontKnowText', 'requiredErrorText', 'minErrorText', 'maxErrorText', 'navigationTitle', 'navigationDescription',
  'labelTrue', 'labelFalse', 'minRateDescription', 'maxRateDescription', 'otherPlaceholder', 'commentPlaceholder',
]);

/** Arrays whose items are choices: a plain string item is itself a text (its value shown as is). */
const ITEM_ARRAYS: ReadonlySet<string> = new Set(['choices', 'rows', 'columns', 'rateValues']);

/** One translatable string. */
export interface TemplateString {
  /** Stable id, e.g. `q:begr_vanner.title`, `q:kon.choices[kvinna].text`, `page:frihet.description`, `survey.completeText`, `meta.publicTitle`. */
  readonly id: string;
  /** Where it is in the template JSON, from the root (`['survey', 'pages', 1, 'elements', 0, 'title']`). */
  readonly path: readonly (string | number)[];
  /** The Swedish text (SurveyJS `default`). */
  readonly sv: string;
  /** The text in every other language it has, by language code. */
  readonly translations: Readonly<Record<string, string>>;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A localisable value: a plain string (Swedish only) or `{ default, <lang>… }` of strings. */
function localized(value: unknown): { sv: string; translations: Record<string, string> } | undefined {
  if (typeof value === 'string') return { sv: value, translations: {} };
  if (!isObject(value) || typeof value.default !== 'string') return undefined;
  const translations: Record<string, string> = {};
  for (const [lang, text] of Object.entries(value)) {
    if (lang === 'default' || typeof text !== 'string') continue;
    if (text.trim() !== '') translations[lang] = text;
  }
  return { sv: value.default, translations };
}

/**
 * Every translatable string of a template, in document order.
 *
 * Ids: the survey's own strings are `survey.<key>`; a page's `page:<name>.<key>`;
 * a panel's `panel:<name>.<key>`; a question's `q:<name>.<key>`; a choice (plain or not),
 * row or column `q:<name>.choices[<value>].text`; other nested objects add
 * their key (and `[index]` in arrays). Two strings with the same id (only in
 * templates with unnamed or repeated elements) get `#2`, `#3` appended.
 *
 * Complexity: O(size of the template).
 */
export function templateStrings(template: Pick<TemplateDefinition, 'survey' | 'meta'>): TemplateString[] {
  const out: TemplateString[] = [];
  const seen = new Map<string, number>();
  const add = (id: string, path: (string | number)[], value: { sv: string; translations: Record<string, string> }) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    out.push({ id: n === 1 ? id : `${id}#${n}`, path, ...value });
  };
  /** `arrayKey`: the key of the array being walked; `inArray`: the key of the array an object is an item of. */
  const walk = (node: unknown, anchor: string, path: (string | number)[], arrayKey?: string, inArray?: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        const itemPath = [...path, i];
        if (arrayKey && ITEM_ARRAYS.has(arrayKey)) {
          if (typeof item === 'string' || typeof item === 'number') {
            add(`${anchor}.${arrayKey}[${item}].text`, itemPath, { sv: String(item), translations: {} });
            return;
          }
          if (isObject(item) && item.value !== undefined) return walk(item, `${anchor}.${arrayKey}[${String(item.value)}]`, itemPath);
        }
        walk(item, `${anchor}.${arrayKey ?? ''}[${i}]`, itemPath, undefined, arrayKey);
      });
      return;
    }
    if (!isObject(node)) return;
    let here = anchor;
    if (typeof node.name === 'string' && (inArray === 'pages' || (inArray === 'elements' && typeof node.type === 'string'))) {
      here = inArray === 'pages' ? `page:${node.name}` : node.type === 'panel' ? `panel:${node.name}` : `q:${node.name}`;
    }
    for (const [key, value] of Object.entries(node)) {
      const childPath = [...path, key];
      if (LOCALIZABLE_KEYS.has(key)) {
        const text = localized(value);
        if (text && text.sv.trim() !== '') {
          add(`${here}.${key}`, childPath, text);
          continue;
        }
      }
      if (Array.isArray(value)) walk(value, here, childPath, key);
      else if (isObject(value)) walk(value, `${here}.${key}`, childPath);
    }
  };
  walk(template.survey, 'survey', ['survey']);
  const title = localized(template.meta.publicTitle);
  if (title && title.sv.trim() !== '') add('meta.publicTitle', ['meta', 'publicTitle'], title);
  return out;
}

/** How far one language of a template is translated. */
export interface TranslationStatus {
  readonly lang: string;
  readonly total: number;
  readonly translated: number;
  /** Strings without a text in the language, in document order. */
  readonly missing: readonly TemplateString[];
  /** SHA-256 (hex) of the language's strings: what a review mark applies to. */
  readonly contentHash: string;
}

/**
 * The hash a translation review records: SHA-256 over every string's id,
 * Swedish text and translation, one line each in id order. Any change to a
 * translated string, or to the Swedish it translates, gives a new hash.
 */
export function translationHash(strings: readonly TemplateString[], lang: string): string {
  const lines = strings
    .map((s) => `${s.id}\u0000${s.sv}\u0000${s.translations[lang] ?? ''}`)
    .sort()
    .join('\n');
  return toHex(sha256(`${lang}\n${lines}`));
}

/** The translation status of `lang` (Swedish is always complete). */
export function translationStatus(template: Pick<TemplateDefinition, 'survey' | 'meta'>, lang: string): TranslationStatus {
  const strings = templateStrings(template);
  const missing = lang === 'sv' ? [] : strings.filter((s) => s.translations[lang] === undefined);
  return { lang, total: strings.length, translated: strings.length - missing.length, missing, contentHash: translationHash(strings, lang) };
}

/** Languages a template has any translation in (besides Swedish), sorted. */
export function templateLanguages(template: Pick<TemplateDefinition, 'survey' | 'meta'>): string[] {
  const langs = new Set<string>();
  for (const s of templateStrings(template)) for (const lang of Object.keys(s.translations)) langs.add(lang);
  langs.delete('sv');
  return [...langs].sort();
}

/**
 * A copy of the template with `texts` (id → text) set in `lang`; an empty
 * text removes the language from that string. A plain-string text becomes
 * `{ default, <lang> }`; a plain-string choice becomes `{ value, text }`.
 * Ids not in the template are ignored (callers check them first).
 */
export function withTranslations<T extends Pick<TemplateDefinition, 'survey' | 'meta'>>(template: T, lang: string, texts: ReadonlyMap<string, string>): T {
  const copy = structuredClone(template) as T;
  for (const s of templateStrings(template)) {
    if (!texts.has(s.id)) continue;
    const text = texts.get(s.id)!.trim();
    const parent = s.path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], copy) as Record<string | number, unknown>;
    const last = s.path[s.path.length - 1];
    const current = parent[last];
    if (typeof current === 'string' || typeof current === 'number') {
      const isChoice = typeof last === 'number';
      const localizedText: Record<string, string> = { default: String(current) };
      if (text !== '') localizedText[lang] = text;
      parent[last] = isChoice ? { value: current, text: localizedText } : localizedText;
    } else if (isObject(current)) {
      const next: Record<string, unknown> = { ...current };
      if (text === '') delete next[lang];
      else next[lang] = text;
      parent[last] = next;
    }
  }
  return copy;
}

/**
 * A copy of SurveyJS JSON with only the given languages kept in its
 * localisable strings (`default`, Swedish, always stays): respondents are
 * sent no text in a language they are not offered, such as an unreviewed
 * translation.
 *
 * Complexity: O(size of the JSON).
 */
export function keepLanguages<T>(json: T, languages: readonly string[]): T {
  const keep = new Set(['default', ...languages]);
  const visit = (node: unknown, key?: string): unknown => {
    if (Array.isArray(node)) return node.map((item) => visit(item));
    if (!isObject(node)) return node;
    if (key !== undefined && LOCALIZABLE_KEYS.has(key) && typeof node.default === 'string') {
      return Object.fromEntries(Object.entries(node).filter(([lang]) => keep.has(lang)));
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v, k)]));
  };
  return visit(json) as T;
}
