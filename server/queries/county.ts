/**
 * Data access for the county (länsstyrelse) comparison. Every statement is
 * parameterised and returns aggregates or ids only, never answers.
 */
import type { Queryable } from '../db/database';

export interface LanKommun {
  kod: string;
  namn: string;
  lanNamn: string;
}

/** The real (non-demo) kommuner of a län, by name. */
export async function listKommunerOfLan(db: Queryable, lanKod: string): Promise<LanKommun[]> {
  return db.query<LanKommun>(
    `select kod, namn, lan_namn as "lanNamn" from kommuner where lan_kod = $1 and not is_demo order by namn`,
    [lanKod],
  );
}

export interface ClosedCampaignSummary {
  kommunkod: string;
  templateId: string;
  title: string;
  status: 'closed' | 'archived';
  /** The template's own title (e.g. "Befolkningsenkät om …"). */
  templateTitle: string;
  periodEnd: string | null;
  /** The day it was closed (null when closed before this was recorded and not in the audit log). */
  closedOn: string | null;
  createdAt: string;
  responses: number;
}

/** Closed or archived population campaigns (not demo) in the kommuner, newest first per kommun, with response counts. */
export async function listClosedPopulationCampaigns(db: Queryable, kommunkods: readonly string[]): Promise<ClosedCampaignSummary[]> {
  return db.query<ClosedCampaignSummary>(
    `select c.kommunkod, c.template_id as "templateId", c.definition->>'title' as "templateTitle", c.title, c.status, c.period_end::text as "periodEnd",
            c.closed_on::text as "closedOn", c.created_at::text as "createdAt", (select count(*)::int from responses r where r.campaign_id = c.id) as responses
       from campaigns c
      where c.kommunkod = any($1::text[]) and c.kind = 'population' and c.status in ('closed', 'archived') and not c.is_demo
      order by c.kommunkod, coalesce(c.closed_on, c.period_end, c.created_at::date) desc, c.created_at desc`,
    [kommunkods],
  );
}

export interface ComparisonCampaign {
  id: string;
  kommunkod: string;
  title: string;
  periodEnd: string | null;
  closedOn: string | null;
  templateVersion: number;
}

/** Per kommun, its latest closed (or archived) population campaign of the template: the same instrument. */
export async function findLatestClosedCampaigns(db: Queryable, kommunkods: readonly string[], templateId: string): Promise<ComparisonCampaign[]> {
  return db.query<ComparisonCampaign>(
    `select distinct on (c.kommunkod) c.id, c.kommunkod, c.title, c.period_end::text as "periodEnd", c.closed_on::text as "closedOn", c.template_version as "templateVersion"
       from campaigns c
      where c.kommunkod = any($1::text[]) and c.kind = 'population' and c.template_id = $2
        and c.status in ('closed', 'archived') and not c.is_demo
      order by c.kommunkod, coalesce(c.closed_on, c.period_end, c.created_at::date) desc, c.created_at desc`,
    [kommunkods, templateId],
  );
}

/** Codes of every real kommun in Sweden (for the national standard population). */
export async function listAllKommunKods(db: Queryable): Promise<string[]> {
  return (await db.query<{ kod: string }>('select kod from kommuner where not is_demo order by kod')).map((row) => row.kod);
}

export interface ScreeningActivity {
  kommunkod: string;
  campaigns: number;
  registrations: number;
}

/** Screening months per kommun and their active registrations (counts only). */
export async function countScreeningActivity(db: Queryable, kommunkods: readonly string[]): Promise<ScreeningActivity[]> {
  return db.query<ScreeningActivity>(
    `select c.kommunkod, count(distinct c.id)::int as campaigns,
            count(r.id) filter (where r.status = 'active')::int as registrations
       from campaigns c left join screening_registrations r on r.campaign_id = c.id
      where c.kommunkod = any($1::text[]) and c.kind = 'screening' and not c.is_demo
      group by c.kommunkod`,
    [kommunkods],
  );
}
