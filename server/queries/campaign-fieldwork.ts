import type { PublicTitle } from '../../contracts/respondent';
import type { CampaignKind, CampaignMode, CampaignStatus } from '../../domain/campaign';
import type { TemplateDefinition } from '../../domain/templates/template-schema';
import type { Queryable } from '../db/database';

import type { CampaignArea } from '../../domain/templates/prepare-survey';

export type { CampaignArea };

/** A campaign's stored public title and the template titles it falls back to. */
export interface CampaignTitles {
  /** Set by the analyst; null means the template's. */
  publicTitle: PublicTitle | null;
  templatePublicTitle: TemplateDefinition['meta']['publicTitle'];
  surveyTitle: unknown;
}

const titleColumns = `public_title as "publicTitle", definition->'meta'->'publicTitle' as "templatePublicTitle",
            definition->'survey'->'title' as "surveyTitle"`;

export interface CampaignDetailRow extends CampaignTitles {
  id: string;
  kommunkod: string;
  kind: CampaignKind;
  title: string;
  status: CampaignStatus;
  mode: CampaignMode;
  openSlug: string | null;
  isDemo: boolean;
  templateId: string;
  templateVersion: number;
  periodStart: string | null;
  periodEnd: string | null;
  languages: string[];
  contact: Record<string, string>;
  areas: CampaignArea[];
  modules: Record<string, boolean>;
  codesDeletedOn: string | null;
  createdAt: string;
  closedOn: string | null;
  microdataDeletedOn: string | null;
}

export async function findCampaignDetail(db: Queryable, id: string): Promise<CampaignDetailRow | undefined> {
  const rows = await db.query<CampaignDetailRow>(
    `select id, kommunkod, kind, title, status, mode, open_slug as "openSlug", is_demo as "isDemo",
            template_id as "templateId", template_version as "templateVersion",
            period_start as "periodStart", period_end as "periodEnd", languages, contact, areas, modules,
            codes_deleted_on as "codesDeletedOn", created_at as "createdAt", closed_on as "closedOn",
            microdata_deleted_on as "microdataDeletedOn", ${titleColumns}
       from campaigns where id = $1`,
    [id],
  );
  return rows[0];
}

/** Moves a campaign from one status to the next; false if it was not in `from` (a concurrent change). */
export async function updateCampaignStatus(db: Queryable, id: string, from: CampaignStatus, to: CampaignStatus): Promise<boolean> {
  const rows = await db.query(
    `update campaigns set status = $3, closed_on = case when $3 = 'closed' then current_date else closed_on end
      where id = $1 and status = $2 returning id`,
    [id, from, to],
  );
  return rows.length === 1;
}

export interface CampaignSettings {
  title?: string;
  /** null: back to the template's neutral title. */
  publicTitle?: PublicTitle | null;
  periodStart?: string | null;
  periodEnd?: string | null;
  languages?: string[];
  contact?: Record<string, string>;
  areas?: CampaignArea[];
  modules?: Record<string, boolean>;
}

/** Updates the given settings; an absent field is left as it is, null clears a period date. */
export async function updateCampaignSettings(db: Queryable, id: string, settings: CampaignSettings): Promise<void> {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  await db.query(
    `update campaigns set
        title = coalesce($2, title),
        period_start = case when $3 then $4::date else period_start end,
        period_end = case when $5 then $6::date else period_end end,
        languages = coalesce($7::jsonb, languages),
        contact = coalesce($8::jsonb, contact),
        areas = coalesce($9::jsonb, areas),
        modules = coalesce($10::jsonb, modules),
        public_title = case when $11 then $12::jsonb else public_title end
      where id = $1`,
    [
      id,
      settings.title ?? null,
      settings.periodStart !== undefined,
      settings.periodStart ?? null,
      settings.periodEnd !== undefined,
      settings.periodEnd ?? null,
      json(settings.languages),
      json(settings.contact),
      json(settings.areas),
      json(settings.modules),
      settings.publicTitle !== undefined,
      json(settings.publicTitle ?? undefined),
    ],
  );
}

/** What serving and validating a campaign's survey needs: the frozen template and the campaign's settings. */
export async function findCampaignSurveySource(db: Queryable, id: string) {
  const rows = await db.query<{ definition: import('../../domain/templates/template-schema').TemplateDefinition; areas: CampaignArea[]; modules: Record<string, boolean> }>(
    'select definition, areas, modules from campaigns where id = $1',
    [id],
  );
  return rows[0];
}

/** What a respondent is shown of a campaign, besides the questionnaire. */
export interface RespondentFaceRow extends CampaignTitles {
  kommunkod: string;
  contact: Record<string, string>;
  languages: string[];
  supportLines: string[] | null;
}

export async function findRespondentFace(db: Queryable, id: string): Promise<RespondentFaceRow | undefined> {
  const rows = await db.query<RespondentFaceRow>(
    `select kommunkod, contact, languages, definition->'meta'->'supportLines' as "supportLines", ${titleColumns} from campaigns where id = $1`,
    [id],
  );
  return rows[0];
}
