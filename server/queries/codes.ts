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

/** A code with its campaign and whether it was opened or used, as a respondent request needs it. */
export interface RespondentCodeRow {
  status: CodeStatus;
  campaignId: string;
  campaignStatus: CampaignStatusValue;
  kind: 'population' | 'screening';
  title: string;
  contact: Record<string, string>;
  languages: string[];
  draft: Record<string, unknown> | null;
}

const STATUS_OF_CODE = `case when get_bit(u.completed, c.slot) = 1 then 'completed'
                              when get_bit(u.started, c.slot) = 1 then 'started' else 'unused' end`;

/** Finds a code, its campaign and its draft in one query. */
export async function findRespondentCode(db: Queryable, codeHash: string): Promise<RespondentCodeRow | undefined> {
  const rows = await db.query<RespondentCodeRow>(
    `select ${STATUS_OF_CODE} as status, c.campaign_id as "campaignId", cp.status as "campaignStatus", cp.kind, cp.title,
            cp.contact, cp.languages, d.answers as draft
       from codes c join campaigns cp on cp.id = c.campaign_id
       join code_usage u on u.campaign_id = c.campaign_id and u.stratum_key = c.stratum_key
       left join drafts d on d.code_hash = c.code_hash
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

/** What a submission needs to know about a code before it validates the answers (no lock). */
export interface SubmitCodeRow {
  status: CodeStatus;
  campaignId: string;
  campaignStatus: CampaignStatusValue;
  kind: 'population' | 'screening';
}

/** The state of many codes in one query; rows in the order of `codeHashes` (undefined when unknown). */
export async function findCodesForSubmit(db: Queryable, codeHashes: readonly string[]): Promise<(SubmitCodeRow | undefined)[]> {
  const rows = await db.query<SubmitCodeRow & { codeHash: string }>(
    `select c.code_hash as "codeHash", ${STATUS_OF_CODE} as status, c.campaign_id as "campaignId",
            cp.status as "campaignStatus", cp.kind
       from codes c join campaigns cp on cp.id = c.campaign_id
       join code_usage u on u.campaign_id = c.campaign_id and u.stratum_key = c.stratum_key
      where c.code_hash = any($1::text[])`,
    [codeHashes],
  );
  const byHash = new Map(rows.map((row) => [row.codeHash, row]));
  return codeHashes.map((hash) => byHash.get(hash));
}

/** A code whose stratum's usage row is locked (`for update`) for the rest of the transaction. */
export interface LockedCodeRow {
  codeHash: string;
  slot: number;
  stratumKey: string;
  used: boolean;
  campaignId: string;
  campaignStatus: CampaignStatusValue;
  kind: 'population' | 'screening';
  kommunkod: string;
  stratum: Record<string, string>;
  ref: string | null;
}

/**
 * Locks the usage rows of the codes' strata (in key order, so that
 * concurrent transactions cannot deadlock) and returns each code with
 * whether it is already used. Unknown hashes are left out.
 */
export async function lockCodes(db: Queryable, codeHashes: readonly string[]): Promise<Map<string, LockedCodeRow>> {
  const rows = await db.query<LockedCodeRow>(
    `with wanted as (
       select c.code_hash, c.slot, c.stratum_key, c.campaign_id, c.ref from codes c where c.code_hash = any($1::text[])
     ), locked as (
       select u.campaign_id, u.stratum_key, u.completed from code_usage u
        where (u.campaign_id, u.stratum_key) in (select campaign_id, stratum_key from wanted)
        order by u.campaign_id, u.stratum_key
        for update
     )
     select w.code_hash as "codeHash", w.slot, w.stratum_key as "stratumKey", get_bit(l.completed, w.slot) = 1 as used,
            w.campaign_id as "campaignId", cp.status as "campaignStatus", cp.kind, cp.kommunkod, s.stratum, w.ref
       from wanted w
       join locked l on l.campaign_id = w.campaign_id and l.stratum_key = w.stratum_key
       join campaigns cp on cp.id = w.campaign_id
       join campaign_strata s on s.campaign_id = w.campaign_id and s.stratum_key = w.stratum_key`,
    [codeHashes],
  );
  return new Map(rows.map((row) => [row.codeHash, row]));
}

/** The code hash behind a letter reference within a campaign. */
export async function findCodeHashByRef(db: Queryable, campaignId: string, ref: string): Promise<string | undefined> {
  const rows = await db.query<{ codeHash: string }>('select code_hash as "codeHash" from codes where campaign_id = $1 and ref = $2', [campaignId, ref]);
  return rows[0]?.codeHash;
}

/**
 * Marks codes used (and opened): sets their bits in their strata's usage
 * rows, one update per stratum. Call with the rows locked by `lockCodes` in
 * the same transaction.
 */
export async function markCodesUsed(db: Queryable, codes: readonly Pick<LockedCodeRow, 'campaignId' | 'stratumKey' | 'slot'>[]): Promise<void> {
  const byStratum = new Map<string, { campaignId: string; stratumKey: string; slots: number[] }>();
  for (const code of codes) {
    const key = `${code.campaignId}\u0000${code.stratumKey}`;
    const group = byStratum.get(key) ?? { campaignId: code.campaignId, stratumKey: code.stratumKey, slots: [] };
    group.slots.push(code.slot);
    byStratum.set(key, group);
  }
  const groups = [...byStratum.values()];
  if (groups.length === 0) return;
  await db.query(
    `update code_usage u set started = set_bits(u.started, g.slots), completed = set_bits(u.completed, g.slots)
       from (select t.campaign_id, t.stratum_key, array(select jsonb_array_elements_text(t.slots)::int) as slots
               from unnest($1::uuid[], $2::text[], $3::jsonb[]) as t(campaign_id, stratum_key, slots)) g
      where u.campaign_id = g.campaign_id and u.stratum_key = g.stratum_key`,
    [groups.map((g) => g.campaignId), groups.map((g) => g.stratumKey), groups.map((g) => JSON.stringify(g.slots))],
  );
}

/** Deletes the drafts and paper entries held under the given codes. */
export async function deleteHeldAnswers(db: Queryable, codeHashes: readonly string[]): Promise<void> {
  if (codeHashes.length === 0) return;
  await db.query('delete from drafts where code_hash = any($1::text[])', [codeHashes]);
  await db.query('delete from paper_entries where code_hash = any($1::text[])', [codeHashes]);
}

/**
 * Saves a draft if the code is not used and its campaign is open, and sets
 * the code's "opened" bit; false when the code cannot take a draft.
 */
export async function saveDraft(db: Queryable, codeHash: string, answers: Record<string, unknown>): Promise<boolean> {
  const rows = await db.query(
    `with target as (
       select c.code_hash, c.campaign_id, c.stratum_key, c.slot
         from codes c join campaigns cp on cp.id = c.campaign_id
         join code_usage u on u.campaign_id = c.campaign_id and u.stratum_key = c.stratum_key
        where c.code_hash = $1 and get_bit(u.completed, c.slot) = 0 and cp.status = 'open' and cp.kind = 'population'
     ), started as (
       update code_usage u set started = set_bit(u.started, t.slot, 1)
         from target t where u.campaign_id = t.campaign_id and u.stratum_key = t.stratum_key and get_bit(u.started, t.slot) = 0
     )
     insert into drafts (code_hash, campaign_id, answers, updated_on)
     select code_hash, campaign_id, $2, current_date from target
     on conflict (code_hash) do update set answers = excluded.answers, updated_on = excluded.updated_on
     returning 1 as saved`,
    [codeHash, JSON.stringify(answers)],
  );
  return rows.length === 1;
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
