import type { ReminderWave } from '../../contracts/fieldwork';
import type { Queryable } from '../db/database';

export type { ReminderWave };

/** Records the next wave (numbered 1, 2, …) with today's date. */
export async function insertReminderWave(db: Queryable, campaignId: string, codeCount: number): Promise<ReminderWave> {
  const rows = await db.query<ReminderWave>(
    `insert into reminder_waves (campaign_id, wave, code_count)
     select $1, coalesce(max(wave), 0) + 1, $2 from reminder_waves where campaign_id = $1
     returning wave, sent_on as "sentOn", code_count as "codeCount"`,
    [campaignId, codeCount],
  );
  return rows[0];
}

export async function listReminderWaves(db: Queryable, campaignId: string): Promise<ReminderWave[]> {
  return db.query<ReminderWave>(
    `select wave, sent_on as "sentOn", code_count as "codeCount" from reminder_waves where campaign_id = $1 order by wave`,
    [campaignId],
  );
}
