import type { Queryable } from '../db/database';

export type CodeStatus = 'unused' | 'started' | 'completed';
export type CampaignStatusValue = 'draft' | 'open' | 'closed' | 'archived';

/**
 * Codes are written once, when issued, and never updated: whether a code was
 * opened or used is a bit in its stratum's row of `code_usage` (bit `slot`),
 * so nothing on the code row says when it was used. See
 * server/db/migrations/005_unlinkable_responses.sql and docs/privacy.md.
 */

/** One code to store: the keyed hash, never the code itself. */
export interface NewCode {
  codeHash: string;
  ref: string;
}

/**
 * Reserves `count` slots at the end of a stratum's bitmaps (creating its
 * usage row) and returns the first. Locks the usage row until the end of the
 * transaction, so concurrent issues of one stratum take turns.
 */
export async function reserveSlots(db: Queryable, campaignId: string, stratumKey: string, count: number): Promise<number> {
  await db.query(
    `insert into code_usage (campaign_id, stratum_key, started, completed) values ($1, $2, ''::bytea, ''::bytea)
     on conflict do nothing`,
    [campaignId, stratumKey],
  );
  await db.query('select 1 from code_usage where campaign_id = $1 and stratum_key = $2 for update', [campaignId, stratumKey]);
  // A new statement, so it sees codes that a concurrent issue committed before our lock.
  const [{ first }] = await db.query<{ first: number }>(
    'select coalesce(max(slot) + 1, 0)::int as first from codes where campaign_id = $1 and stratum_key = $2',
    [campaignId, stratumKey],
  );
  await db.query(
    `update code_usage
        set started = started || decode(repeat('00', greatest(0, ($3::int + 7) / 8 - length(started))), 'hex'),
            completed = completed || decode(repeat('00', greatest(0, ($3::int + 7) / 8 - length(completed))), 'hex')
      where campaign_id = $1 and stratum_key = $2`,
    [campaignId, stratumKey, first + count],
  );
  return first;
}

/**
 * Inserts codes of one stratum in one statement with consecutive slots from
 * `firstSlot`; a hash or ref that already exists is skipped (its slot stays
 * unused). Returns the hashes that were stored (the caller redraws the rest).
 */
export async function insertCodes(
  db: Queryable,
  campaignId: string,
  stratumKey: string,
  firstSlot: number,
  codes: readonly NewCode[],
): Promise<Set<string>> {
  const rows = await db.query<{ code_hash: string }>(
    `insert into codes (code_hash, campaign_id, stratum_key, slot, ref)
     select h, $1, $2, $3 + n - 1, r from unnest($4::text[], $5::text[]) with ordinality as t(h, r, n)
     on conflict do nothing returning code_hash`,
    [campaignId, stratumKey, firstSlot, codes.map((c) => c.codeHash), codes.map((c) => c.ref)],
  );
  return new Set(rows.map((row) => row.code_hash));
}

/** A code with what decides whether a respondent may use it (the campaign's public face is read separately). */
export interface RespondentCodeRow {
  status: CodeStatus;
  campaignId: string;
  campaignStatus: CampaignStatusValue;
  kind: 'population' | 'screening';
}

const STATUS_OF_CODE = `case when get_bit(u.completed, c.slot) = 1 then 'completed'
                              when get_bit(u.started, c.slot) = 1 then 'started' else 'unused' end`;

/** Finds a code and its campaign in one query. */
export async function findRespondentCode(db: Queryable, codeHash: string): Promise<RespondentCodeRow | undefined> {
  const rows = await db.query<RespondentCodeRow>(
    `select ${STATUS_OF_CODE} as status, c.campaign_id as "campaignId", cp.status as "campaignStatus", cp.kind
       from codes c join campaigns cp on cp.id = c.campaign_id
       join code_usage u on u.campaign_id = c.campaign_id and u.stratum_key = c.stratum_key
      where c.code_hash = $1`,
    [codeHash],
  );
  return rows[0];
}

/** Sets an unused code's "opened" bit (no date, no per-code write). */
export async function markCodeStarted(db: Queryable, codeHash: string): Promise<void> {
  await db.query(
    `update code_usage u set started = set_bit(u.started, c.slot, 1)
       from codes c
      where c.code_hash = $1 and u.campaign_id = c.campaign_id and u.stratum_key = c.stratum_key
        and get_bit(u.started, c.slot) = 0`,
    [codeHash],
  );
}

