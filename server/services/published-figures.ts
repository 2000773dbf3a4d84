/**
 * Figures a report used, kept as published figures: the survey analysis is
 * run once more on the server with the given settings and its aggregated,
 * suppressed result is stored. They stay when retention deletes the
 * responses, so the nämnd's numbers can still be shown and checked.
 */
import type { AnalysisResult } from '../../contracts/analysis';
import type { PublishedAnalysis, PublishedFigures, PublishedFiguresSummary, PublishFiguresInput } from '../../contracts/retention';
import type { AuthContext } from '../auth/auth-context';
import type { Database } from '../db/database';
import { notFound } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { findPublishedFigures, insertPublishedFigures, listPublishedFigures } from '../queries/published-figures';
import { runCampaignAnalysis } from './analysis';
import { findCampaignForAnalyst } from './campaigns';

/** The aggregated part of an analysis: suppressed estimates lose their n; no excluded-value counts, no timings. */
export function publishableAnalysis(result: AnalysisResult): PublishedAnalysis {
  const { excluded: _excluded, timing: _timing, ...meta } = result.meta;
  return {
    weighting: result.weighting,
    estimates: result.estimates.map((e) => (e.suppressed ? { ...e, n: null } : e)),
    darkFigure: result.darkFigure,
    meta,
  };
}

export async function publishFigures(db: Database, auth: AuthContext, campaignId: string, input: PublishFiguresInput): Promise<PublishedFigures> {
  const campaign = await findCampaignForAnalyst(db, auth, campaignId);
  const figures = publishableAnalysis(await runCampaignAnalysis(db, auth, campaign.id, input.analysis));
  const id = await db.transaction(async (tx) => {
    const id = await insertPublishedFigures(tx, {
      campaignId: campaign.id,
      kommunkod: campaign.kommunkod,
      title: input.title,
      parameters: input.analysis,
      figures,
      publishedBy: auth.userId,
    });
    await writeAuditLog(tx, { userId: auth.userId, kommunkod: campaign.kommunkod, action: 'campaign.publish_figures', details: { campaignId: campaign.id, figuresId: id, title: input.title } });
    return id;
  });
  return (await publishedFiguresOf(db, auth, campaign.id, id))!;
}

export async function listPublishedFiguresFor(db: Database, auth: AuthContext, campaignId: string): Promise<PublishedFiguresSummary[]> {
  const campaign = await findCampaignForAnalyst(db, auth, campaignId);
  return listPublishedFigures(db, campaign.id);
}

export async function publishedFiguresOf(db: Database, auth: AuthContext, campaignId: string, id: string): Promise<PublishedFigures> {
  const campaign = await findCampaignForAnalyst(db, auth, campaignId);
  const found = /^[0-9a-f-]{36}$/i.test(id) ? await findPublishedFigures(db, campaign.id, id) : undefined;
  if (!found) throw notFound('De publicerade siffrorna finns inte.');
  return { ...found, figures: found.figures as PublishedAnalysis };
}
