import type { CampaignRow } from '../queries/campaigns';

/** What a respondent's browser receives: the frozen survey and the kommun's contact, nothing internal. */
export function respondentView(campaign: CampaignRow, answers: Record<string, unknown>) {
  return {
    campaign: { title: campaign.title, contact: campaign.contact, languages: campaign.languages },
    survey: campaign.definition.survey,
    answers,
    locale: 'sv',
  };
}
