import type { Queryable } from '../db/database';

export type CodeStatus = 'unused' | 'started' | 'completed';

/** One code to store: the keyed hash, never the code itself. */
export interface NewCode {
  codeHash: string;
  stratumKey: string;
  ref: string;
}

/**
 * Inserts codes in one statement; a hash or ref that already exists is
 * skipped. Returns the hashes that were stored (the caller redraws the rest).
 */
export async function insertCodes(db: Queryable, campaignId: string, codes: readonly NewCode[]): Promise<Set<string>> {
  const rows = await db.query<{ code_hash: string }>(
    `insert into codes (code_hash, campaign_id, stratum_key, ref)
     select h, $1, s, r from unnest($2::text[], $3::text[], $4::text[]) as t(h, s, r)
     on conflict do nothing returning code_hash`,
    [campaignId, codes.map((c) => c.codeHash), codes.map((c) => c.stratumKey), codes.map((c) => c.ref)],
  );
  return new Set(rows.map((row) => row.code_hash));
}

/** A code with what decides whether a respondent may use it (the campaign's public face is read separately). */
export interface RespondentCodeRow {
  status: CodeStatus;
  campaignId: string;
  campaignStatus: 'draft' | 'open' | 'closed' | 'archived';
  kind: 'population' | 'screening';
}

/** Finds a code and its campaign in one query. */
export async function findRespondentCode(db: Queryable, codeHash: string): Promise<RespondentCodeRow | undefined> {
  const rows = await db.query<RespondentCodeRow>(
    `select c.status, c.campaign_id as "campaignId", cp.status as "campaignStatus", cp.kind
       from codes c join campaigns cp on cp.id = c.campaign_id
      where c.code_hash = $1`,
    [codeHash],
  );
  return rows[0];
}

/** Marks an unused code started (status and today's date only). */
export async function markCodeStarted(db: Queryable, codeHash: string): Promise<void> {
  await db.query(`update codes set status = 'started', status_date = current_date where code_hash = $1 and status = 'unused'`, [codeHash]);
}

/** A code locked for a submission (`select … for update`), with what the response needs. */
export interface LockedCodeRow {
  status: CodeStatus;
  submissionHash: string | null;
  campaignId: string;
  campaignStatus: 'draft' | 'open' | 'closed' | 'archived';
  kind: 'population' | 'screening';
  kommunkod: string;
  stratum: Record<string, string>;
  ref: string | null;
}

export async function lockCode(db: Queryable, codeHash: string): Promise<LockedCodeRow | undefined> {
  const rows = await db.query<LockedCodeRow>(
    `select c.status, c.submission_hash as "submissionHash", c.campaign_id as "campaignId", cp.status as "campaignStatus",
            cp.kind, cp.kommunkod, s.stratum, c.ref
       from codes c join campaigns cp on cp.id = c.campaign_id
       join campaign_strata s on s.campaign_id = c.campaign_id and s.stratum_key = c.stratum_key
      where c.code_hash = $1
      for update of c`,
    [codeHash],
  );
  return rows[0];
}

/** Like `lockCode`, by the code's letter reference within a campaign. */
export async function lockCodeByRef(db: Queryable, campaignId: string, ref: string): Promise<(LockedCodeRow & { codeHash: string }) | undefined> {
  const rows = await db.query<LockedCodeRow & { codeHash: string }>(
    `select c.code_hash as "codeHash", c.status, c.submission_hash as "submissionHash", c.campaign_id as "campaignId",
            cp.status as "campaignStatus", cp.kind, cp.kommunkod, s.stratum, c.ref
       from codes c join campaigns cp on cp.id = c.campaign_id
       join campaign_strata s on s.campaign_id = c.campaign_id and s.stratum_key = c.stratum_key
      where c.campaign_id = $1 and c.ref = $2
      for update of c`,
    [campaignId, ref],
  );
  return rows[0];
}

