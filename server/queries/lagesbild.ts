import type { CampaignStatus } from '../../domain/campaign';
import type { Queryable } from '../db/database';

export interface TrendCampaignRow {
  id: string;
  title: string;
  status: CampaignStatus;
  isDemo: boolean;
  periodStart: string | null;
  periodEnd: string | null;
  createdAt: string;
  indicatorIds: string[];
  responses: number;
  firstResponse: string | null;
  lastResponse: string | null;
}

/** The kommun's population campaigns with their indicator ids and response dates, oldest first (by period start, else first response). */
export async function listPopulationCampaignsWithIndicators(db: Queryable, kommunkod: string): Promise<TrendCampaignRow[]> {
  return db.query<TrendCampaignRow>(
    `select c.id, c.title, c.status, c.is_demo as "isDemo", c.period_start::text as "periodStart", c.period_end::text as "periodEnd",
            c.created_at::text as "createdAt",
            coalesce((select json_agg(i->>'id') from jsonb_array_elements(c.definition->'meta'->'indicators') i), '[]'::json) as "indicatorIds",
            coalesce(r.n, 0)::int as responses, r.first as "firstResponse", r.last as "lastResponse"
       from campaigns c
       left join (select campaign_id, count(*) as n, min(response_date)::text as first, max(response_date)::text as last
                    from responses group by campaign_id) r on r.campaign_id = c.id
      where c.kommunkod = $1 and c.kind = 'population'
      order by coalesce(c.period_start::text, r.first, c.created_at::text), c.created_at`,
    [kommunkod],
  );
}

/** The kommun's screening months of client contacts (not inventory months), newest first. */
export async function listScreeningMonths(db: Queryable, kommunkod: string): Promise<{ id: string; title: string; periodStart: string | null; periodEnd: string | null; status: CampaignStatus }[]> {
  return db.query(
    `select id, title, period_start::text as "periodStart", period_end::text as "periodEnd", status
       from campaigns
      where kommunkod = $1 and kind = 'screening' and coalesce(definition->'meta'->>'form', 'contacts') = 'contacts'
      order by coalesce(period_start, created_at::date) desc`,
    [kommunkod],
  );
}
