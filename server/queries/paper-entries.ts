import type { Queryable } from '../db/database';

/** Stores (or replaces) entry 1 or 2 of a paper form; returns both entries held for the code. */
export async function savePaperEntry(
  db: Queryable,
  entry: { codeHash: string; campaignId: string; entry: 1 | 2; answers: Record<string, unknown>; codeSealed: string | null },
): Promise<{ entry: number; answers: Record<string, unknown> }[]> {
  await db.query(
    `insert into paper_entries (code_hash, campaign_id, entry, answers, code_sealed) values ($1, $2, $3, $4, $5)
     on conflict (code_hash, entry) do update set answers = excluded.answers, code_sealed = excluded.code_sealed`,
    [entry.codeHash, entry.campaignId, entry.entry, JSON.stringify(entry.answers), entry.codeSealed],
  );
  return db.query('select entry, answers from paper_entries where code_hash = $1 order by entry', [entry.codeHash]);
}

/** Codes (by letter reference, with the sealed code) whose two entries are both held, with the answers of each. */
export async function listPaperEntryPairs(
  db: Queryable,
  campaignId: string,
): Promise<{ ref: string | null; codeSealed: string | null; first: Record<string, unknown>; second: Record<string, unknown> }[]> {
  return db.query(
    `select c.ref, coalesce(e2.code_sealed, e1.code_sealed) as "codeSealed", e1.answers as first, e2.answers as second
       from paper_entries e1
       join paper_entries e2 on e2.code_hash = e1.code_hash and e2.entry = 2
       join codes c on c.code_hash = e1.code_hash
      where e1.campaign_id = $1 and e1.entry = 1
      order by c.ref`,
    [campaignId],
  );
}
