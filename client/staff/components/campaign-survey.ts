/**
 * A campaign's questionnaire as its respondents get it: the template version
 * the campaign was created with (versions never change once saved, so it is
 * the campaign's frozen copy) with the campaign's områden and modules applied
 * by the same code the server uses.
 */
import { api } from '../api';
import type { TemplateVersionView } from '../../../contracts/templates';
import type { CampaignDetail } from '../../../contracts/fieldwork';
import { prepareSurveyJson } from '../../../domain/templates/prepare-survey';
import type { TemplateDefinition } from '../../../domain/templates/template-schema';

export async function loadCampaignSurvey(campaign: CampaignDetail): Promise<{ template: TemplateDefinition; survey: Record<string, unknown> }> {
  const template = await api<TemplateVersionView>(
    'GET',
    `/api/templates/${encodeURIComponent(campaign.template.id)}?version=${campaign.template.version}`,
  );
  const survey = prepareSurveyJson(template.definition, {
    areas: campaign.areas.length > 0 ? campaign.areas : undefined,
    modules: campaign.modules,
  });
  return { template: template.definition, survey };
}
