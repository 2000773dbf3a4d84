import type { Queryable } from '../db/database';
import type { CampaignGate } from './campaigns';

/** One school class of a class-link campaign. */
export interface ClassLinkRow {
  id: string;
  campaignId: string;
  skola: string;
  klass: string;
  arskurs: string;
  elever: number;
  token: string;
}

const columns = `id, campaign_id as "campaignId", skola, klass, arskurs, elever, token`;

/**
 * Adds classes to a campaign, each with its counter at 0, in one statement.
 * Returns the new rows in the order given; none if a (skola, klass) of the
 * campaign already exists (the unique constraint fails the whole statement).
 */
export async function insertClassLinks(
  db: Queryable,
  campaignId: string,
  classes: readonly { skola: string; klass: string; arskurs: string; elever: number; token: string }[],
): Promise<ClassLinkRow[]> {
  return db.query<ClassLinkRow>(
    `with input as (
       select * from unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[]) with ordinality as t(skola, klass, arskurs, elever, token, n)
     ), added as (
       insert into class_links (campaign_id, skola, klass, arskurs, elever, token)
       select $1, skola, klass, arskurs, elever, token from input order by n
       returning ${columns}
     ), counters as (
       insert into class_link_usage (class_id) select id from added
     )
     select a.* from added a join input i on i.token = a.token order by i.n`,
    [campaignId, classes.map((c) => c.skola), classes.map((c) => c.klass), classes.map((c) => c.arskurs), classes.map((c) => c.elever), classes.map((c) => c.token)],
  );
}

/** A campaign's classes by school and class name. */
export async function listClassLinks(db: Queryable, campaignId: string): Promise<ClassLinkRow[]> {
  return db.query<ClassLinkRow>(`select ${columns} from class_links where campaign_id = $1 order by skola, klass`, [campaignId]);
}

/** (skola, klass) pairs of a campaign that are among the given ones. */
export async function findExistingClasses(db: Queryable, campaignId: string, classes: readonly { skola: string; klass: string }[]): Promise<{ skola: string; klass: string }[]> {
  return db.query(
    `select skola, klass from class_links c join unnest($2::text[], $3::text[]) as t(s, k) on c.skola = t.s and c.klass = t.k where c.campaign_id = $1`,
    [campaignId, classes.map((c) => c.skola), classes.map((c) => c.klass)],
  );
}

/** The class a link token belongs to, with its current count. */
/** A class link with its counter and its campaign's gate, as a respondent reaches it. */
export interface FoundClassLink {
  link: ClassLinkRow & { completed: number };
  campaign: CampaignGate;
}

/** Many class links by token in one query; results in the order of `tokens`, undefined when unknown. */
export async function findClassLinksByTokens(db: Queryable, tokens: readonly string[]): Promise<(FoundClassLink | undefined)[]> {
  const rows = await db.query<ClassLinkRow & { completed: number; kommunkod: string; mode: CampaignGate['mode']; status: CampaignGate['status'] }>(
    `select c.id, c.campaign_id as "campaignId", c.skola, c.klass, c.arskurs, c.elever, c.token, u.completed,
            k.kommunkod, k.mode, k.status
       from class_links c join class_link_usage u on u.class_id = c.id join campaigns k on k.id = c.campaign_id
      where c.token = any($1::text[])`,
    [tokens],
  );
  const byToken = new Map<string, FoundClassLink>();
  for (const { kommunkod, mode, status, ...link } of rows) byToken.set(link.token, { link, campaign: { id: link.campaignId, kommunkod, mode, status } });
  return tokens.map((token) => byToken.get(token));
}

/** Submissions taken per class of a campaign (waiting ones included: the counter moves at submission). */
export async function countClassUsage(db: Queryable, campaignId: string): Promise<{ classId: string; completed: number }[]> {
  return db.query(
    `select u.class_id as "classId", u.completed from class_link_usage u join class_links c on c.id = u.class_id where c.campaign_id = $1`,
    [campaignId],
  );
}

