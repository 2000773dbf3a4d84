import type { Queryable } from '../db/database';

/** Settings of a campaign that the sampling frame depends on. */
export interface CampaignSamplingSettings {
  periodStart: string | null;
  areaCodes: string[];
}

export async function findCampaignSamplingSettings(db: Queryable, campaignId: string): Promise<CampaignSamplingSettings | undefined> {
  const rows = await db.query<{ period_start: string | Date | null; areas: { code: string }[] }>(
    'select period_start, areas from campaigns where id = $1',
    [campaignId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const start = row.period_start;
  return {
    periodStart: start === null ? null : typeof start === 'string' ? start.slice(0, 10) : start.toISOString().slice(0, 10),
    areaCodes: (row.areas ?? []).map((area) => area.code),
  };
}

/** Records a frame upload: metadata only (file name, counts), never person ids. */
export async function insertFrameUpload(
  db: Queryable,
  upload: { kommunkod: string; campaignId: string; fileName: string; rowCount: number; meta: Record<string, unknown>; createdBy: string },
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into uploads (kommunkod, campaign_id, kind, file_name, row_count, meta, created_by)
     values ($1, $2, 'sampling_frame', $3, $4, $5, $6) returning id`,
    [upload.kommunkod, upload.campaignId, upload.fileName, upload.rowCount, JSON.stringify(upload.meta), upload.createdBy],
  );
  return rows[0].id;
}

/** Adds the draw's metadata (seed, method, sizes) to the upload row. */
export async function recordDrawOnUpload(db: Queryable, uploadId: string, draw: Record<string, unknown>): Promise<void> {
  await db.query(`update uploads set meta = meta || jsonb_build_object('draw', $2::jsonb) where id = $1`, [uploadId, JSON.stringify(draw)]);
}
