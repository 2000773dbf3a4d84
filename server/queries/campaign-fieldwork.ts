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
  /** The template's own (staff) title, e.g. "Befolkningsenkät om trygghet och relationer". */
  templateTitle: string;
  periodStart: string | null;
  periodEnd: string | null;
  languages: string[];
  contact: Record<string, string>;
  areas: CampaignArea[];
  modules: Record<string, boolean>;
  codesDeletedOn: string | null;
  /** The day the campaign was last opened (the first mailing); null for a draft. */
  openedOn: string | null;
  createdAt: string;
  closedOn: string | null;
  microdataDeletedOn: string | null;
}

export async function findCampaignDetail(db: Queryable, id: string): Promise<CampaignDetailRow | undefined> {
  const rows = await db.query<CampaignDetailRow>(
    `select id, kommunkod, kind, title, status, mode, open_slug as "openSlug", is_demo as "isDemo",
            template_id as "templateId", template_version as "templateVersion", definition->>'title' as "templateTitle",
            period_start as "periodStart", period_end as "periodEnd", languages, contact, areas, modules,
            codes_deleted_on as "codesDeletedOn", opened_on::text as "openedOn", created_at as "createdAt", closed_on as "closedOn",
            microdata_deleted_on as "microdataDeletedOn", ${titleColumns}
       from campaigns where id = $1`,
    [id],
  );
  return rows[0];
}

/**
 * Moves a campaign from one status to another; false if it was not in `from`
 * (a concurrent change). Opening records today as the first mailing's date,
 * closing today as the closing date; going back to draft clears both.
 */
export async function updateCampaignStatus(db: Queryable, id: string, from: CampaignStatus, to: CampaignStatus): Promise<boolean> {
  const rows = await db.query(
    `update campaigns set status = $3,
            opened_on = case when $3 = 'open' then current_date when $3 = 'draft' then null else opened_on end,
            closed_on = case when $3 = 'closed' then current_date when $3 = 'draft' then null else closed_on end
      where id = $1 and status = $2 returning id`,
    [id, from, to],
  );
  return rows.length === 1;
}

/** The day the campaign was last opened, or null. */
export async function findCampaignOpenedOn(db: Queryable, id: string): Promise<string | null> {
  const rows = await db.query<{ openedOn: string | null }>('select opened_on::text as "openedOn" from campaigns where id = $1', [id]);
  return rows[0]?.openedOn ?? null;
}

/** Codes ever issued to the campaign (kept per stratum after the codes are deleted). */
export async function countIssuedCodes(db: Queryable, id: string): Promise<number> {
  const rows = await db.query<{ n: number }>('select coalesce(sum(invited), 0)::int as n from campaign_strata where campaign_id = $1', [id]);
  return rows[0].n;
}

/**
 * Everything a respondent or a unit has handed in for the campaign: stored
 * and waiting responses, paper forms entered once of a double entry, and
 * screening registrations. Read under a lock on the campaign row (the
 * caller's transaction), so a concurrent status change waits.
 */
export async function countCampaignAnswers(db: Queryable, id: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `select ((select count(*) from responses where campaign_id = $1)
           + (select count(*) from response_pool where campaign_id = $1)
           + (select count(*) from paper_entries where campaign_id = $1)
           + (select count(*) from screening_registrations where campaign_id = $1))::int as n
       from campaigns where id = $1 for update`,
    [id],
  );
  return rows[0]?.n ?? 0;
}

/** Deletes a campaign and, by cascade, its strata, codes, usage, drafts, waves and tables. */
export async function deleteCampaignRow(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query('delete from campaigns where id = $1 returning id', [id]);
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
