import type { Queryable } from '../db/database';

/** An open-link submission to add to the pool: what its response row will hold, and its receipt. */
export interface WaitingOpenSubmission {
  campaignId: string;
  kommunkod: string;
  stratum: Record<string, string> | null;
  mode: 'web' | 'paper';
  answers: Record<string, unknown>;
  receiptHash: string;
}

/**
 * Adds open-link submissions whose receipt is new, in ONE statement:
 * receipts first (a retry's receipt exists and adds nothing), then the
 * waiting responses in the order given, each with the reminder wave in force
 * now. Returns the receipts that were new.
 */
export async function poolOpenSubmissions(
  db: Queryable,
  rows: readonly WaitingOpenSubmission[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const stored = await db.query<{ receiptHash: string }>(
    `with input as (
       select * from unnest($1::uuid[], $2::text[], $3::jsonb[], $4::text[], $5::jsonb[], $6::text[])
         with ordinality as t(campaign_id, kommunkod, stratum, mode, answers, receipt_hash, n)
     ), fresh as (
       insert into submission_receipts (campaign_id, receipt_hash)
       select campaign_id, receipt_hash from input on conflict do nothing returning receipt_hash
     ), pooled as (
       insert into response_pool (campaign_id, kommunkod, stratum, mode, wave, answers)
       select i.campaign_id, i.kommunkod, i.stratum, i.mode,
              coalesce((select max(w.wave) from reminder_waves w where w.campaign_id = i.campaign_id), 0), i.answers
         from input i join fresh f on f.receipt_hash = i.receipt_hash order by i.n
     )
     select receipt_hash as "receiptHash" from fresh`,
    [
      rows.map((r) => r.campaignId),
      rows.map((r) => r.kommunkod),
      rows.map((r) => (r.stratum === null ? null : JSON.stringify(r.stratum))),
      rows.map((r) => r.mode),
      rows.map((r) => JSON.stringify(r.answers)),
      rows.map((r) => r.receiptHash),
    ],
  );
  return new Set(stored.map((row) => row.receiptHash));
}

/** Campaigns whose waiting submissions are due: at least `minBatch` waiting, or the campaign no longer open. */
export async function listDueCampaigns(db: Queryable, minBatch: number): Promise<{ campaignId: string; open: boolean }[]> {
  return db.query<{ campaignId: string; open: boolean }>(
    `select p.campaign_id as "campaignId", c.status = 'open' as open from response_pool p join campaigns c on c.id = p.campaign_id
      group by p.campaign_id, c.status having count(*) >= $1 or c.status <> 'open'`,
    [minBatch],
  );
}

/** A waiting submission chosen for the next batch: its pool id and what its analysis record is computed from. */
export interface ChosenSubmission {
  id: string;
  stratum: Record<string, string> | null;
  answers: Record<string, unknown>;
}

/** Up to `limit` waiting submissions of a campaign, chosen at random, in random order: the next batch. */
export async function chooseBatch(db: Queryable, campaignId: string, limit: number): Promise<ChosenSubmission[]> {
  return db.query('select id, stratum, answers from response_pool where campaign_id = $1 order by random() limit $2', [campaignId, limit]);
}

/**
 * Moves the chosen submissions of a campaign into `responses` in ONE
 * statement (atomic without a transaction): deleted from the pool and
 * inserted in random order with fresh random ids and the batch's date,
 * with their analysis records (`segment`, computed from the chosen rows
 * beforehand, so no lock is held while they are computed), and marked
 * recorded if there is a segment. All or nothing: if any chosen row is no
 * longer waiting (another process moved it), nothing moves and 0 is
 * returned, so a batch is never smaller than chosen. Concurrent moves
 * cannot both take a row (the rows are locked first). Returns how many moved.
 */
export async function moveChosenToResponses(
  db: Queryable,
  campaignId: string,
  ids: readonly string[],
  segment: { definitionKey: string; data: Uint8Array } | undefined,
): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `with locked as (
       select id from response_pool where campaign_id = $1 and id = any($2::uuid[]) for update
     ), whole as (
       select count(*) = $3::int as ok from locked
     ), moved as (
       delete from response_pool p using whole
        where whole.ok and p.campaign_id = $1 and p.id = any($2::uuid[])
       returning p.campaign_id, p.kommunkod, p.stratum, p.mode, p.wave, p.answers
     ), stored as (
       insert into responses (campaign_id, kommunkod, stratum, mode, response_date, wave, answers, recorded)
       select campaign_id, kommunkod, stratum, mode, current_date, wave, answers, $4::text is not null from moved order by random()
       returning 1
     ), segment as (
       insert into response_records (campaign_id, definition_key, responses, data)
       select $1::uuid, $4::text, $3::int, $5::bytea from whole where whole.ok and $4::text is not null
     )
     select count(*)::int as n from stored`,
    [campaignId, ids, ids.length, segment?.definitionKey ?? null, segment?.data ?? null],
  );
  return rows[0].n;
}

/** Number of waiting submissions of a campaign. */
export async function countWaitingOfCampaign(db: Queryable, campaignId: string): Promise<number> {
  const rows = await db.query<{ n: number }>('select count(*)::int as n from response_pool where campaign_id = $1', [campaignId]);
  return rows[0].n;
}

/** Waiting submissions of a campaign by mode and wave. */
export async function countWaiting(db: Queryable, campaignId: string): Promise<{ mode: 'web' | 'paper'; wave: number; n: number }[]> {
  return db.query(
    'select mode, wave, count(*)::int as n from response_pool where campaign_id = $1 group by mode, wave',
    [campaignId],
  );
}

