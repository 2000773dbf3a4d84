/** Wire schemas of paper forms keyed in by analysts, with optional double entry (docs/api.md). */
import { z } from 'zod';
import { answers, list } from './common';

/** Body of POST /api/campaigns/:id/paper. Without `entry` the form is stored at once. */
export const paperBody = z.object({
  code: z.string().min(1).max(40),
  answers,
  entry: z.union([z.literal(1), z.literal(2)]).optional(),
});
export type PaperBody = z.infer<typeof paperBody>;

/** Answer of POST /api/campaigns/:id/paper: 201 when stored, else 200. */
export const paperOutcomeResponse = z.discriminatedUnion('status', [
  z.object({ status: z.literal('stored') }),
  z.object({ status: z.literal('waiting_for_second_entry'), entry: z.union([z.literal(1), z.literal(2)]) }),
  z.object({ status: z.literal('discrepancy'), ref: z.string().nullable(), questions: list(z.string()) }),
]);
export type PaperOutcome = z.infer<typeof paperOutcomeResponse>;

/**
 * GET /api/campaigns/:id/paper/discrepancies: codes whose two entries differ, with both values.
 * `code` is the code written on the paper (XXXX-XXXX-XXX), `ref` the letter reference.
 */
export const paperDiscrepanciesResponse = list(
  z.object({ ref: z.string().nullable(), code: z.string().nullable(), questions: list(z.object({ question: z.string(), entry1: z.unknown(), entry2: z.unknown() })) }),
);
export type PaperDiscrepancy = z.infer<typeof paperDiscrepanciesResponse>[number];

/** Body of POST /api/campaigns/:id/paper/resolve: the final answers, by `ref` from the list or by `code`. */
export const paperResolveBody = z
  .object({ ref: z.string().min(1).max(40).optional(), code: z.string().min(1).max(40).optional(), answers })
  .refine((body) => body.ref !== undefined || body.code !== undefined, { message: 'ange ref eller code', path: ['ref'] });
export type PaperResolveBody = z.infer<typeof paperResolveBody>;

/** Answer of POST /api/campaigns/:id/paper/resolve (201). */
export const paperResolvedResponse = z.object({ status: z.literal('stored') });
