/**
 * Wire schemas of the lägesbild, the periodic report to the nämnd (docs/api-analysis.md, "Lägesbild"):
 * the fieldwork facts its method section is written from, and trends between campaigns.
 */
import { z } from 'zod';
import { CAMPAIGN_MODES, CAMPAIGN_STATUSES } from '../domain/campaign';
import { analysisBody, estimate } from './analysis';
import { sampleDesign } from './fieldwork';
import { list, pair } from './common';

/** One row of the response table: the whole sample, one level of a stratum variable, or one sampling stratum. */
export const responseRateRow = z.object({
  /** {} for the whole sample; { kon: 'kvinna' } a margin; every stratum variable for a stratum. */
  stratum: z.record(z.string(), z.string()),
  level: z.enum(['total', 'margin', 'stratum']),
  /** N_h, when known (summed for a margin). */
  populationSize: z.number().nullable(),
  invited: z.number(),
  /** Codes used (web or paper); null when suppressed (below minCell, or so that such a count cannot be derived). */
  responded: z.number().nullable(),
  rate: z.number().nullable(),
});
export type ResponseRateRow = z.infer<typeof responseRateRow>;

/** A campaign of the same kommun that measures some of the same indicators (the same ids): a point of the trend. */
export const trendCampaign = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  isDemo: z.boolean(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  /** First and last response date. */
  fieldwork: z.object({ first: z.string(), last: z.string() }).nullable(),
  responses: z.number(),
  /** The indicators it shares with the campaign the trend is for. */
  commonIndicators: list(z.string()),
});
export type TrendCampaign = z.infer<typeof trendCampaign>;

/** GET /api/campaigns/:id/lagesbild: what the method section says about the sample and the fieldwork, and what can be compared. */
export const lagesbildSetupResponse = z.object({
  campaign: z.object({
    id: z.string(),
    title: z.string(),
    kommunkod: z.string(),
    kommunNamn: z.string(),
    mode: z.enum(CAMPAIGN_MODES),
    status: z.enum(CAMPAIGN_STATUSES),
    isDemo: z.boolean(),
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
    templateTitle: z.string(),
  }),
  /** How the sample was designed, as recorded when the codes were issued; null for an open link or codes issued without it. */
  sampleDesign: sampleDesign.nullable(),
  fieldwork: z.object({ first: z.string(), last: z.string() }).nullable(),
  responses: z.number(),
  minCell: z.number(),
  /** Invited, responded and response rate overall, per level of each stratum variable and per stratum (personal codes). */
  responseRates: list(responseRateRow),
  /** Responses by mode; null counts are suppressed. */
  byMode: z.object({ web: z.number().nullable(), paper: z.number().nullable() }),
  /** The first letter (wave 0) and each reminder, with the responses that came in while it was the latest. */
  byWave: list(z.object({ wave: z.number(), sentOn: z.string().nullable(), codeCount: z.number(), responses: z.number().nullable() })),
  /** Campaigns of the kommun with indicators in common, oldest first (this one included). */
  trendCampaigns: list(trendCampaign),
  /** The kommun's screening months, newest first: one may be added to the lägesbild. */
  screeningMonths: list(z.object({ id: z.string(), title: z.string(), periodStart: z.string().nullable(), periodEnd: z.string().nullable(), status: z.enum(CAMPAIGN_STATUSES) })),
});
export type LagesbildSetup = z.infer<typeof lagesbildSetupResponse>;

/** Body of POST /api/campaigns/:id/trend: this campaign's analysis settings, and optionally which campaigns to compare (default every one with indicators in common). */
export const trendBody = z.strictObject({
  analysis: analysisBody.optional(),
  campaignIds: z.array(z.uuid()).max(20).optional(),
});
export type TrendRequest = z.infer<typeof trendBody>;

/** The change of an indicator in a domain between two campaigns: `npm run compare`'s comparison. */
export const estimateComparison = z.object({
  indicator: z.string(),
  domain: z.record(z.string(), z.string()),
  before: z.object({ proportion: z.number().nullable(), se: z.number().nullable(), ci: pair(z.number()).nullable() }),
  after: z.object({ proportion: z.number().nullable(), se: z.number().nullable(), ci: pair(z.number()).nullable() }),
  difference: z.number().nullable(),
  differenceSe: z.number().nullable(),
  differenceCi: pair(z.number()).nullable(),
  /** The interval of the difference excludes 0. */
  clearChange: z.boolean(),
  /** Suppressed in either campaign: nothing compared. */
  suppressed: z.boolean(),
});
export type EstimateComparisonInfo = z.infer<typeof estimateComparison>;

/** POST /api/campaigns/:id/trend: each campaign's estimates (its own design and weighting), and the change since the previous one. */
export const trendResponse = z.object({
  level: z.number(),
  /** Indicators in common with this campaign. */
  indicators: list(z.string()),
  campaigns: list(
    trendCampaign.extend({
      /** The campaign the trend is for. */
      current: z.boolean(),
      estimates: list(estimate),
      /** Why the campaign could not be analysed (its estimates are then empty). */
      error: z.string().nullable(),
      /** How it was weighted: its margins and its SCB year. */
      weighting: z.object({ margins: list(list(z.string())), populationYear: z.number().nullable() }).nullable(),
    }),
  ),
  /** The latest campaign before this one, if any. */
  previousId: z.string().nullable(),
  /** previous → this campaign, for every indicator × domain in both. */
  comparisons: list(estimateComparison),
});
export type Trend = z.infer<typeof trendResponse>;
