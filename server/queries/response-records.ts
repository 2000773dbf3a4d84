import type { Queryable } from '../db/database';

/** One stored segment of a campaign's analysis records. */
export interface RecordSegmentRow {
  id: string;
  definitionKey: string;
  responses: number;
  data: Uint8Array;
}

/** A response's stratum and answers, what its analysis record is computed from. */
export interface RecordSource {
  stratum: Record<string, string> | null;
  answers: Record<string, unknown>;
}

/**
 * The key records of a campaign are computed under: `format` (the record
 * format's version) and the md5 of the campaign's template copy.
 */
export async function findRecordDefinitionKey(db: Queryable, campaignId: string, format: string): Promise<string | undefined> {
  const rows = await db.query<{ key: string }>('select md5($2 || definition::text) as key from campaigns where id = $1', [campaignId, format]);
  return rows[0]?.key;
}

/** A stored segment without its data. */
export type RecordSegmentInfo = Omit<RecordSegmentRow, 'data'>;

/** The campaign's segments (without their data), its current definition key, and whether any of its responses is not recorded yet. */
export async function listRecordSegments(
  db: Queryable,
  campaignId: string,
  format: string,
): Promise<{ currentKey: string | undefined; pending: boolean; segments: RecordSegmentInfo[] }> {
  const rows = await db.query<{ currentKey: string | null; pending: boolean; id: string | null; definitionKey: string; responses: number }>(
    `select c.key as "currentKey",
            exists (select 1 from responses where campaign_id = $1 and not recorded) as pending,
            r.id, r.definition_key as "definitionKey", r.responses
       from (select md5($2 || definition::text) as key from campaigns where id = $1) c
       left join response_records r on r.campaign_id = $1`,
    [campaignId, format],
  );
  return {
    currentKey: rows[0]?.currentKey ?? undefined,
    pending: rows[0]?.pending ?? false,
    segments: rows.filter((row) => row.id !== null).map(({ id, definitionKey, responses }) => ({ id: id!, definitionKey, responses })),
  };
}

/** The data of the given segments of a campaign (those that still exist). */
export async function readRecordSegments(db: Queryable, campaignId: string, ids: readonly string[]): Promise<RecordSegmentRow[]> {
  return db.query<RecordSegmentRow>(
    `select id, definition_key as "definitionKey", responses, data from response_records where campaign_id = $1 and id = any($2::uuid[])`,
    [campaignId, ids],
  );
}

/** Stores one segment. */
export async function insertRecordSegment(db: Queryable, campaignId: string, definitionKey: string, responses: number, data: Uint8Array): Promise<void> {
  await db.query('insert into response_records (campaign_id, definition_key, responses, data) values ($1, $2, $3, $4)', [
    campaignId,
    definitionKey,
    responses,
    data,
  ]);
}

/** Deletes the given segments of a campaign; returns how many there were. */
export async function deleteRecordSegments(db: Queryable, campaignId: string, ids: readonly string[]): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'with gone as (delete from response_records where campaign_id = $1 and id = any($2::uuid[]) returning 1) select count(*)::int as n from gone',
    [campaignId, ids],
  );
  return rows[0].n;
}

/**
 * Marks up to `limit` unrecorded responses of a campaign as recorded and
 * returns what their records are computed from. The caller writes their
 * segment in the same transaction. Rows another transaction is recording
 * are skipped.
 */
export async function recordPendingResponses(db: Queryable, campaignId: string, limit: number): Promise<RecordSource[]> {
  return db.query<RecordSource>(
    `update responses set recorded = true
      where id in (select id from responses where campaign_id = $1 and not recorded limit $2 for update skip locked)
      returning stratum, answers`,
    [campaignId, limit],
  );
}

/**
 * Drops every segment of a campaign and marks its responses unrecorded, in
 * one statement (when the definition its records were computed from changed).
 */
export async function forgetCampaignRecords(db: Queryable, campaignId: string): Promise<void> {
  await db.query(
    `with gone as (delete from response_records where campaign_id = $1)
     update responses set recorded = false where campaign_id = $1 and recorded`,
    [campaignId],
  );
}