/** What a submission needs to know about a code: where it belongs, its slot, and whether it was used. */
export interface CodeRow {
  codeHash: string;
  status: CodeStatus;
  campaignId: string;
  campaignStatus: CampaignStatusValue;
  kind: 'population' | 'screening';
  kommunkod: string;
  stratumKey: string;
  stratum: Record<string, string>;
  slot: number;
  ref: string | null;
}

/** Many codes in one query (no lock); rows in the order of `codeHashes`, undefined when unknown. */
export async function findCodesForSubmit(db: Queryable, codeHashes: readonly string[]): Promise<(CodeRow | undefined)[]> {
  const rows = await db.query<CodeRow>(
    `select c.code_hash as "codeHash", ${STATUS_OF_CODE} as status, c.campaign_id as "campaignId",
            cp.status as "campaignStatus", cp.kind, cp.kommunkod, c.stratum_key as "stratumKey", s.stratum, c.slot, c.ref
       from codes c join campaigns cp on cp.id = c.campaign_id
       join code_usage u on u.campaign_id = c.campaign_id and u.stratum_key = c.stratum_key
       join campaign_strata s on s.campaign_id = c.campaign_id and s.stratum_key = c.stratum_key
      where c.code_hash = any($1::text[])`,
    [codeHashes],
  );
  const byHash = new Map(rows.map((row) => [row.codeHash, row]));
  return codeHashes.map((hash) => byHash.get(hash));
}

/**
 * Locks the usage rows of the given strata (`for update`, in key order, so
 * concurrent transactions cannot deadlock) for the rest of the transaction.
 */
export async function lockStrataUsage(db: Queryable, strata: readonly { campaignId: string; stratumKey: string }[]): Promise<void> {
  await db.query(
    `select 1 from code_usage u
      where (u.campaign_id, u.stratum_key) in (select * from unnest($1::uuid[], $2::text[]))
      order by u.campaign_id, u.stratum_key
      for update`,
    [strata.map((s) => s.campaignId), strata.map((s) => s.stratumKey)],
  );
}

/** The code hash behind a letter reference within a campaign. */
export async function findCodeHashByRef(db: Queryable, campaignId: string, ref: string): Promise<string | undefined> {
  const rows = await db.query<{ codeHash: string }>('select code_hash as "codeHash" from codes where campaign_id = $1 and ref = $2', [campaignId, ref]);
  return rows[0]?.codeHash;
}

/** A code (as found by `findCodesForSubmit`) and the response it is to get. */
export interface CodeCompletion {
  code: Pick<CodeRow, 'codeHash' | 'campaignId' | 'kommunkod' | 'stratumKey' | 'stratum' | 'slot'>;
  /** Keyed hash of (code hash, submission id); null for paper forms. */
  receiptHash: string | null;
  mode: 'web' | 'paper';
  answers: Record<string, unknown>;
}

/**
 * Uses codes, in ONE statement (atomic on its own, also outside a
 * transaction): per stratum, if its campaign's status is one of
 * `acceptStatuses` and none of the stratum's given codes is used yet, sets
 * their bits in the stratum's usage row (opened and used; nothing is written
 * per code), deletes their drafts and paper entries, records the receipts,
 * and adds the responses to the pool in the order given (callers shuffle),
 * each with the reminder wave in force now. A stratum with a used code or a
 * closed campaign stores none of its items. The used-check is made on the
 * row being updated, so concurrent statements cannot both use a code.
 *
 * @returns the hashes of the codes used now, and whether drafts or paper entries were deleted.
 */
