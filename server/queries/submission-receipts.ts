import type { Queryable } from '../db/database';

/**
 * Receipts of stored submissions: a keyed hash of the submission id (with the
 * code hash for personal codes), so that a retry is answered "already
 * stored". The submission id itself is never stored, so a receipt cannot be
 * tied to a code.
 *
 * Inserts receipts; returns those that were new (the others were retries).
 */
export async function insertReceipts(db: Queryable, receipts: readonly { campaignId: string; receiptHash: string }[]): Promise<Set<string>> {
  if (receipts.length === 0) return new Set();
  const rows = await db.query<{ receiptHash: string }>(
    `insert into submission_receipts (campaign_id, receipt_hash)
     select * from unnest($1::uuid[], $2::text[]) on conflict do nothing returning receipt_hash as "receiptHash"`,
    [receipts.map((r) => r.campaignId), receipts.map((r) => r.receiptHash)],
  );
  return new Set(rows.map((row) => row.receiptHash));
}

export async function hasReceipt(db: Queryable, campaignId: string, receiptHash: string): Promise<boolean> {
  const rows = await db.query('select 1 from submission_receipts where campaign_id = $1 and receipt_hash = $2', [campaignId, receiptHash]);
  return rows.length === 1;
}
