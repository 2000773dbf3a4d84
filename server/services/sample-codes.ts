import type { IssueCodesBody, SampleDesign } from '../../contracts/fieldwork';
import type { AuthContext } from '../auth/auth-context';
import type { Database } from '../db/database';
import { writeAuditLog } from '../queries/audit-log';
import { saveSampleDesign } from '../queries/sample-design';
import { findCampaignForAnalyst } from './campaigns';
import { issueCodes, type IssuedCode } from './personal-codes';

/**
 * `POST /api/campaigns/:id/codes` for an analyst: checks access, issues the
 * codes (`issueCodes`) and writes the counts to the audit log (codes and
 * strata, never a code), and records the sample design when given (frame
 * date and size, allocation; for the lägesbild's method section). The draw itself happened in the analyst's browser
 * or with `npm run draw`; the server never sees who was drawn.
 * @throws HttpError 404 for a campaign outside the analyst's kommuner, 409 as `issueCodes`.
 */
export async function issueCodesForAnalyst(
  db: Database,
  secret: Buffer,
  auth: AuthContext,
  campaignId: string,
  strata: IssueCodesBody['strata'],
  sample?: SampleDesign,
): Promise<IssuedCode[]> {
  const campaign = await findCampaignForAnalyst(db, auth, campaignId);
  const issued = await issueCodes(db, secret, campaignId, strata);
  if (sample) await saveSampleDesign(db, campaignId, sample);
  await writeAuditLog(db, {
    userId: auth.userId,
    kommunkod: campaign.kommunkod,
    action: 'campaign.issue_codes',
    details: { campaignId, codes: issued.length, strata: strata.length, populationSize: strata.reduce((sum, s) => sum + (s.N ?? 0), 0) },
  });
  return issued;
}
