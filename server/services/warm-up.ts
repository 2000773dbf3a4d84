import type { Database } from '../db/database';
import type { Logger } from '../log';
import { listOpenCampaigns } from '../queries/campaigns';
import { loadProceduralLanguage } from '../queries/maintenance';
import { campaignSurvey } from './campaign-survey';

/** Open campaigns whose survey and validator are prepared at start-up. */
const WARM_CAMPAIGNS = 20;

/**
 * Does at start-up what the first respondents would otherwise wait for:
 * the embedded database loads PL/pgSQL (used when a code is marked used),
 * and the surveys and answer validators of the open campaigns are compiled.
 * Without it the first submissions after a restart waited seconds.
 */
export async function warmUp(db: Database, log: Logger): Promise<void> {
  const started = performance.now();
  await loadProceduralLanguage(db);
  const open = await listOpenCampaigns(db, WARM_CAMPAIGNS);
  for (const campaign of open) {
    const survey = await campaignSurvey(db, campaign.id, campaign.status);
    // Compiles the validator; the answers are irrelevant.
    survey.validate({});
  }
  log.debug('warmed up', { campaigns: open.length, ms: Math.round(performance.now() - started) });
}
