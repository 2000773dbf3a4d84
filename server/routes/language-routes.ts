import express, { Router } from 'express';
import { reviewBody, type UiLanguageSummary } from '../../contracts/locales';
import { templateVersionQuery } from '../../contracts/templates';
import { z } from 'zod';
import type { Database } from '../db/database';
import { authenticate, requireRole } from '../auth/authenticate';
import { notFound } from '../http/http-error';
import { parseInput } from '../http/parse-input';
import { utf8Only } from '../http/plain-text-input';
import { loadUiLocales } from '../templates/load-ui-locales';
import {
  exportTranslationCsv,
  importTranslationCsv,
  markTemplateTranslationReviewed,
  markUiTranslationReviewed,
  templateLanguagesForAnalyst,
} from '../services/translations';
import { csvBody } from './population-routes';

const lang = (value: unknown) => parseInput(z.object({ lang: z.string().regex(/^[a-z]{2,3}$/, 'språkkod som en, ar') }), { lang: value }).lang;
const importQuery = z.object({
  version: z.coerce.number().int().positive().optional(),
  fileName: z.string().max(200).optional(),
  translator: z.string().trim().max(200).optional(),
  kommunkod: z.string().regex(/^\d{4}$/).optional(),
});
const languagesQuery = templateVersionQuery.extend({ kommunkod: z.string().regex(/^\d{4}$/).optional() });

/**
 * Languages as data (docs/api.md, "Languages"): the respondent UI's locale
 * files (public: the respondent app fetches them at run time), and for
 * analysts each template's languages, the translator spreadsheet and review marks.
 */
export function languageRoutes(db: Database): Router {
  const router = Router();
  const analyst = [authenticate(db), requireRole('analyst')];
  const csv = express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: '5mb', verify: utf8Only });

  router.get('/api/locales/ui', (_req, res) => {
    const list: UiLanguageSummary[] = [...loadUiLocales().values()].map(({ code, locale, problems }) => ({
      code,
      name: locale?.meta.name ?? code,
      englishName: locale?.meta.englishName ?? code,
      dir: locale?.meta.dir ?? 'ltr',
      source: locale?.meta.source ?? 'translation',
      reviewed: locale?.meta.reviewed ?? false,
      translator: locale?.meta.translator ?? null,
      problems,
    }));
    res.set('Cache-Control', 'no-cache').json(list);
  });

  router.get('/api/locales/ui/:lang', (req, res) => {
    const loaded = loadUiLocales().get(lang(req.params.lang));
    if (!loaded?.locale) throw notFound('Språket finns inte.');
    res.set('Cache-Control', 'no-cache').json(loaded.locale);
  });

  router.post('/api/locales/ui/:lang/review', ...analyst, async (req, res) => {
    await markUiTranslationReviewed(db, req.auth!, lang(req.params.lang), parseInput(reviewBody, req.body));
    res.status(204).end();
  });

  router.get('/api/templates/:id/languages', ...analyst, async (req, res) => {
    const { version, kommunkod } = parseInput(languagesQuery, req.query);
    res.json(await templateLanguagesForAnalyst(db, req.auth!, req.params.id as string, version, kommunkod));
  });

  router.get('/api/templates/:id/translations/:lang.csv', ...analyst, async (req, res) => {
    const { version } = parseInput(templateVersionQuery, req.query);
    const { csv: text, fileName } = await exportTranslationCsv(db, req.auth!, req.params.id as string, lang(req.params.lang), version);
    res.set('Cache-Control', 'no-store').type('text/csv; charset=utf-8').attachment(fileName).send(text);
  });

  router.post('/api/templates/:id/translations/:lang', ...analyst, csv, async (req, res) => {
    const query = parseInput(importQuery, req.query);
    res.status(201).json(await importTranslationCsv(db, req.auth!, req.params.id as string, lang(req.params.lang), { ...query, csv: csvBody(req) }));
  });

  router.post('/api/templates/:id/translations/:lang/review', ...analyst, async (req, res) => {
    await markTemplateTranslationReviewed(db, req.auth!, req.params.id as string, lang(req.params.lang), parseInput(reviewBody, req.body));
    res.status(204).end();
  });
  return router;
}
