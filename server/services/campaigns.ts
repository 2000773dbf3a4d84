import { randomBytes } from 'node:crypto';
import type { CampaignSummary, CreateCampaignBody } from '../../contracts/campaigns';
import type { Database } from '../db/database';
import { analystKommuner, type AuthContext } from '../auth/auth-context';
import { badRequest, forbidden, notFound } from '../http/http-error';
import { findCampaign, insertCampaign, listCampaigns, type CampaignRow } from '../queries/campaigns';
import { findTemplate } from '../queries/templates';
import { writeAuditLog } from '../queries/audit-log';
import { defaultLanguages } from './languages';
import { findKommunSettings } from '../queries/kommun-settings';
import { SurveyPreparationError, type CampaignArea } from '../../domain/templates/prepare-survey';
import type { TemplateDefinition } from '../../domain/templates/template-schema';
import { campaignTemplate } from './campaign-survey';

/** The kommun a request acts in: the given one if the user is analyst there, else the user's first. */
export function chooseKommun(auth: AuthContext, requested?: string): string {
  const allowed = analystKommuner(auth);
  if (requested !== undefined) {
    if (!allowed.includes(requested)) throw forbidden(`Du har ingen analytikerroll i kommun ${requested}.`);
    return requested;
  }
  if (allowed.length === 0) throw forbidden('Du har ingen analytikerroll i någon kommun.');
  return allowed[0];
}

export function listCampaignsFor(db: Database, auth: AuthContext): Promise<CampaignSummary[]> {
  return listCampaigns(db, analystKommuner(auth));
}

export async function createCampaign(
  db: Database,
  auth: AuthContext,
  input: CreateCampaignBody,
): Promise<string> {
  const kommunkod = chooseKommun(auth, input.kommunkod);
  const template = await findTemplate(db, input.templateId, input.templateVersion);
  if (!template || (template.kommunkod !== null && template.kommunkod !== kommunkod)) {
    throw badRequest(`Mallen "${input.templateId}" finns inte.`, { field: 'templateId' });
  }
  const mode = input.mode ?? 'codes';
  // What the campaign form would ask again and again comes from the kommun's settings.
  const settings = await findKommunSettings(db, kommunkod);
  const id = await insertCampaign(db, {
    kommunkod,
    title: input.title,
    template: template.definition,
    mode,
    openSlug: mode === 'open' ? randomBytes(9).toString('base64url') : null,
    languages: defaultLanguages(template.definition),
    contact: settings?.contact,
    areas: settings && areasFit(template.definition, settings.areas) ? settings.areas : undefined,
    createdBy: auth.userId,
  });
  await writeAuditLog(db, { userId: auth.userId, kommunkod, action: 'campaign.create', details: { campaignId: id } });
  return id;
}

/** Whether the template takes these områden (it has an område question, and the codes fit it). */
function areasFit(definition: TemplateDefinition, areas: readonly CampaignArea[]): boolean {
  if (areas.length === 0) return false;
  try {
    campaignTemplate(definition, areas, {});
    return true;
  } catch (error) {
    if (error instanceof SurveyPreparationError) return false;
    throw error;
  }
}

/** A campaign the user may manage as analyst; 404 (not 403) for others, so ids cannot be probed. */
export async function findCampaignForAnalyst(db: Database, auth: AuthContext, id: string): Promise<CampaignRow> {
  const campaign = /^[0-9a-f-]{36}$/i.test(id) ? await findCampaign(db, id) : undefined;
  if (!campaign || !analystKommuner(auth).includes(campaign.kommunkod)) throw notFound('Undersökningen finns inte.');
  return campaign;
}
