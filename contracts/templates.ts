/**
 * Wire schemas of the questionnaire templates: the list, one version for
 * editing, and saving a new version (docs/template-editing.md). A template's
 * definition is validated by `validateTemplate` (domain/templates), which
 * gives every problem with its path.
 */
import { z } from 'zod';
import { CAMPAIGN_KINDS } from '../domain/campaign';
import { templateSchema } from '../domain/templates/template-schema';
import { kommunkod, list } from './common';

/** One template in GET /api/templates: the latest version of each template the caller may use. */
export const templateSummary = z.object({ id: z.string(), version: z.number(), kind: z.enum(CAMPAIGN_KINDS), title: z.string() });
export type TemplateSummary = z.infer<typeof templateSummary>;
export const templateListResponse = list(templateSummary);

/** Query of GET /api/templates/:id. */
export const templateVersionQuery = z.object({ version: z.coerce.number().int().positive().optional() });

/** GET /api/templates/:id: one version with its definition, every version's title and where a save would go. */
export const templateVersionResponse = z.object({
  id: z.string(),
  version: z.number(),
  kind: z.enum(CAMPAIGN_KINDS),
  title: z.string(),
  kommunkod: z.string().nullable(),
  builtIn: z.boolean(),
  definition: templateSchema,
  versions: list(z.object({ version: z.number(), title: z.string(), createdAt: z.string() })),
  /** The id a save is stored under (`<id>-<kommunkod>` for a built-in template); null without an analyst role. */
  savesAs: z.string().nullable(),
});
export type TemplateVersionView = z.infer<typeof templateVersionResponse>;

/** Body of POST /api/templates/:id/versions. */
export const saveTemplateBody = z.object({
  definition: z.unknown().refine((value) => value !== undefined, 'mallens definition saknas'),
  kommunkod: kommunkod.optional(),
});
export type SaveTemplateBody = z.infer<typeof saveTemplateBody>;

/** One place where saving removed HTML that is not allowed (`domain/templates/sanitize-html.ts`). */
export const removedHtml = z.object({ path: z.string(), removed: list(z.string()) });
export type RemovedHtml = z.infer<typeof removedHtml>;

/**
 * Answer of POST /api/templates/:id/versions (201). The version is stored
 * with its HTML filtered to the allowed set; `removedHtml` says what went.
 */
export const savedTemplateResponse = z.object({ id: z.string(), version: z.number(), removedHtml: list(removedHtml) });
export type SavedTemplate = z.infer<typeof savedTemplateResponse>;