/** What a submission needs to know about a code before writing (no lock). */
export interface SubmitCodeRow {
  status: CodeStatus;
  submissionHash: string | null;
  campaignId: string;
  campaignStatus: 'draft' | 'open' | 'closed' | 'archived';
  kind: 'population' | 'screening';
}

export async function findCodeForSubmit(db: Queryable, codeHash: string): Promise<SubmitCodeRow | undefined> {
  const rows = await db.query<SubmitCodeRow>(
    `select c.status, c.submission_hash as "submissionHash", c.campaign_id as "campaignId", cp.status as "campaignStatus", cp.kind
       from codes c join campaigns cp on cp.id = c.campaign_id
      where c.code_hash = $1`,
    [codeHash],
  );
  return rows[0];
}

/** `findCodeForSubmit` for many codes in one query; rows in the order of `codeHashes` (undefined when unknown). */
export async function findCodesForSubmit(db: Queryable, codeHashes: readonly string[]): Promise<(SubmitCodeRow | undefined)[]> {
  const rows = await db.query<SubmitCodeRow & { codeHash: string }>(
    `select c.code_hash as "codeHash", c.status, c.submission_hash as "submissionHash", c.campaign_id as "campaignId",
            cp.status as "campaignStatus", cp.kind
       from codes c join campaigns cp on cp.id = c.campaign_id
      where c.code_hash = any($1::text[])`,
    [codeHashes],
  );
  const byHash = new Map(rows.map((row) => [row.codeHash, row]));
  return codeHashes.map((hash) => byHash.get(hash));
}

/**
 * `completeCodeWithResponse` (mode `web`, campaign open) for many distinct
 * codes in ONE statement. Returns, per input, whether its response was stored.
 */
export async function completeCodesWithResponses(
  db: Queryable,
  items: readonly { codeHash: string; submissionHash: string; answers: Record<string, unknown> }[],
): Promise<boolean[]> {
  const rows = await db.query<{ code_hash: string }>(
    `with input as (
       select * from unnest($1::text[], $2::text[], $3::jsonb[]) as t(code_hash, submission_hash, answers)
     ), done as (
       update codes c set status = 'completed', status_date = current_date, submission_hash = i.submission_hash
         from input i, campaigns cp, campaign_strata s
        where c.code_hash = any($1::text[]) and c.code_hash = i.code_hash and c.status <> 'completed'
          and cp.id = c.campaign_id and cp.status = 'open' and cp.kind = 'population'
          and s.campaign_id = c.campaign_id and s.stratum_key = c.stratum_key
       returning c.code_hash, c.campaign_id, cp.kommunkod, s.stratum
     ), no_draft as (
       delete from drafts d using done where d.code_hash = any($1::text[]) and d.code_hash = done.code_hash
     ), no_paper as (
       delete from paper_entries p using done where p.code_hash = any($1::text[]) and p.code_hash = done.code_hash
     ), stored as (
       insert into responses (campaign_id, kommunkod, stratum, mode, answers)
       select done.campaign_id, done.kommunkod, done.stratum, 'web', i.answers from done join input i on i.code_hash = done.code_hash
     )
     select code_hash from done`,
    [items.map((i) => i.codeHash), items.map((i) => i.submissionHash), items.map((i) => JSON.stringify(i.answers))],
  );
  const done = new Set(rows.map((row) => row.code_hash));
  return items.map((item) => done.has(item.codeHash));
}

/**
 * In ONE statement (atomic without an explicit transaction): if the code is
 * not completed and its campaign's status is one of `campaignStatuses`, marks
 * it completed with today's date and the keyed submission hash, stores the
 * response (random id, the code's stratum, mode, today's date, answers), and
 * deletes the code's draft and paper entries. Concurrent calls for one code
 * serialise on its row lock and re-check `status`, so at most one stores.
 * The response row gets nothing that links it to the code.
 *
 * @returns true if this call stored the response.
 */
