import type { SurveyResponse } from '../../contracts/respondent';
import type { Database } from '../db/database';
import { notFound } from '../http/http-error';
import { findCampaignGatesBySlugs, type CampaignGate } from '../queries/campaigns';
import { batchedLookup } from './batcher';
import { keyedHash } from './code-secret';
import { campaignSurvey } from './campaign-survey';
import { respondentCampaign, respondentSurvey } from './public-title';
import { invalidAnswers } from './respond';
import type { ResponseStore } from './response-store';

/** Concurrent requests' open-link lookups, grouped into one query. */
const findCampaignGate = batchedLookup(findCampaignGatesBySlugs);

/** An open campaign reached by its public link; 404 for anything else, with one generic message. */
export async function findOpenCampaign(db: Database, slug: string): Promise<CampaignGate> {
  const campaign = await findCampaignGate(db, slug);
  if (!campaign || campaign.mode !== 'open' || campaign.status !== 'open') {
    throw notFound('Enkäten finns inte eller är inte öppen.');
  }
  return campaign;
}

/** The survey of an open-link campaign (with its områden, modules and public title applied); open links keep no drafts. */
export async function openLinkSurvey(db: Database, store: ResponseStore, slug: string): Promise<SurveyResponse> {
  const found = await findOpenCampaign(db, slug);
  const { survey } = await campaignSurvey(db, found.id, found.status);
  const campaign = await respondentCampaign(db, found.id);
  return { campaign, survey: respondentSurvey(survey, campaign), answers: {}, locale: 'sv', draft: null, batchSize: store.batchSize, linkKind: 'open' };
}

/**
 * Stores an open-link submission exactly once. The answers are validated
 * with the campaign's cached validator (400 naming the question); then the
 * response store writes the submission id's keyed hash (receipt) and the
 * waiting response in one group-committed transaction, and a retry with the
 * same id finds the receipt and stores nothing.
 */
export async function submitOpenLink(
  db: Database,
  store: ResponseStore,
  secret: Buffer,
  slug: string,
  submission: { submissionId: string; answers: Record<string, unknown> },
): Promise<'created' | 'repeat'> {
  const campaign = await findOpenCampaign(db, slug);
  const { validate } = await campaignSurvey(db, campaign.id, campaign.status);
  const checked = validate(submission.answers);
  if (!checked.ok) throw invalidAnswers(checked.errors);
  const receiptHash = keyedHash(secret, 'open', campaign.id, submission.submissionId);
  const outcome = await store.storeOpenSubmission({
    campaignId: campaign.id,
    kommunkod: campaign.kommunkod,
    receiptHash,
    stratum: null,
    answers: checked.answers,
  });
  return outcome === 'stored' ? 'created' : 'repeat';
}
