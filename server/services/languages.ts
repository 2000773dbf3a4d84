/**
 * Respondent languages as data (docs/questionnaires.md, "Languages").
 *
 * A language reaches respondents when:
 * 1. the respondent UI has a complete locale file for it
 *    (surveys/locales/ui/<code>.json, read at run time: no rebuild);
 * 2. the campaign's template has every string in it (translations live in
 *    the template, as SurveyJS localisable strings);
 * 3. both are reviewed: written with the product (`authored`), shipped
 *    reviewed, or marked reviewed by an analyst of the kommun for exactly
 *    this text (a content hash, so an edit needs a new review);
 * 4. the campaign lists it.
 * Swedish, the templates' own language, is always offered.
 */
import type { TemplateLanguage, TemplateLanguages } from '../../contracts/locales';
import type { TemplateDefinition } from '../../domain/templates/template-schema';
import { templateLanguages, translationStatus } from '../../domain/templates/template-strings';
import { uiLocaleHash } from '../../domain/ui-strings';
import type { Queryable } from '../db/database';
import { badRequest } from '../http/http-error';
import { listTranslationReviews, templateSubject, UI_SUBJECT, type TranslationReviewRow } from '../queries/translation-reviews';
import { loadUiLocales, type LoadedUiLocale } from '../templates/load-ui-locales';

/** The templates' own language. */
export const SOURCE_LANGUAGE = 'sv';

const languageNames: Record<string, string> = { sv: 'svenska', en: 'engelska', ar: 'arabiska', so: 'somaliska', ti: 'tigrinja', prs: 'dari', fa: 'persiska' };
/** "arabiska (ar)", or just the code for a language we have no Swedish name for. */
export const languageLabel = (code: string) => (languageNames[code] ? `${languageNames[code]} (${code})` : code);

/** A template as its languages need it. */
type TemplateSource = Pick<TemplateDefinition, 'id' | 'version' | 'survey' | 'meta'>;

/** Every language of one template for one kommun, given the kommun's review marks. */
function describeLanguages(template: TemplateSource, uiLocales: ReadonlyMap<string, LoadedUiLocale>, reviews: readonly TranslationReviewRow[], only?: readonly string[]): TemplateLanguage[] {
  const sourceOf = template.meta.translations ?? {};
  // Swedish, every UI language, and every language the template names or has a string in.
  const codes = new Set<string>([SOURCE_LANGUAGE, ...uiLocales.keys(), ...Object.keys(sourceOf), ...templateLanguages(template)]);
  // The campaign's order (Swedish first), or Swedish then by code.
  const wanted = only
    ? [...new Set([SOURCE_LANGUAGE, ...only])]
    : [...codes].sort((a, b) => (a === SOURCE_LANGUAGE ? -1 : b === SOURCE_LANGUAGE ? 1 : a.localeCompare(b)));
  const subject = templateSubject(template.id, template.version);
  return wanted.map((code) => {
    const loaded = uiLocales.get(code);
    const file = loaded?.locale;
    const status = translationStatus(template, code);
    const uiHash = file ? uiLocaleHash(file) : null;
    const uiDb = reviews.find((r) => r.subject === UI_SUBJECT && r.lang === code && r.contentHash === uiHash);
    const uiReview =
      code === SOURCE_LANGUAGE || file?.meta.reviewed
        ? { reviewer: file?.meta.source === 'authored' ? 'Skriven med produkten' : (file?.meta.translator ?? 'Granskad före leverans'), reviewedOn: null, shipped: true }
        : uiDb
          ? { reviewer: uiDb.reviewer, reviewedOn: uiDb.reviewedOn, shipped: false }
          : null;
    const source = code === SOURCE_LANGUAGE ? 'authored' : (sourceOf[code]?.source ?? (status.translated > 0 ? 'translation' : null));
    const templateDb = reviews.find((r) => r.subject === subject && r.lang === code && r.contentHash === status.contentHash);
    const templateReview =
      source === 'authored'
        ? { reviewer: 'Skriven med mallen', reviewedOn: null, shipped: true }
        : templateDb
          ? { reviewer: templateDb.reviewer, reviewedOn: templateDb.reviewedOn, shipped: false }
          : null;
    const reasons: string[] = [];
    if (code !== SOURCE_LANGUAGE) {
      if (!loaded) reasons.push(`Respondentgränssnittet saknar språkfilen surveys/locales/ui/${code}.json.`);
      else if (loaded.problems.length > 0) {
        reasons.push(`Gränssnittets språkfil är ofullständig (${loaded.problems.length} problem: ${loaded.problems.slice(0, 3).join('; ')}${loaded.problems.length > 3 ? ' …' : ''}).`);
      } else if (!uiReview) reasons.push('Gränssnittets översättning är inte granskad av en kvalificerad översättare.');
      if (status.translated < status.total) reasons.push(`Enkäten är inte helt översatt: ${status.total - status.translated} av ${status.total} texter saknas.`);
      else if (!templateReview) reasons.push('Enkätens översättning är inte granskad av en kvalificerad översättare.');
    }
    return {
      code,
      name: file?.meta.name ?? code,
      dir: file?.meta.dir ?? 'ltr',
      ui: {
        exists: loaded !== undefined,
        problems: loaded?.problems ?? [],
        source: file?.meta.source ?? null,
        translator: file?.meta.translator ?? null,
        review: uiReview,
        contentHash: uiHash,
      },
      template: {
        total: status.total,
        translated: status.translated,
        missing: status.missing.map((s) => ({ id: s.id, sv: s.sv })),
        source,
        translator: code === SOURCE_LANGUAGE ? null : (sourceOf[code]?.translator ?? null),
        review: templateReview,
        contentHash: status.contentHash,
      },
      offered: reasons.length === 0,
      reasons,
    };
  });
}

