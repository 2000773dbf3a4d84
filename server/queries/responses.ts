import type { Queryable } from '../db/database';

/**
 * Stores one response directly in `responses` (random id, stratum, mode and
 * today's date). For test and demo data only: submissions go through the
 * response store's batches (server/services/response-store.ts).
 */
export async function insertResponse(
  db: Queryable,
  response: { campaignId: string; kommunkod: string; stratum: Record<string, string> | null; mode: 'web' | 'paper'; answers: Record<string, unknown> },
): Promise<void> {
  await db.query('insert into responses (campaign_id, kommunkod, stratum, mode, answers) values ($1, $2, $3, $4, $5)', [
    response.campaignId,
    response.kommunkod,
    response.stratum === null ? null : JSON.stringify(response.stratum),
    response.mode,
    JSON.stringify(response.answers),
  ]);
}

export async function countResponses(db: Queryable, campaignId: string): Promise<number> {
  const rows = await db.query<{ n: number }>('select count(*)::int as n from responses where campaign_id = $1', [campaignId]);
  return rows[0].n;
}

/** The first and last response date of a campaign (the batch dates), null without responses. */
export async function findResponseDateRange(db: Queryable, campaignId: string): Promise<{ first: string; last: string } | null> {
  const rows = await db.query<{ first: string | null; last: string | null }>(
    'select min(response_date)::text as first, max(response_date)::text as last from responses where campaign_id = $1',
    [campaignId],
  );
  return rows[0]?.first && rows[0].last ? { first: rows[0].first, last: rows[0].last } : null;
}
