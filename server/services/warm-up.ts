import type { Database } from '../db/database';
import type { Logger } from '../log';
import { randomBytes } from 'node:crypto';
import { findCampaignGatesBySlugs, listOpenCampaigns } from '../queries/campaigns';
import { findClassLinksByTokens, poolClassSubmissions } from '../queries/class-links';
import { completeCodes, findCodesForSubmit } from '../queries/codes';
import { loadProceduralLanguage } from '../queries/maintenance';
import { campaignSurvey } from './campaign-survey';

/** Open campaigns whose survey and validator are prepared at start-up. */
const WARM_CAMPAIGNS = 20;

/** A campaign and class that cannot exist (the nil UUID): statements about them change nothing. */
const NONE = '00000000-0000-0000-0000-000000000000';
/** Rounds of the submission statements at start-up. */
const STATEMENT_ROUNDS = 10;

/**
 * Does at start-up what the first respondents would otherwise wait for:
 * the embedded database loads PL/pgSQL (used when a code is marked used),
 * the surveys and answer validators of the open campaigns are compiled, and
 * the statements of a submission run a few times on keys that match
 * nothing: the lookups of codes, class links and open links, and the
 * storing of a code's and a class link's answers for the nil campaign,
 * which stores nothing (no row is written; the database's catalogue caches
 * and the code paths are warm). Without it the first submissions after a
 * restart waited seconds.
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
  for (let round = 0; round < STATEMENT_ROUNDS; round++) {
    const keys = Array.from({ length: 16 }, () => randomBytes(24).toString('base64url'));
    await findCodesForSubmit(db, keys);
    await findClassLinksByTokens(db, keys);
    await findCampaignGatesBySlugs(db, keys);
    const nothing = { campaignId: NONE, kommunkod: '', stratum: {}, answers: {} };
    await completeCodes(db, [{ code: { ...nothing, codeHash: keys[0], stratumKey: '', slot: 0 }, receiptHash: null, mode: 'web', answers: {} }], ['open']);
    await poolClassSubmissions(db, [{ ...nothing, classId: NONE, receiptHash: keys[1] }]);
  }
  log.debug('warmed up', { campaigns: open.length, ms: Math.round(performance.now() - started) });
}
