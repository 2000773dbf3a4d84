/**
 * The translator workflow (docs/template-editing.md, "Translations"): an
 * analyst exports one language of a template as a spreadsheet, a translator
 * fills it in, the analyst imports it (checked line by line; saved as a new
 * template version), and once a qualified translator has reviewed the text
 * the analyst marks it reviewed for the kommun. Unreviewed translations are
 * labelled in the editor and never offered to respondents.
 */
import type { ReviewBody, TemplateLanguages, TranslationImport } from '../../contracts/locales';
import { CsvInputError, parseCsv } from '../../domain/csv';
import { describeUnsafeText, findUnsafeCell } from '../../domain/plain-text';
import { templateStrings, translationStatus, withTranslations, type TemplateString } from '../../domain/templates/template-strings';
import { placeholdersOf, uiLocaleHash } from '../../domain/ui-strings';
import { analystKommuner, type AuthContext } from '../auth/auth-context';
import type { Database } from '../db/database';
import { badRequest, conflict, notFound } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { templateSubject, UI_SUBJECT, upsertTranslationReview } from '../queries/translation-reviews';
import { loadUiLocales } from '../templates/load-ui-locales';
import { chooseKommun } from './campaigns';
import { languageLabel, SOURCE_LANGUAGE, templateLanguagesFor } from './languages';
import { uploadError } from './population-csv';
import { saveTemplateVersion, visibleTemplate } from './template-edit';

/** The kommun a translation review or listing applies to: the template's owner, else the analyst's (chosen) kommun. */
function reviewKommun(auth: AuthContext, owner: string | null, requested?: string): string {
  if (owner !== null) {
    if (!analystKommuner(auth).includes(owner)) throw notFound('Mallen finns inte.');
    return owner;
  }
  return chooseKommun(auth, requested);
}

/** Every language of a template version for the caller's kommun: UI file, translation, reviews, offered or not. */
export async function templateLanguagesForAnalyst(db: Database, auth: AuthContext, id: string, version?: number, kommunkod?: string): Promise<TemplateLanguages> {
  const template = await visibleTemplate(db, auth, id, version);
  return templateLanguagesFor(db, reviewKommun(auth, template.kommunkod, kommunkod), template.definition);
}

/** A spreadsheet cell: semicolon-separated, quoted when needed, formulas defused. */
function cell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * One language of a template as a spreadsheet for a translator: UTF-8 with a
 * BOM (opens in Excel), semicolon-separated, CRLF. Columns `id`, `sv` (the
 * Swedish text), `en` as a second reference (unless the language is English)
 * and the language's code, filled where a translation exists.
 */
export async function exportTranslationCsv(db: Database, auth: AuthContext, id: string, lang: string, version?: number): Promise<{ csv: string; fileName: string }> {
  if (lang === SOURCE_LANGUAGE) throw badRequest('Svenska är mallens eget språk; välj ett språk att översätta till.', { field: 'lang' });
  const template = await visibleTemplate(db, auth, id, version);
  const strings = templateStrings(template.definition);
  const columns = lang === 'en' ? ['id', 'sv', lang] : ['id', 'sv', 'en', lang];
  const lines = [columns.join(';')];
  for (const s of strings) {
    const values = [s.id, s.sv, ...(lang === 'en' ? [] : [s.translations.en ?? '']), s.translations[lang] ?? ''];
    lines.push(values.map(cell).join(';'));
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, fileName: `oversattning-${template.definition.id}-v${template.version}-${lang}.csv` };
}

/** HTML tag names of a text, sorted: a translation keeps the same markup. */
const tagsOf = (text: string) => (text.match(/<\/?[a-z][a-z0-9]*/gi) ?? []).map((tag) => tag.toLowerCase()).sort();

/**
 * Reads a translator's spreadsheet back into the template and saves it as a
 * new version (`saveTemplateVersion`: validated, audit-logged). Every line is
 * checked first; the first problem is a 400 naming the file, line and column:
 * - the header needs `id` and the language's column;
 * - each id must be a string of this template version, once;
 * - `sv`, when present, must still be the template's Swedish text (the
 *   template changed since the export otherwise);
 * - a translation keeps the Swedish text's `{placeholders}` and HTML tags.
 * An empty cell leaves the string untranslated. The language is recorded as a
 * translation (by `translator`), not reviewed.
 */
