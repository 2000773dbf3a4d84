import type { Queryable } from '../db/database';

/** A submission waiting for its batch: what its response row will hold. */
export interface PooledResponse {
  campaignId: string;
  kommunkod: string;
  stratum: Record<string, string> | null;
  mode: 'web' | 'paper';
  wave: number;
  answers: Record<string, unknown>;
}

/** Adds waiting submissions in one statement, in the order given (callers shuffle). */
export async function insertIntoPool(db: Queryable, rows: readonly PooledResponse[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `insert into response_pool (campaign_id, kommunkod, stratum, mode, wave, answers)
     select * from unnest($1::uuid[], $2::text[], $3::jsonb[], $4::text[], $5::int[], $6::jsonb[])`,
    [
      rows.map((r) => r.campaignId),
      rows.map((r) => r.kommunkod),
      rows.map((r) => (r.stratum === null ? null : JSON.stringify(r.stratum))),
      rows.map((r) => r.mode),
      rows.map((r) => r.wave),
      rows.map((r) => JSON.stringify(r.answers)),
    ],
  );
}

/** Campaigns whose waiting submissions are due: at least `minBatch` waiting, or the campaign no longer open. */
export async function listDueCampaigns(db: Queryable, minBatch: number): Promise<string[]> {
  const rows = await db.query<{ campaignId: string }>(
    `select p.campaign_id as "campaignId" from response_pool p join campaigns c on c.id = p.campaign_id
      group by p.campaign_id, c.status having count(*) >= $1 or c.status <> 'open'`,
    [minBatch],
  );
  return rows.map((row) => row.campaignId);
}

/**
 * Moves every waiting submission of a campaign into `responses` in ONE
 * statement: deleted from the pool and inserted in random order with fresh
 * random ids and the batch's date. Concurrent moves of one campaign cannot
 * both take a row (the delete locks it). Returns the number moved.
 */
export async function moveBatchToResponses(db: Queryable, campaignId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `with moved as (
       delete from response_pool where campaign_id = $1
       returning campaign_id, kommunkod, stratum, mode, wave, answers
     ), stored as (
       insert into responses (campaign_id, kommunkod, stratum, mode, response_date, wave, answers)
       select campaign_id, kommunkod, stratum, mode, current_date, wave, answers from moved order by random()
       returning 1
     )
     select count(*)::int as n from stored`,
    [campaignId],
  );
  return rows[0].n;
}

/** Waiting submissions of a campaign by mode and wave. */
export async function countWaiting(db: Queryable, campaignId: string): Promise<{ mode: 'web' | 'paper'; wave: number; n: number }[]> {
  return db.query(
    'select mode, wave, count(*)::int as n from response_pool where campaign_id = $1 group by mode, wave',
    [campaignId],
  );
}

/** The reminder wave in force now for each campaign (0 before the first reminder). */
export async function currentWaves(db: Queryable, campaignIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ campaignId: string; wave: number }>(
    `select c as "campaignId", coalesce((select max(wave) from reminder_waves w where w.campaign_id = c), 0)::int as wave
       from unnest($1::uuid[]) as c`,
    [campaignIds],
  );
  return new Map(rows.map((row) => [row.campaignId, row.wave]));
}
