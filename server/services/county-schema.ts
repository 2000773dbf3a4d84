import { z } from 'zod';

const age = z.coerce.number().int().min(0).max(100);

/** Query of GET /api/county/:lanKod/kommuner. */
export const countyKommunerQuery = z
  .object({ minAge: age.default(18), maxAge: age.default(85) })
  .refine((q) => q.minAge <= q.maxAge, { message: 'minAge får inte vara större än maxAge', path: ['minAge'] });

/** Query of GET /api/county/:lanKod/comparison. Indicator defaults to the template's first; ages to its population (18–85). */
export const countyComparisonQuery = z
  .object({
    indicator: z.string().regex(/^[a-z][a-z0-9_]*$/, 'ogiltigt indikator-id').optional(),
    template: z.string().regex(/^[a-z][a-z0-9-]*$/, 'ogiltigt mall-id').default('befolkningsenkat'),
    standard: z.enum(['lan', 'riket']).default('lan'),
    minAge: age.optional(),
    maxAge: age.optional(),
  })
  .refine((q) => q.minAge === undefined || q.maxAge === undefined || q.minAge <= q.maxAge, {
    message: 'minAge får inte vara större än maxAge',
    path: ['minAge'],
  });

export const lanKodParam = z.object({ lanKod: z.string().regex(/^[0-9]{2}$/, 'länskoden ska vara två siffror') });

export type CountyKommunerQuery = z.infer<typeof countyKommunerQuery>;
export type CountyComparisonQuery = z.infer<typeof countyComparisonQuery>;

/** Where a kommun's standardised estimate lies against the funnel's limits. */
export type FunnelPosition = 'within' | 'above95' | 'below95' | 'above998' | 'below998';