/** Every language of a template version for the kommun (the workspace's language panel). */
export async function templateLanguagesFor(db: Queryable, kommunkod: string, template: TemplateSource): Promise<TemplateLanguages> {
  const reviews = await listTranslationReviews(db, kommunkod, [templateSubject(template.id, template.version), UI_SUBJECT]);
  return { template: { id: template.id, version: template.version }, kommunkod, languages: describeLanguages(template, loadUiLocales(), reviews) };
}

/**
 * Checks a campaign's language list: each language must have a complete UI
 * locale file and a complete translation in the template. Reviews are not
 * needed to list a language (an unreviewed one is kept but not offered).
 * @throws 400 naming every language and what it lacks.
 */
export function assertLanguagesAvailable(template: TemplateSource, languages: readonly string[]): void {
  const problems = describeLanguages(template, loadUiLocales(), [], languages)
    .filter((lang) => lang.code !== SOURCE_LANGUAGE)
    .flatMap((lang) => {
      const lacks: string[] = [];
      if (!lang.ui.exists) lacks.push(`respondentgränssnittet har ingen språkfil (surveys/locales/ui/${lang.code}.json)`);
      else if (lang.ui.problems.length > 0) lacks.push(`gränssnittets språkfil är ofullständig (${lang.ui.problems.length} problem)`);
      if (lang.template.translated < lang.template.total) {
        lacks.push(`enkäten är översatt till ${lang.template.translated} av ${lang.template.total} texter`);
      }
      return lacks.length > 0 ? [{ lang: lang.code, text: `${languageLabel(lang.code)}: ${lacks.join(', och ')}` }] : [];
    });
  if (problems.length > 0) {
    throw badRequest(`Fältet "languages": ${problems.length === 1 ? 'språket kan' : 'språken kan'} inte erbjudas. ${problems.map((p) => p.text).join('. ')}.`, {
      field: 'languages',
      missing: problems.map((p) => p.lang),
    });
  }
}

/** The languages a template can be listed with by default: Swedish, and English when it is complete in the UI and the template. */
export function defaultLanguages(template: TemplateSource): string[] {
  const english = describeLanguages(template, loadUiLocales(), [], ['en']).find((lang) => lang.code === 'en');
  return english && english.ui.exists && english.ui.problems.length === 0 && english.template.translated === english.template.total ? ['sv', 'en'] : ['sv'];
}

/** Per campaign, the template's languages need the frozen definition only once (it never changes). */
const templateCache = new Map<string, TemplateSource>();

/**
 * The languages respondents of a campaign are offered, Swedish first, each
 * with its name and direction; and, for the workspace, every listed
 * language's status. Reviews are read on every call, so a review applies at once.
 */
export async function campaignLanguages(
  db: Queryable,
  campaign: { id: string; kommunkod: string; languages: readonly string[]; definition?: TemplateSource },
  loadDefinition: () => Promise<TemplateSource>,
): Promise<TemplateLanguage[]> {
  let template = campaign.definition ?? templateCache.get(campaign.id);
  if (!template) {
    template = await loadDefinition();
    templateCache.set(campaign.id, template);
    if (templateCache.size > 200) templateCache.delete(templateCache.keys().next().value as string);
  }
  const reviews = await listTranslationReviews(db, campaign.kommunkod, [templateSubject(template.id, template.version), UI_SUBJECT]);
  return describeLanguages(template, loadUiLocales(), reviews, campaign.languages);
}
