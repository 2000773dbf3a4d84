/**
 * Wire schemas of the county (länsstyrelse) views: aggregates of the
 * viewer's own län only (docs/api-county.md).
 */
import { z } from 'zod';
import { list, pair } from './common';

const age = z.coerce.number().int().min(0).max(100);

/** Path parameter of every /api/county/:lanKod route. */
export const lanKodParam = z.object({ lanKod: z.string().regex(/^[0-9]{2}$/, 'länskoden ska vara två siffror') });

/** Query of GET /api/county/:lanKod/kommuner. */
export const countyKommunerQuery = z
  .object({ minAge: age.default(18), maxAge: age.default(85) })
  .refine((q) => q.minAge <= q.maxAge, { message: 'minAge får inte vara större än maxAge', path: ['minAge'] });
export type CountyKommunerQuery = z.infer<typeof countyKommunerQuery>;

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
export type CountyComparisonQuery = z.infer<typeof countyComparisonQuery>;

const lan = z.object({ kod: z.string(), namn: z.string() });

/** GET /api/county/:lanKod/kommuner: the län's kommuner with population, closed campaigns and screening activity. */
export const countyKommunerResponse = z.object({
  lan,
  ageRange: pair(z.number()),
  source: z.string(),
  /** Templates with closed campaigns in the län, with how many kommuner have one: the instruments that can be compared. */
  templates: list(z.object({ id: z.string(), title: z.string(), kommuner: z.number() })),
  kommuner: list(
    z.object({
      kod: z.string(),
      namn: z.string(),
      population: z.number(),
      closedPopulationCampaigns: list(
        z.object({ templateId: z.string(), title: z.string(), periodEnd: z.string().nullable(), closedOn: z.string().nullable(), responses: z.number() }),
      ),
      screening: z.object({ campaigns: z.number(), registrations: z.number() }),
    }),
  ),
});
export type CountyKommuner = z.infer<typeof countyKommunerResponse>;

/** Where a kommun's standardised estimate lies against the funnel's limits. */
export const funnelPosition = z.enum(['within', 'above95', 'below95', 'above998', 'below998']);
export type FunnelPosition = z.infer<typeof funnelPosition>;

export const countyEstimate = z.object({ estimate: z.number(), ci: pair(z.number()).nullable(), se: z.number() });
export type CountyEstimate = z.infer<typeof countyEstimate>;

/** A kommun's registered persons per 1,000 residents, from the registered table uploaded for its campaign. */
export const countyRegisteredRate = z.object({
  table: z.object({ name: z.string(), period: z.string() }),
  suppressed: z.boolean(),
  reason: z.string().nullable(),
  /** Registered persons per 1,000 residents in the age range (SCB 2019). */
  crudeRate: z.number().nullable(),
  /** Directly age–sex standardised rate per 1,000 with the Fay–Feuer gamma interval. */
  standardised: z.object({ estimate: z.number(), ci: pair(z.number()) }).nullable(),
});
export type CountyRegisteredRate = z.infer<typeof countyRegisteredRate>;

export const countyKommunComparison = z.object({
  kod: z.string(),
  namn: z.string(),
  /** Population in the age range (SCB 2019). */
  population: z.number(),
  /** `periodEnd` is the planned end; `closedOn` the day the campaign was actually closed. */
  campaign: z.object({ title: z.string(), periodEnd: z.string().nullable(), closedOn: z.string().nullable() }).nullable(),
  /** Respondents in the age range with known kön and ålder (0 without a campaign, null when suppressed). */
  n: z.number().nullable(),
  suppressed: z.boolean(),
  /** Swedish reason when suppressed or not computable. */
  reason: z.string().nullable(),
  crude: countyEstimate.extend({ flags: list(z.string()) }).nullable(),
  standardised: countyEstimate.extend({ effectiveN: z.number().nullable() }).nullable(),
  /** Why the standardised estimate is missing while the crude one exists. */
  standardisedNote: z.string().nullable(),
  funnel: z.object({ position: funnelPosition, limits95: pair(z.number()), limits998: pair(z.number()) }).nullable(),
  /** Registered persons per 1,000 from the campaign's registered table (persons by kön × åldersgrupp), null without one. */
  registered: countyRegisteredRate.nullable(),
});
export type CountyKommunComparison = z.infer<typeof countyKommunComparison>;

const funnelPoint = z.object({ n: z.number(), lower95: z.number(), upper95: z.number(), lower998: z.number(), upper998: z.number() });
export type FunnelPoint = z.infer<typeof funnelPoint>;

/** GET /api/county/:lanKod/comparison: the län's kommuner on one indicator of one instrument. */
export const countyComparisonResponse = z.object({
  lan,
  template: z.object({ id: z.string(), title: z.string() }),
  indicator: z.object({ id: z.string(), label: z.string(), period: z.string() }),
  indicators: list(z.object({ id: z.string(), label: z.string() })),
  standard: z.enum(['lan', 'riket']),
  ageRange: pair(z.number()),
  level: z.number(),
  minCell: z.number(),
  standardPopulation: z.object({
    source: z.string(),
    cells: list(z.object({ kon: z.enum(['kvinna', 'man']), aldersgrupp: z.string(), antal: z.number(), weight: z.number() })),
  }),
  /** The county's standardised prevalence over the kommuner with estimates: the funnel's centre line. */
  target: z.number().nullable(),
  /**
   * The same value as an estimate for the län with its interval: the
   * participating kommuner's kön × åldersgrupp prevalences pooled by
   * population (independent samples), age–sex standardised. It covers only
   * `kommuner` of `kommunerInLan`, and `population` of `populationInLan`
   * residents in the age range.
   */
  lanEstimate: z
    .object({
      estimate: z.number(),
      ci: pair(z.number()).nullable(),
      se: z.number(),
      kommuner: z.number(),
      kommunerInLan: z.number(),
      population: z.number(),
      populationInLan: z.number(),
    })
    .nullable(),
  funnel: z.object({ method: z.literal('normal'), levels: list(z.number()), curve: list(funnelPoint) }).nullable(),
  registeredNote: z.string(),
  kommuner: list(countyKommunComparison),
});
export type CountyComparison = z.infer<typeof countyComparisonResponse>;
