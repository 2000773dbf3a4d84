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
