/**
 * Wire types of the sampling API beyond issuing codes (whose body and answer
 * are in contracts/fieldwork.ts: `issueCodesBody`, `issueCodesResponse`).
 * The frame itself never crosses the wire: only strata, N_h and how many codes.
 */
import { z } from 'zod';

/** `GET /api/campaigns/:id/letter-settings` → 200: what a letter needs from the server. */
export const letterSettingsResponse = z.object({
  /** `PUBLIC_URL`, else the request's origin: letters link to `<linkBase>/s/<kod>`. */
  linkBase: z.string(),
});
export type LetterSettings = z.infer<typeof letterSettingsResponse>;
