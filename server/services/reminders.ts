import type { Database } from '../db/database';
import type { AuthContext } from '../auth/auth-context';
import { conflict } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { countCodesNotCompleted, listUnusedCodeRefs } from '../queries/codes';
import { insertReminderWave, type ReminderWave } from '../queries/reminder-waves';
import { findCampaignForAnalyst } from './campaigns';
import { findCampaignDetail } from '../queries/campaign-fieldwork';
import { csvLine } from '../../domain/csv';

/**
 * The letter references of codes that have not completed (unused or only
 * started), with their stratum, as CSV (`ref` then the stratum variables).
 * The kommun merges it on `ref` with its own letter file to send reminders.
 * @throws 409 once the codes are deleted: there is nothing left to remind.
 */
export async function unusedCodesCsv(db: Database, auth: AuthContext, id: string): Promise<string> {
  const campaign = await findCampaignForAnalyst(db, auth, id);
  const detail = await findCampaignDetail(db, id);
  if (detail?.codesDeletedOn) {
    throw conflict(`Koderna raderades ${detail.codesDeletedOn}, så det finns inga brevreferenser kvar att skicka påminnelser till.`, { codesDeletedOn: detail.codesDeletedOn });
  }
  const rows = await listUnusedCodeRefs(db, id);
  const variables = [...new Set(rows.flatMap((row) => Object.keys(row.stratum)))].sort();
  const lines = [csvLine(['ref', ...variables]), ...rows.map((row) => csvLine([row.ref, ...variables.map((v) => row.stratum[v] ?? '')]))];
  await writeAuditLog(db, { userId: auth.userId, kommunkod: campaign.kommunkod, action: 'campaign.unused_codes_export', details: { campaignId: id, rows: rows.length } });
  return lines.join('');
}

/** Records a reminder wave (today's date and how many codes had not completed). */
export async function recordReminderWave(db: Database, auth: AuthContext, id: string): Promise<ReminderWave> {
  const campaign = await findCampaignForAnalyst(db, auth, id);
  if (campaign.status !== 'open') throw conflict('Påminnelser kan bara registreras när undersökningen är öppen.');
  const wave = await insertReminderWave(db, id, await countCodesNotCompleted(db, id));
  await writeAuditLog(db, { userId: auth.userId, kommunkod: campaign.kommunkod, action: 'campaign.reminder_wave', details: { campaignId: id, wave: wave.wave } });
  return wave;
}