export async function importTranslationCsv(
  db: Database,
  auth: AuthContext,
  id: string,
  lang: string,
  input: { csv: string; fileName?: string; version?: number; translator?: string; kommunkod?: string },
): Promise<TranslationImport> {
  if (lang === SOURCE_LANGUAGE) throw badRequest('Svenska är mallens eget språk och kan inte importeras som översättning.', { field: 'lang' });
  const file = input.fileName ?? `oversattning-${lang}.csv`;
  const template = await visibleTemplate(db, auth, id, input.version);
  let table;
  try {
    table = parseCsv(input.csv, file);
  } catch (error) {
    if (error instanceof CsvInputError) throw uploadError(error.file, error.line, error.column, error.detail);
    throw error;
  }
  const unsafe = findUnsafeCell(table);
  if (unsafe) throw uploadError(file, unsafe.line, unsafe.column, `värdet ${describeUnsafeText(unsafe.found)}`);
  for (const required of ['id', lang]) {
    if (!table.columns.includes(required)) {
      throw uploadError(file, 1, required, `kolumnen saknas (rubrikraden behöver id och ${lang}, som i den exporterade filen)`);
    }
  }
  if (table.rows.length === 0) throw uploadError(file, undefined, undefined, 'filen innehåller inga texter (bara rubrikraden)');
  const byId = new Map<string, TemplateString>(templateStrings(template.definition).map((s) => [s.id, s]));
  const texts = new Map<string, string>();
  const lineOf = new Map<string, number>();
  // The export defused cells that a spreadsheet would run as formulas with a leading '.
  const undefuse = (text: string) => text.replace(/^'(?=[=+\-@])/, '');
  for (const row of table.rows) {
    const stringId = row.values.id;
    const string = byId.get(stringId);
    if (!string) throw uploadError(file, row.line, 'id', `texten "${stringId}" finns inte i mallen ${template.definition.id} version ${template.version}`);
    if (lineOf.has(stringId)) throw uploadError(file, row.line, 'id', `texten "${stringId}" finns redan på rad ${lineOf.get(stringId)}`);
    lineOf.set(stringId, row.line);
    if ('sv' in row.values && undefuse(row.values.sv) !== string.sv.trim()) {
      throw uploadError(file, row.line, 'sv', 'den svenska texten har ändrats i mallen sedan filen exporterades; exportera en ny fil');
    }
    const text = undefuse(row.values[lang]);
    if (text !== '') {
      const missing = placeholdersOf(string.sv).filter((p) => !placeholdersOf(text).includes(p));
      if (missing.length > 0) throw uploadError(file, row.line, lang, `platshållaren ${missing[0]} i den svenska texten saknas i översättningen`);
      if (tagsOf(string.sv).join() !== tagsOf(text).join()) {
        throw uploadError(file, row.line, lang, `översättningen ska ha samma HTML-taggar som den svenska texten (${tagsOf(string.sv).join(' ') || 'inga'})`);
      }
    }
    texts.set(stringId, text);
  }
  const translated = withTranslations(template.definition, lang, texts);
  const translations = { ...(translated.meta.translations ?? {}) };
  translations[lang] = { source: 'translation', ...(input.translator ? { translator: input.translator } : {}) };
  const definition = { ...translated, meta: { ...translated.meta, translations } };
  const saved = await saveTemplateVersion(db, auth, id, { definition, kommunkod: input.kommunkod });
  const status = translationStatus(definition, lang);
  await writeAuditLog(db, {
    userId: auth.userId,
    kommunkod: template.kommunkod ?? chooseKommun(auth, input.kommunkod),
    action: 'template.translation_import',
    details: { templateId: saved.id, version: saved.version, lang, rows: table.rows.length, translated: status.translated },
  });
  return { id: saved.id, version: saved.version, lang, translated: status.translated, total: status.total };
}

/**
 * Marks one language of a template version reviewed by a qualified
 * translator, for the kommun: the mark holds the content hash, so it applies
 * to exactly this text. Audit-logged.
 * @throws 409 when the template is not completely translated.
 */
export async function markTemplateTranslationReviewed(db: Database, auth: AuthContext, id: string, lang: string, body: ReviewBody): Promise<void> {
  if (lang === SOURCE_LANGUAGE) throw badRequest('Svenska är mallens eget språk och granskas inte som översättning.', { field: 'lang' });
  if (body.version === undefined) throw badRequest('Fältet "version": ange vilken version av mallen som granskades.', { field: 'version' });
  const template = await visibleTemplate(db, auth, id, body.version);
  const kommunkod = reviewKommun(auth, template.kommunkod, body.kommunkod);
  const status = translationStatus(template.definition, lang);
  if (status.translated < status.total) {
    throw conflict(`Mallen är inte helt översatt till ${languageLabel(lang)}: ${status.total - status.translated} av ${status.total} texter saknas.`, { field: 'lang' });
  }
  await upsertTranslationReview(db, { kommunkod, subject: templateSubject(id, template.version), lang, contentHash: status.contentHash, reviewer: body.reviewer, reviewedBy: auth.userId });
  await writeAuditLog(db, { userId: auth.userId, kommunkod, action: 'translation.review', details: { subject: templateSubject(id, template.version), lang } });
}

/** Marks the respondent UI's strings in a language reviewed for the kommun (this exact file's text). Audit-logged. */
export async function markUiTranslationReviewed(db: Database, auth: AuthContext, lang: string, body: ReviewBody): Promise<void> {
  const loaded = loadUiLocales().get(lang);
  if (!loaded?.locale) throw notFound(`Respondentgränssnittet har ingen språkfil för ${languageLabel(lang)}.`);
  if (loaded.problems.length > 0) throw conflict(`Gränssnittets språkfil för ${languageLabel(lang)} är ofullständig: ${loaded.problems[0]}.`);
  const kommunkod = chooseKommun(auth, body.kommunkod);
  await upsertTranslationReview(db, { kommunkod, subject: UI_SUBJECT, lang, contentHash: uiLocaleHash(loaded.locale), reviewer: body.reviewer, reviewedBy: auth.userId });
  await writeAuditLog(db, { userId: auth.userId, kommunkod, action: 'translation.review', details: { subject: UI_SUBJECT, lang } });
}
