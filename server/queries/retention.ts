/**
 * What the retention job (gallring) finds due and deletes. Dates are
 * compared with `today` (YYYY-MM-DD) so that the job can be tested on any day.
 */
import type { Queryable } from '../db/database';
import type { CampaignKind } from '../../domain/campaign';

export interface DueCampaign {
  id: string;
  kommunkod: string;
  kind: CampaignKind;
  title: string;
  closedOn: string;
}

/** Closed campaigns of a kind whose microdata are due: closed at least `months` months before `today`, not yet deleted. */
export async function listCampaignsDueForMicrodataDeletion(
  db: Queryable,
  kommunkod: string,
  kind: CampaignKind,
  months: number,
  today: string,
): Promise<DueCampaign[]> {
  return db.query<DueCampaign>(
    `select id, kommunkod, kind, title, closed_on as "closedOn" from campaigns
      where kommunkod = $1 and kind = $2 and status in ('closed', 'archived') and closed_on is not null
        and microdata_deleted_on is null and closed_on + make_interval(months => $3) <= $4::date
      order by closed_on, id`,
    [kommunkod, kind, months, today],
  );
}

/** Deletes a survey's responses and everything held for its submissions (pool, receipts, drafts, paper entries). */
export async function deleteSurveyMicrodata(db: Queryable, campaignId: string): Promise<{ responses: number; waiting: number }> {
  const responses = await db.query('delete from responses where campaign_id = $1 returning 1 as gone', [campaignId]);
  const waiting = await db.query('delete from response_pool where campaign_id = $1 returning 1 as gone', [campaignId]);
  await db.query('delete from submission_receipts where campaign_id = $1', [campaignId]);
  await db.query('delete from drafts where campaign_id = $1', [campaignId]);
  await db.query('delete from paper_entries where campaign_id = $1', [campaignId]);
  return { responses: responses.length, waiting: waiting.length };
}

/** Deletes a screening month's registrations and their change log. */
export async function deleteScreeningMicrodata(db: Queryable, campaignId: string): Promise<{ registrations: number; changes: number }> {
  const changes = await db.query(
    `delete from screening_registration_changes c using screening_registrations r
      where c.registration_id = r.id and r.campaign_id = $1 returning 1 as gone`,
    [campaignId],
  );
  const registrations = await db.query('delete from screening_registrations where campaign_id = $1 returning 1 as gone', [campaignId]);
  return { registrations: registrations.length, changes: changes.length };
}

export async function markMicrodataDeleted(db: Queryable, campaignId: string, today: string): Promise<void> {
  await db.query('update campaigns set microdata_deleted_on = $2::date where id = $1', [campaignId, today]);
}

/** Registered tables of the kommun's campaigns closed at least `months` months before `today`. */
export async function deleteDueRegisteredTables(db: Queryable, kommunkod: string, months: number, today: string): Promise<number> {
  const rows = await db.query(
    `delete from registered_tables t using campaigns c
      where t.campaign_id = c.id and c.kommunkod = $1 and c.status in ('closed', 'archived') and c.closed_on is not null
        and c.closed_on + make_interval(months => $2) <= $3::date
      returning 1 as gone`,
    [kommunkod, months, today],
  );
  return rows.length;
}

/** The kommun's population tables uploaded at least `months` months before `today`. */
export async function deleteDuePopulationTables(db: Queryable, kommunkod: string, months: number, today: string): Promise<number> {
  const rows = await db.query(
    `delete from population_tables
      where kommunkod = $1 and created_at::date + make_interval(months => $2) <= $3::date
      returning 1 as gone`,
    [kommunkod, months, today],
  );
  return rows.length;
}

/**
 * Audit entries of the kommun (with `includeUnscoped`, also those of no
 * kommun) written at least `months` months before `today`.
 */
export async function deleteDueAuditEntries(db: Queryable, kommunkod: string, includeUnscoped: boolean, months: number, today: string): Promise<number> {
  const rows = await db.query(
    `delete from audit_log
      where (kommunkod = $1 or ($2 and kommunkod is null)) and at::date + make_interval(months => $3) <= $4::date
      returning 1 as gone`,
    [kommunkod, includeUnscoped, months, today],
  );
  return rows.length;
}

/** Claims a daily job for `today`; false if it already ran today (in this or another process). */
export async function claimDailyRun(db: Queryable, job: string, today: string): Promise<boolean> {
  const rows = await db.query(
    `insert into maintenance_runs as m (job, ran_on) values ($1, $2::date)
     on conflict (job) do update set ran_on = excluded.ran_on where m.ran_on < excluded.ran_on
     returning job`,
    [job, today],
  );
  return rows.length === 1;
}

/** Gives a claimed day back after a failed run, so that the next check retries. */
export async function releaseDailyRun(db: Queryable, job: string, today: string): Promise<void> {
  await db.query('delete from maintenance_runs where job = $1 and ran_on = $2::date', [job, today]);
}

export async function currentDate(db: Queryable): Promise<string> {
  const rows = await db.query<{ today: string }>('select current_date as today');
  return rows[0].today;
}
