import type { Queryable } from '../db/database';

/**
 * Stores one response: random id, stratum, mode and today's date only.
 * Nothing here can link it to a code or a person.
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

/** Records an open-link submission id hash; false if it was already recorded (a retry). */
export async function claimOpenSubmission(db: Queryable, campaignId: string, submissionHash: string): Promise<boolean> {
  const rows = await db.query(
    `insert into open_submissions (campaign_id, submission_hash) values ($1, $2)
     on conflict do nothing returning 1 as claimed`,
    [campaignId, submissionHash],
  );
  return rows.length === 1;
}

export async function countResponses(db: Queryable, campaignId: string): Promise<number> {
  const rows = await db.query<{ n: number }>('select count(*)::int as n from responses where campaign_id = $1', [campaignId]);
  return rows[0].n;
}
