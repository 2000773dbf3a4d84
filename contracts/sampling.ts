/**
 * Wire types of the sampling API: what the analyst's browser (or the CLI)
 * sends after drawing a sample locally, and what it gets back. The frame
 * itself never crosses the wire: only strata, N_h and how many codes.
 */
import { z } from 'zod';

const stratumValue = z.string().trim().min(1).max(100);

/** `POST /api/campaigns/:id/codes` body (docs/api.md). */
export const codesBody = z.object({
  strata: z
    .array(
      z
        .object({
          stratum: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'variabelnamn med små bokstäver'), stratumValue),
          /** Codes to issue; 0 (with N) records only N_h, for a stratum of the frame that got no letters. */
          count: z.number().int().min(0).max(200_000),
          N: z.number().int().min(1).optional(),
        })
        .refine((s) => s.count >= 1 || s.N !== undefined, { path: ['count'], message: 'minst 1 (0 bara tillsammans med N)' }),
    )
    .min(1)
    .max(10_000)
    .refine((strata) => strata.reduce((sum, s) => sum + s.count, 0) <= 200_000, 'högst 200 000 koder per anrop'),
});
export type CodesRequest = z.infer<typeof codesBody>;

/** `POST /api/campaigns/:id/codes` → 201. */
export const codesResponse = z.object({
  codes: z.array(z.object({ code: z.string(), ref: z.string(), stratum: z.record(z.string(), z.string()) })),
});
export type CodesResponse = z.infer<typeof codesResponse>;

/** `GET /api/campaigns/:id/letter-settings` → 200: what a letter needs from the server. */
export const letterSettingsResponse = z.object({
  /** `PUBLIC_URL`, else the request's origin: letters link to `<linkBase>/s/<kod>`. */
  linkBase: z.string(),
});
export type LetterSettings = z.infer<typeof letterSettingsResponse>;
