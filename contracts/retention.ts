/**
 * Wire schemas of retention (gallring) as a campaign shows it, and of the
 * figures a report used, kept after the microdata are deleted
 * (docs/api-admin.md).
 */
import { z } from 'zod';
import { analysisBody, analysisResponse, estimate } from './analysis';
import { list } from './common';

/** When a campaign's microdata (responses or registrations) are deleted under the kommun's retention rule. */
export const campaignRetention = z.object({
  /** Months after closing; null: the kommun has not decided (kept until it does). */
  months: z.number().nullable(),
  closedOn: z.string().nullable(),
  /** The day the daily job deletes them; null while open or without a rule. */
  deleteOn: z.string().nullable(),
  /** Set once they have been deleted. */
  deletedOn: z.string().nullable(),
});
export type CampaignRetention = z.infer<typeof campaignRetention>;

/** Body of POST /api/campaigns/:id/published-figures: a title and the analysis to run and keep. */
export const publishFiguresBody = z.object({
  title: z.string().trim().min(1).max(200),
  analysis: analysisBody,
});
export type PublishFiguresInput = z.infer<typeof publishFiguresBody>;

/**
 * What is kept of an analysis: the estimates (suppressed ones without their
 * n), the mörkertal, the weighting summary and the method's meta data, but
 * not the per-value counts of excluded respondents or timings.
 */
export const publishedAnalysis = analysisResponse.extend({
  estimates: list(estimate.extend({ n: z.number().nullable() })),
  meta: analysisResponse.shape.meta.omit({ excluded: true, timing: true }),
});
export type PublishedAnalysis = z.infer<typeof publishedAnalysis>;

/** One set of published figures in GET /api/campaigns/:id/published-figures. */
export const publishedFiguresSummary = z.object({
  id: z.string(),
  campaignId: z.string(),
  kind: z.literal('analysis'),
  title: z.string(),
  publishedOn: z.string(),
  publishedBy: z.string().nullable(),
});
export type PublishedFiguresSummary = z.infer<typeof publishedFiguresSummary>;
export const publishedFiguresListResponse = list(publishedFiguresSummary);

/** GET /api/campaigns/:id/published-figures/:figuresId (and the answer of POST, 201). */
export const publishedFiguresResponse = publishedFiguresSummary.extend({ figures: publishedAnalysis });
export type PublishedFigures = z.infer<typeof publishedFiguresResponse>;
