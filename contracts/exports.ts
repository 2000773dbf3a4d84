/**
 * Wire schemas of the microdata exports (docs/api.md). `responses.csv`,
 * `population-strata.csv` and `unused-codes.csv` are CSV files; their columns
 * are documented with the analysis CLI (docs/analysis.md).
 */
import { z } from 'zod';
import { RESPONSE_MODES } from '../domain/campaign';
import { answers, list } from './common';
import { analysisBody } from './analysis';

/** One response in GET /api/campaigns/:id/responses: no code, no time of day. */
export const exportedResponse = z.object({
  id: z.string(),
  stratum: z.record(z.string(), z.string()).nullable(),
  mode: z.enum(RESPONSE_MODES),
  date: z.string(),
  answers,
});
export type ExportedResponse = z.infer<typeof exportedResponse>;

/** GET /api/campaigns/:id/responses: every response of the campaign (streamed). */
export const exportedResponsesResponse = list(exportedResponse);

/**
 * Query of the microdata exports (GET /api/campaigns/:id/responses,
 * responses.csv and /api/screening/:id/registrations.csv): why the data are
 * taken out, in the analyst's words. Required; written to the audit log with
 * the export.
 */
export const microdataExportQuery = z.object({
  purpose: z
    .string({ error: 'ange syftet med exporten' })
    .trim()
    .min(3, 'ange syftet med exporten (minst 3 tecken)')
    .max(500, 'högst 500 tecken'),
});
export type MicrodataExportQuery = z.infer<typeof microdataExportQuery>;

/** `?format=csv`: comma and dot decimals for programs; without it the workspace's downloads are for Excel in sv-SE (`;`, decimal comma, BOM). */
export const csvFormatQuery = z.object({ format: z.enum(['csv', 'excel']).optional().default('excel') });

/**
 * Query of GET /api/campaigns/:id/responses.R and responses.sps: the CSV dialect the script reads, and
 * the analysis settings whose weights the export carries (the body of POST …/analysis as JSON; default
 * the analysis's defaults). responses.csv takes these and the purpose (microdataCsvQuery).
 */
export const responsesExportQuery = csvFormatQuery.extend({
  analysis: z
    .string()
    .max(20_000)
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'ska vara analysens inställningar som JSON' });
        return z.NEVER;
      }
    })
    .pipe(analysisBody.optional()),
});
export type ResponsesExportQuery = z.infer<typeof responsesExportQuery>;

/** Query of GET /api/campaigns/:id/responses.csv: the purpose (logged), the CSV dialect and the analysis whose weights it carries. */
export const microdataCsvQuery = responsesExportQuery.extend(microdataExportQuery.shape);
export type MicrodataCsvQuery = z.infer<typeof microdataCsvQuery>;
