import type { Queryable } from '../db/database';
import { findCampaignSurveySource, type CampaignArea } from '../queries/campaign-fieldwork';
import { prepareSurveyJson, withoutIntroPage } from '../../domain/templates/prepare-survey';
import type { TemplateDefinition } from '../../domain/templates/template-schema';
import { sanitizeSurveyHtml } from '../../domain/templates/sanitize-html';
import { compileAnswerValidator, type AnswerValidator } from './answer-validator';

/** A campaign's survey as respondents get it, and its compiled answer validator. */
export interface CampaignSurvey {
  /** SurveyJS JSON for the web: the campaign's områden and modules applied, the template's intro page left out. */
  survey: Record<string, unknown>;
  validate: AnswerValidator;
}

/**
 * Prepared surveys and validators per campaign id. Only campaigns past
 * `draft` are cached: from then on their template copy, områden and modules
 * never change, so an entry never goes stale.
 */
const cache = new Map<string, Promise<CampaignSurvey>>();

/** The template a campaign's respondents answer: the frozen copy with the campaign's settings applied. */
export function campaignTemplate(definition: TemplateDefinition, areas: readonly CampaignArea[], modules: Record<string, boolean>): TemplateDefinition {
  const survey = prepareSurveyJson(definition, { areas: areas.length > 0 ? areas : undefined, modules });
  return { ...definition, survey };
}

/**
 * The survey and validator of a campaign, compiled once per campaign and
 * process. `status` is the campaign's current status (already known to the
 * caller); drafts are not cached since their settings may still change.
 */
export function campaignSurvey(db: Queryable, campaignId: string, status: string): Promise<CampaignSurvey> {
  const cached = cache.get(campaignId);
  if (cached) return cached;
  const loading = loadCampaignSurvey(db, campaignId);
  if (status !== 'draft') {
    // The promise is cached, so concurrent first requests share one load; a failed load is not kept.
    cache.set(campaignId, loading);
    loading.catch(() => cache.delete(campaignId));
  }
  return loading;
}

async function loadCampaignSurvey(db: Queryable, campaignId: string): Promise<CampaignSurvey> {
  const source = await findCampaignSurveySource(db, campaignId);
  if (!source) throw new Error(`campaign ${campaignId} vanished`);
  const template = campaignTemplate(source.definition, source.areas, source.modules);
  // Compiled on first use, so serving a survey never waits for the validator.
  let validator: AnswerValidator | undefined;
  // HTML filtered again when served: templates stored before filtering, and the built-in ones, are safe too.
  return { survey: sanitizeSurveyHtml(withoutIntroPage(template)).survey, validate: (answers) => (validator ??= compileAnswerValidator(template))(answers) };
}