/** A class-link submission to add to the pool. */
export interface WaitingClassSubmission {
  classId: string;
  campaignId: string;
  kommunkod: string;
  /** { skola, arskurs }: what the response carries of its class. */
  stratum: Record<string, string>;
  answers: Record<string, unknown>;
  receiptHash: string;
}

/**
 * Adds class-link submissions in ONE statement, at most `elever` per class:
 *
 * 1. The classes' counter rows are locked (`for update`), so concurrent
 *    statements for one class queue here and each sees the count the one
 *    before it left.
 * 2. Submissions whose receipt already exists are retries: nothing is added.
 * 3. Of the new ones, in the order given, each class admits as many as its
 *    counter leaves room for; their receipts, the counter increment and the
 *    waiting responses are written together. The pool row carries the
 *    class's skola and arskurs only.
 *
 * The counter is a count with no time: the order of submissions is nowhere
 * but in its dead row versions, which the scrub removes (TRANSIENT_TABLES).
 *
 * @returns the receipts that were stored.
 */
export async function poolClassSubmissions(db: Queryable, rows: readonly WaitingClassSubmission[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const stored = await db.query<{ receiptHash: string }>(
    `with input as (
       select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[], $6::text[])
         with ordinality as t(class_id, campaign_id, kommunkod, stratum, answers, receipt_hash, n)
     ), locked as (
       select u.class_id, u.completed, c.elever from class_link_usage u join class_links c on c.id = u.class_id
        where u.class_id in (select class_id from input) for update of u
     ), new_items as (
       select i.*, row_number() over (partition by i.class_id order by i.n) as place from input i
        where not exists (select 1 from submission_receipts r where r.campaign_id = i.campaign_id and r.receipt_hash = i.receipt_hash)
     ), admitted as (
       select n.* from new_items n join locked l on l.class_id = n.class_id where n.place <= l.elever - l.completed
     ), fresh as (
       insert into submission_receipts (campaign_id, receipt_hash)
       select campaign_id, receipt_hash from admitted on conflict do nothing returning receipt_hash
     ), counted as (
       select a.class_id, count(*)::int as n from admitted a join fresh f on f.receipt_hash = a.receipt_hash group by a.class_id
     ), bumped as (
       update class_link_usage u set completed = u.completed + c.n from counted c where u.class_id = c.class_id returning u.class_id
     ), pooled as (
       insert into response_pool (campaign_id, kommunkod, stratum, mode, wave, answers)
       select a.campaign_id, a.kommunkod, a.stratum, 'web',
              coalesce((select max(w.wave) from reminder_waves w where w.campaign_id = a.campaign_id), 0), a.answers
         from admitted a join fresh f on f.receipt_hash = a.receipt_hash order by a.n
     )
     select receipt_hash as "receiptHash" from fresh`,
    [
      rows.map((r) => r.classId),
      rows.map((r) => r.campaignId),
      rows.map((r) => r.kommunkod),
      rows.map((r) => JSON.stringify(r.stratum)),
      rows.map((r) => JSON.stringify(r.answers)),
      rows.map((r) => r.receiptHash),
    ],
  );
  return new Set(stored.map((row) => row.receiptHash));
}

/**
 * Sets a class's number of pupils, never below the submissions it has taken.
 * Returns the class, or undefined when it is not the campaign's or `elever`
 * is below its count.
 */
export async function updateClassElever(db: Queryable, campaignId: string, classId: string, elever: number): Promise<ClassLinkRow | undefined> {
  const rows = await db.query<ClassLinkRow>(
    `update class_links c set elever = $3 from class_link_usage u
      where c.id = $2 and c.campaign_id = $1 and u.class_id = c.id and u.completed <= $3
      returning c.id, c.campaign_id as "campaignId", c.skola, c.klass, c.arskurs, c.elever, c.token`,
    [campaignId, classId, elever],
  );
  return rows[0];
}
