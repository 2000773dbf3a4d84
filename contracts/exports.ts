/**
 * Wire schemas of the microdata exports (docs/api.md). `responses.csv`,
 * `population-strata.csv` and `unused-codes.csv` are CSV files; their columns
 * are documented with the analysis CLI (docs/analysis.md).
 */
import { z } from 'zod';
import { RESPONSE_MODES } from '../domain/campaign';
import { answers, list } from './common';

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
