import type { Queryable } from '../db/database';
import type { CodeStatus } from './codes';

/** The code a draft is saved under, with what decides whether it may hold one. */
export interface DraftTargetRow {
  status: CodeStatus;
  campaignId: string;
  campaignStatus: 'draft' | 'open' | 'closed' | 'archived';
  kind: 'population' | 'screening';
}

/**
 * Reads a code and its campaign and locks its stratum's usage row FOR SHARE,
 * so that a submission using the code at the same moment (it updates that
 * row) waits for this transaction, and a draft is never written for a used
 * code.
 */
export async function lockDraftTarget(db: Queryable, codeHash: string): Promise<DraftTargetRow | undefined> {
  const rows = await db.query<DraftTargetRow>(
    `select case when get_bit(u.completed, c.slot) = 1 then 'completed'
                 when get_bit(u.started, c.slot) = 1 then 'started' else 'unused' end as status,
            c.campaign_id as "campaignId", cp.status as "campaignStatus", cp.kind
       from codes c join campaigns cp on cp.id = c.campaign_id
       join code_usage u on u.campaign_id = c.campaign_id and u.stratum_key = c.stratum_key
      where c.code_hash = $1
      for share of u`,
    [codeHash],
  );
  return rows[0];
}

/** A stored sealed draft: the server cannot read any of it. */
export interface DraftRow {
  ciphertext: string;
  iv: string;
  salt: string;
  iterations: number;
  verifierHash: string;
  failedAttempts: number;
}

const draftColumns = `ciphertext, iv, salt, iterations, verifier_hash as "verifierHash", failed_attempts as "failedAttempts"`;

/** The draft under a code; `forUpdate` locks it for the rest of the transaction. */
export async function findDraft(db: Queryable, codeHash: string, forUpdate = false): Promise<DraftRow | undefined> {
  const rows = await db.query<DraftRow>(
    `select ${draftColumns} from drafts where code_hash = $1${forUpdate ? ' for update' : ''}`,
    [codeHash],
  );
  return rows[0];
}

export interface NewDraft {
  campaignId: string;
  ciphertext: string;
  iv: string;
  salt: string;
  iterations: number;
  verifierHash: string;
}

/** Inserts or replaces the draft under a code (the caller has checked the verifier); resets the wrong-word count. */
export async function upsertDraft(db: Queryable, codeHash: string, draft: NewDraft): Promise<void> {
  await db.query(
    `insert into drafts (code_hash, campaign_id, ciphertext, iv, salt, iterations, verifier_hash, failed_attempts)
     values ($1, $2, $3, $4, $5, $6, $7, 0)
     on conflict (code_hash) do update set
       ciphertext = excluded.ciphertext, iv = excluded.iv, salt = excluded.salt, iterations = excluded.iterations,
       verifier_hash = excluded.verifier_hash, failed_attempts = 0`,
    [codeHash, draft.campaignId, draft.ciphertext, draft.iv, draft.salt, draft.iterations, draft.verifierHash],
  );
}

/** Counts one wrong resume word; returns the new count of wrong words in a row. */
export async function recordWrongResumeWord(db: Queryable, codeHash: string): Promise<number> {
  const rows = await db.query<{ failedAttempts: number }>(
    `update drafts set failed_attempts = failed_attempts + 1 where code_hash = $1 returning failed_attempts as "failedAttempts"`,
    [codeHash],
  );
  return rows[0]?.failedAttempts ?? 0;
}

/** Clears the wrong-word count after a right word (no write when it is already 0). */
export async function resetWrongResumeWords(db: Queryable, codeHash: string): Promise<void> {
  await db.query('update drafts set failed_attempts = 0 where code_hash = $1 and failed_attempts <> 0', [codeHash]);
}

/** Deletes the draft under a code; true if there was one. */
export async function deleteDraft(db: Queryable, codeHash: string): Promise<boolean> {
  const rows = await db.query('delete from drafts where code_hash = $1 returning 1 as gone', [codeHash]);
  return rows.length === 1;
}
