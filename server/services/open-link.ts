import type { Database } from '../db/database';
import { notFound } from '../http/http-error';
import { findCampaignBySlug, type CampaignRow } from '../queries/campaigns';
import { claimOpenSubmission, insertResponse } from '../queries/responses';
import { keyedHash } from './code-secret';
import { respondentView } from './respondent-view';

/** An open campaign reached by its public link; 404 for anything else, with one generic message. */
export async function findOpenCampaign(db: Database, slug: string): Promise<CampaignRow> {
  const campaign = await findCampaignBySlug(db, slug);
  if (!campaign || campaign.mode !== 'open' || campaign.status !== 'open') {
    throw notFound('Enkäten finns inte eller är inte öppen.');
  }
  return campaign;
}

export async function openLinkSurvey(db: Database, slug: string) {
  return respondentView(await findOpenCampaign(db, slug), {});
}

/**
 * Stores an open-link submission exactly once. The submission id's keyed hash
 * and the response are written in one transaction; a retry with the same id
 * finds the hash and stores nothing.
 */
export async function submitOpenLink(
  db: Database,
  secret: Buffer,
  slug: string,
  submission: { submissionId: string; answers: Record<string, unknown> },
): Promise<'created' | 'repeat'> {
  const campaign = await findOpenCampaign(db, slug);
  const submissionHash = keyedHash(secret, 'open', campaign.id, submission.submissionId);
  return db.transaction(async (tx) => {
    if (!(await claimOpenSubmission(tx, campaign.id, submissionHash))) return 'repeat';
    await insertResponse(tx, { campaignId: campaign.id, kommunkod: campaign.kommunkod, stratum: null, mode: 'web', answers: submission.answers });
    return 'created';
  });
}
