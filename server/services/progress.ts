import type { Progress, StratumProgress } from '../../contracts/fieldwork';
import type { Queryable } from '../db/database';
import { listStrata } from '../queries/campaign-strata';
import { findCampaignOpenedOn } from '../queries/campaign-fieldwork';
import { countCodeUsageByStratum } from '../queries/codes';
import { countWaiting } from '../queries/response-pool';
import { listReminderWaves } from '../queries/reminder-waves';
import { countResponsesByMode, countResponsesByWave, countResponsesByWeek } from '../queries/response-stats';
import { classProgressOf } from './class-links';


/**
 * The fieldwork monitor: invited, started and completed codes per stratum
 * and in total; responses by mode, by ISO week and by reminder wave, and how
 * many submissions wait for their batch (docs/privacy.md).
 *
 * `started` counts codes that were opened or completed (a funnel:
 * invited ≥ started ≥ completed for web answers; a paper form counts as both).
 * After the codes are deleted the counts kept in campaign_strata are used.
 * A response belongs to the reminder wave that was in force when it came in
 * (wave 0 = the first letter, dated the day the campaign opened). Waiting submissions count by mode and wave;
 * by week only once written, with their batch's date.
 *
 * A class-link campaign has no strata: its totals are the classes' pupils
 * (`invited`) and the submissions its links took (`started` = `completed`),
 * and `byClass` gives them per class.
 */
export async function campaignProgress(db: Queryable, campaignId: string): Promise<Progress> {
  const [strata, usage, written, byWeek, waves, byWaveWritten, waiting, openedOn, byClass] = await Promise.all([
    listStrata(db, campaignId),
    countCodeUsageByStratum(db, campaignId),
    countResponsesByMode(db, campaignId),
    countResponsesByWeek(db, campaignId),
    listReminderWaves(db, campaignId),
    countResponsesByWave(db, campaignId),
    countWaiting(db, campaignId),
    findCampaignOpenedOn(db, campaignId),
    classProgressOf(db, campaignId),
  ]);
  const live = new Map(usage.map((u) => [u.stratumKey, u]));
  const rows: StratumProgress[] = strata.map((s) => {
    const counts = live.get(s.stratumKey) ?? { opened: 0, used: 0 };
    const completed = s.completed + counts.used;
    return { stratum: s.stratum, invited: s.invited, started: s.started + counts.opened + s.completed, completed, populationSize: s.populationSize };
  });
  const byMode = { ...written };
  for (const { mode, n } of waiting) byMode[mode] += n;
  const totals = [...rows, ...byClass.map((c) => ({ invited: c.elever, started: c.completed, completed: c.completed }))].reduce(
    (sum, row) => ({ invited: sum.invited + row.invited, started: sum.started + row.started, completed: sum.completed + row.completed }),
    { invited: 0, started: 0, completed: 0 },
  );
  const byWave = [{ wave: 0, sentOn: openedOn, codeCount: totals.invited, responses: 0 }, ...waves.map((w) => ({ ...w, responses: 0 }))];
  for (const { wave, n } of [...byWaveWritten, ...waiting]) {
    const entry = byWave.find((w) => w.wave === wave);
    if (entry) entry.responses += n;
  }
  return { totals, strata: rows, byMode, byWeek, byWave, waiting: waiting.reduce((sum, w) => sum + w.n, 0), byClass };
}
