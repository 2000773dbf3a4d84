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
