/**
 * Wire schemas of respondent languages (docs/api.md, "Languages"): the UI
 * locale files served to the respondent app, and the workspace's view of
 * which languages exist, are complete and are reviewed.
 */
import { z } from 'zod';
import { SUPPORT_LINE_IDS } from '../domain/support-lines';
import { UI_STRING_KEYS, type UiLocale } from '../domain/ui-strings';
import { list } from './common';

export const languageCode = z.string().regex(/^[a-z]{2,3}$/, 'språkkod som sv, en, ar');

const text = z.string().min(1);
const pluralForms = z.record(z.string(), text).refine((forms) => typeof forms.other === 'string', 'formen "other" saknas');

/** A UI locale file (surveys/locales/ui/<lang>.json); GET /api/locales/ui/:lang answers with it. */
export const uiLocaleFile = z.object({
  meta: z.object({
    code: languageCode,
    name: text,
    englishName: text,
    dir: z.enum(['ltr', 'rtl']),
    source: z.enum(['authored', 'translation']),
    reviewed: z.boolean(),
    translator: z.string().optional(),
  }),
  strings: z.record(z.enum(UI_STRING_KEYS), z.union([text, pluralForms])),
  support: z.object({
    heading: text,
    emergency: text,
    kommun: text,
    lines: z.record(z.enum(SUPPORT_LINE_IDS as [string, ...string[]]), z.object({ name: text, note: text })),
  }),
  survey: z.record(z.string(), z.string()),
});
export type UiLocaleFile = z.infer<typeof uiLocaleFile>;
/** The domain's type of a locale file (domain/ui-strings.ts); the schema parses to it. */
export type { UiLocale };

/** One language the respondent UI has, in GET /api/locales/ui. */
export const uiLanguageSummary = z.object({
  code: z.string(),
  name: z.string(),
  englishName: z.string(),
  dir: z.enum(['ltr', 'rtl']),
  source: z.enum(['authored', 'translation']),
  /** Reviewed when shipped (the file says so). */
  reviewed: z.boolean(),
  translator: z.string().nullable(),
  /** What the file lacks compared with Swedish; a language with problems is never offered. */
  problems: list(z.string()),
});
export type UiLanguageSummary = z.infer<typeof uiLanguageSummary>;
export const uiLanguageListResponse = list(uiLanguageSummary);

/** Who reviewed a language, and when; `shipped`: reviewed before it was shipped (or written with the product). */
export const reviewMark = z.object({ reviewer: z.string(), reviewedOn: z.string().nullable(), shipped: z.boolean() });
export type ReviewMark = z.infer<typeof reviewMark>;

/** One language of a template for one kommun: the UI's file, the template's translation, their reviews, and whether respondents get it. */
export const templateLanguage = z.object({
  code: z.string(),
  /** The language's own name (from its UI file), else the code. */
  name: z.string(),
  dir: z.enum(['ltr', 'rtl']),
  ui: z.object({
    exists: z.boolean(),
    problems: list(z.string()),
    source: z.enum(['authored', 'translation']).nullable(),
    translator: z.string().nullable(),
    review: reviewMark.nullable(),
    contentHash: z.string().nullable(),
  }),
  template: z.object({
    total: z.number(),
    translated: z.number(),
    /** Strings without a text in this language: id and Swedish text. */
    missing: list(z.object({ id: z.string(), sv: z.string() })),
    source: z.enum(['authored', 'translation']).nullable(),
    translator: z.string().nullable(),
    review: reviewMark.nullable(),
    contentHash: z.string(),
  }),
  /** Offered to respondents: complete in the UI and the template, and both reviewed. */
  offered: z.boolean(),
  /** Why not, in Swedish (empty when offered). */
  reasons: list(z.string()),
});
export type TemplateLanguage = z.infer<typeof templateLanguage>;

/** GET /api/templates/:id/languages?version=N: every language the UI or the template has, for the caller's kommun. */
export const templateLanguagesResponse = z.object({
  template: z.object({ id: z.string(), version: z.number() }),
  kommunkod: z.string(),
  languages: list(templateLanguage),
});
export type TemplateLanguages = z.infer<typeof templateLanguagesResponse>;

/** Body of POST /api/templates/:id/translations/:lang/review and POST /api/locales/ui/:lang/review. */
export const reviewBody = z.strictObject({
  /** The template version reviewed (template reviews only). */
  version: z.number().int().positive().optional(),
  /** The qualified translator who reviewed the text, as the kommun records it. */
  reviewer: z.string().trim().min(2).max(200),
  kommunkod: z.string().regex(/^\d{4}$/).optional(),
});
export type ReviewBody = z.infer<typeof reviewBody>;

/** Answer of POST /api/templates/:id/translations/:lang (201): the new version the imported translation was saved as. */
export const translationImportResponse = z.object({ id: z.string(), version: z.number(), lang: z.string(), translated: z.number(), total: z.number() });
export type TranslationImport = z.infer<typeof translationImportResponse>;
