/** Wire schemas of listing and creating population surveys (docs/api.md). */
import { z } from 'zod';
import { CAMPAIGN_KINDS, CAMPAIGN_MODES, CAMPAIGN_STATUSES } from '../domain/campaign';
import { kommunkod, list } from './common';

/** Body of POST /api/campaigns; answered with `{ id }` (contracts/common.ts `createdResponse`). */
export const createCampaignBody = z.object({
  templateId: z.string().min(1).max(100),
  templateVersion: z.number().int().positive().optional(),
  title: z.string().trim().min(1).max(200),
  kommunkod: kommunkod.optional(),
  mode: z.enum(CAMPAIGN_MODES).optional(),
});
export type CreateCampaignBody = z.infer<typeof createCampaignBody>;

/** One campaign in GET /api/campaigns (the caller's kommuner, newest first). */
export const campaignSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  kind: z.enum(CAMPAIGN_KINDS),
  kommunkod: z.string(),
  kommunNamn: z.string(),
  isDemo: z.boolean(),
  templateId: z.string(),
  templateVersion: z.number(),
  mode: z.enum(CAMPAIGN_MODES),
  openSlug: z.string().nullable(),
  createdAt: z.string(),
});
export type CampaignSummary = z.infer<typeof campaignSummary>;
export const campaignListResponse = list(campaignSummary);