export async function completeCodeWithResponse(
  db: Queryable,
  completion: {
    codeHash: string;
    submissionHash: string | null;
    campaignStatuses: readonly string[];
    mode: 'web' | 'paper';
    answers: Record<string, unknown>;
  },
): Promise<boolean> {
  const rows = await db.query(
    `with done as (
       update codes c set status = 'completed', status_date = current_date, submission_hash = $2
         from campaigns cp, campaign_strata s
        where c.code_hash = $1 and c.status <> 'completed'
          and cp.id = c.campaign_id and cp.status = any($3::text[]) and cp.kind = 'population'
          and s.campaign_id = c.campaign_id and s.stratum_key = c.stratum_key
       returning c.campaign_id, cp.kommunkod, s.stratum
     ), no_draft as (
       delete from drafts where code_hash = $1 and exists (select 1 from done)
     ), no_paper as (
       delete from paper_entries where code_hash = $1 and exists (select 1 from done)
     )
     insert into responses (campaign_id, kommunkod, stratum, mode, answers)
     select campaign_id, kommunkod, stratum, $4, $5 from done
     returning 1 as stored`,
    [completion.codeHash, completion.submissionHash, completion.campaignStatuses, completion.mode, JSON.stringify(completion.answers)],
  );
  return rows.length === 1;
}

export async function deleteDraftsOfCampaign(db: Queryable, campaignId: string): Promise<number> {
  const rows = await db.query('delete from drafts where campaign_id = $1 returning 1 as gone', [campaignId]);
  return rows.length;
}

/** Letter references and strata of the codes not yet started or completed. */
export async function listUnusedCodeRefs(db: Queryable, campaignId: string): Promise<{ ref: string; stratum: Record<string, string> }[]> {
  return db.query(
    `select c.ref, s.stratum from codes c
       join campaign_strata s on s.campaign_id = c.campaign_id and s.stratum_key = c.stratum_key
      where c.campaign_id = $1 and c.status <> 'completed' and c.ref is not null
      order by c.ref`,
    [campaignId],
  );
}

export async function countCodesNotCompleted(db: Queryable, campaignId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `select count(*)::int as n from codes where campaign_id = $1 and status <> 'completed'`,
    [campaignId],
  );
  return rows[0].n;
}

/** Code counts by stratum key and status. */
export async function countCodesByStratum(db: Queryable, campaignId: string): Promise<{ stratumKey: string; status: CodeStatus; n: number }[]> {
  return db.query(
    `select stratum_key as "stratumKey", status, count(*)::int as n from codes where campaign_id = $1 group by stratum_key, status`,
    [campaignId],
  );
}

/**
 * Keeps the started and completed counts per stratum in campaign_strata and
 * deletes every code of the campaign (with its drafts and paper entries).
 * Returns the number of codes deleted.
 */
export async function deleteCodesKeepingCounts(db: Queryable, campaignId: string): Promise<number> {
  await db.query(
    `update campaign_strata s set
        started = s.started + coalesce(k.started, 0),
        completed = s.completed + coalesce(k.completed, 0)
       from (select stratum_key,
                    count(*) filter (where status = 'started')::int as started,
                    count(*) filter (where status = 'completed')::int as completed
               from codes where campaign_id = $1 group by stratum_key) k
      where s.campaign_id = $1 and s.stratum_key = k.stratum_key`,
    [campaignId],
  );
  const rows = await db.query('delete from codes where campaign_id = $1 returning 1 as gone', [campaignId]);
  await db.query('update campaigns set codes_deleted_on = current_date where id = $1', [campaignId]);
  return rows.length;
}

/**
 * Refreshes the planner's statistics of the codes table after a large issue.
 * PGlite has no autovacuum, so without this the planner keeps assuming an
 * empty table and scans every code of the campaign on each submission.
 */
export async function analyzeCodes(db: Queryable): Promise<void> {
  await db.query('analyze codes');
}
