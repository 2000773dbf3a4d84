import type { ExportedResponse } from '../../contracts/exports';
import type { Queryable } from '../db/database';

/** Responses of a campaign by mode. */
export async function countResponsesByMode(db: Queryable, campaignId: string): Promise<{ web: number; paper: number }> {
  const rows = await db.query<{ web: number; paper: number }>(
    `select count(*) filter (where mode = 'web')::int as web, count(*) filter (where mode = 'paper')::int as paper
       from responses where campaign_id = $1`,
    [campaignId],
  );
  return rows[0];
}

/** Responses by ISO week (Monday of the week) and mode. */
export async function countResponsesByWeek(db: Queryable, campaignId: string): Promise<{ weekStart: string; web: number; paper: number }[]> {
  return db.query(
    `select (date_trunc('week', response_date)::date)::text as "weekStart",
            count(*) filter (where mode = 'web')::int as web, count(*) filter (where mode = 'paper')::int as paper
       from responses where campaign_id = $1 group by 1 order by 1`,
    [campaignId],
  );
}

/** Responses by the reminder wave in force when they came in. */
export async function countResponsesByWave(db: Queryable, campaignId: string): Promise<{ wave: number; n: number }[]> {
  return db.query(`select wave, count(*)::int as n from responses where campaign_id = $1 group by 1 order by 1`, [campaignId]);
}


/**
 * One page of a campaign's responses in id order (ids are random, so the
 * order says nothing about when a response came in). Pass the last id of the
 * previous page as `after`.
 */
export async function pageResponses(db: Queryable, campaignId: string, after: string | null, limit: number): Promise<ExportedResponse[]> {
  return db.query<ExportedResponse>(
    `select id, stratum, mode, response_date::text as date, answers from responses
      where campaign_id = $1 and ($2::uuid is null or id > $2::uuid)
      order by id limit $3`,
    [campaignId, after, limit],
  );
}