export async function completeCodes(
  db: Queryable,
  completions: readonly CodeCompletion[],
  acceptStatuses: readonly string[],
): Promise<{ used: Set<string>; heldDeleted: boolean }> {
  if (completions.length === 0) return { used: new Set(), heldDeleted: false };
  const rows = await db.query<{ codeHash: string; heldDeleted: number }>(
    `with input as (
       select * from unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::jsonb[], $7::text[], $8::jsonb[], $9::text[])
         with ordinality as t(code_hash, campaign_id, stratum_key, slot, kommunkod, stratum, mode, answers, receipt_hash, n)
     ), groups as (
       select i.campaign_id, i.stratum_key, array_agg(i.slot) as slots
         from input i join campaigns c on c.id = i.campaign_id
        where c.status = any($10::text[]) and c.kind = 'population'
        group by i.campaign_id, i.stratum_key
     ), bits as (
       update code_usage u set started = set_bits(u.started, g.slots), completed = set_bits(u.completed, g.slots)
         from groups g
        where u.campaign_id = g.campaign_id and u.stratum_key = g.stratum_key
          and not exists (select 1 from unnest(g.slots) as s(slot) where get_bit(u.completed, s.slot) = 1)
       returning u.campaign_id, u.stratum_key
     ), done as (
       select i.* from input i join bits b on b.campaign_id = i.campaign_id and b.stratum_key = i.stratum_key
     ), no_draft as (
       delete from drafts d using done where d.code_hash = done.code_hash returning 1
     ), no_paper as (
       delete from paper_entries p using done where p.code_hash = done.code_hash returning 1
     ), receipts as (
       insert into submission_receipts (campaign_id, receipt_hash)
       select campaign_id, receipt_hash from done where receipt_hash is not null
     ), pooled as (
       insert into response_pool (campaign_id, kommunkod, stratum, mode, wave, answers)
       select d.campaign_id, d.kommunkod, d.stratum, d.mode,
              coalesce((select max(w.wave) from reminder_waves w where w.campaign_id = d.campaign_id), 0), d.answers
         from done d order by d.n
     )
     select code_hash as "codeHash", (select count(*)::int from no_draft) + (select count(*)::int from no_paper) as "heldDeleted" from done`,
    [
      completions.map((c) => c.code.codeHash),
      completions.map((c) => c.code.campaignId),
      completions.map((c) => c.code.stratumKey),
      completions.map((c) => c.code.slot),
      completions.map((c) => c.code.kommunkod),
      completions.map((c) => JSON.stringify(c.code.stratum)),
      completions.map((c) => c.mode),
      completions.map((c) => JSON.stringify(c.answers)),
      completions.map((c) => c.receiptHash),
      acceptStatuses,
    ],
  );
  return { used: new Set(rows.map((row) => row.codeHash)), heldDeleted: rows.some((row) => row.heldDeleted > 0) };
}

export async function deleteDraftsOfCampaign(db: Queryable, campaignId: string): Promise<number> {
  const rows = await db.query('delete from drafts where campaign_id = $1 returning 1 as gone', [campaignId]);
  return rows.length;
}

/** Letter references and strata of the codes not used yet (unused or only opened). */
export async function listUnusedCodeRefs(db: Queryable, campaignId: string): Promise<{ ref: string; stratum: Record<string, string> }[]> {
  return db.query(
    `select c.ref, s.stratum from codes c
       join code_usage u on u.campaign_id = c.campaign_id and u.stratum_key = c.stratum_key
       join campaign_strata s on s.campaign_id = c.campaign_id and s.stratum_key = c.stratum_key
      where c.campaign_id = $1 and get_bit(u.completed, c.slot) = 0 and c.ref is not null
      order by c.ref`,
    [campaignId],
  );
}

export async function countCodesNotCompleted(db: Queryable, campaignId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `select count(*)::int as n from codes c
       join code_usage u on u.campaign_id = c.campaign_id and u.stratum_key = c.stratum_key
      where c.campaign_id = $1 and get_bit(u.completed, c.slot) = 0`,
    [campaignId],
  );
  return rows[0].n;
}

/** Opened (used ones included) and used codes per stratum, from the bitmaps. */
export async function countCodeUsageByStratum(db: Queryable, campaignId: string): Promise<{ stratumKey: string; opened: number; used: number }[]> {
  return db.query(
    `select stratum_key as "stratumKey", bit_count(started)::int as opened, bit_count(completed)::int as used
       from code_usage where campaign_id = $1`,
    [campaignId],
  );
}

/**
 * Keeps the opened-only and used counts per stratum in campaign_strata and
 * deletes every code of the campaign (with its drafts, paper entries and
 * usage bitmaps). Returns the number of codes deleted.
 */
export async function deleteCodesKeepingCounts(db: Queryable, campaignId: string): Promise<number> {
  await db.query(
    `update campaign_strata s set
        started = s.started + bit_count(u.started)::int - bit_count(u.completed)::int,
        completed = s.completed + bit_count(u.completed)::int
       from code_usage u
      where s.campaign_id = $1 and u.campaign_id = s.campaign_id and u.stratum_key = s.stratum_key`,
    [campaignId],
  );
  const rows = await db.query('delete from codes where campaign_id = $1 returning 1 as gone', [campaignId]);
  await db.query('delete from code_usage where campaign_id = $1', [campaignId]);
  await db.query('update campaigns set codes_deleted_on = current_date where id = $1', [campaignId]);
  return rows.length;
}

/**
 * Refreshes the planner's statistics of the codes table after a large issue.
 * PGlite has no autovacuum, so without this the planner keeps assuming an
 * empty table and scans every code of the campaign on each submission. The
 * hash and ref columns have statistics target 0, so no sample values of
 * them are copied into pg_statistic.
 */
export async function analyzeCodes(db: Queryable): Promise<void> {
  await db.query('analyze codes');
}
