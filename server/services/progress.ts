import type { Queryable } from '../db/database';
import { listStrata } from '../queries/campaign-strata';
import { countCodesByStratum } from '../queries/codes';
import { listReminderWaves } from '../queries/reminder-waves';
import { countResponsesByDate, countResponsesByMode, countResponsesByWeek } from '../queries/response-stats';

export interface StratumProgress {
  stratum: Record<string, string>;
  invited: number;
  /** Codes opened at least once (those completed on the web included). */
  started: number;
  completed: number;
  /** N_h, when known. */
  populationSize: number | null;
}

/**
 * The fieldwork monitor: invited, started and completed codes per stratum
 * and in total; responses by mode, by ISO week and by reminder wave.
 *
 * `started` counts codes that were opened or completed (a funnel:
 * invited ≥ started ≥ completed for web answers; a paper form counts as both).
 * After the codes are deleted the counts kept in campaign_strata are used.
 * A response belongs to wave k if its date is on or after wave k's date and
 * before wave k+1's (wave 0 = the first letter); responses carry only a date,
 * so a response on a wave's day counts to that wave.
 */
export async function campaignProgress(db: Queryable, campaignId: string) {
  const [strata, codeCounts, byMode, byWeek, waves, byDate] = await Promise.all([
    listStrata(db, campaignId),
    countCodesByStratum(db, campaignId),
    countResponsesByMode(db, campaignId),
    countResponsesByWeek(db, campaignId),
    listReminderWaves(db, campaignId),
    countResponsesByDate(db, campaignId),
  ]);
  const live = new Map<string, { started: number; completed: number }>();
  for (const { stratumKey, status, n } of codeCounts) {
    const counts = live.get(stratumKey) ?? { started: 0, completed: 0 };
    if (status === 'started') counts.started += n;
    if (status === 'completed') counts.completed += n;
    live.set(stratumKey, counts);
  }
  const rows: StratumProgress[] = strata.map((s) => {
    const counts = live.get(s.stratumKey) ?? { started: 0, completed: 0 };
    const completed = s.completed + counts.completed;
    return { stratum: s.stratum, invited: s.invited, started: s.started + counts.started + completed, completed, populationSize: s.populationSize };
  });
  const totals = rows.reduce(
    (sum, row) => ({ invited: sum.invited + row.invited, started: sum.started + row.started, completed: sum.completed + row.completed }),
    { invited: 0, started: 0, completed: 0 },
  );
  const byWave = [{ wave: 0, sentOn: null as string | null, codeCount: totals.invited, responses: 0 }, ...waves.map((w) => ({ ...w, responses: 0 }))];
  for (const { date, n } of byDate) {
    let index = 0;
    for (let k = 1; k < byWave.length; k++) if (date >= (byWave[k].sentOn as string)) index = k;
    byWave[index].responses += n;
  }
  return { totals, strata: rows, byMode, byWeek, byWave };
}
