import type { SurveyResponse } from '../../contracts/respondent';
import type { Database } from '../db/database';
import { badRequest, conflict, type HttpError } from '../http/http-error';
import type { Queryable } from '../db/database';
import {
  completeCodesWithResponses,
  findCodesForSubmit,
  findRespondentCode,
  markCodeStarted,
  type SubmitCodeRow,
} from '../queries/codes';
import { Batcher } from './batcher';
import { keyedHash } from './code-secret';
import { campaignSurvey } from './campaign-survey';
import { draftInfoOf } from './drafts';
import { codeHashOf } from './personal-codes';
import { respondentCampaign, respondentSurvey } from './public-title';
import { assertCodeUsable, codeInvalid } from './respondent-code';

export { codeInvalid };

/** 400 naming the first question whose answer is invalid; all problems in `details.errors`. */
export function invalidAnswers(errors: { question: string; message: string }[]): HttpError {
  const first = errors[0];
  return badRequest(first ? first.message : 'Svaren är ogiltiga.', { field: first ? `answers.${first.question}` : 'answers', errors });
}

/**
 * The survey for a personal code, and whether a sealed draft waits under it
 * (its salt and iterations, never its contents). Marks an unused code
 * started (status and today's date only).
 * @throws 404 `code_invalid`, 410 `code_used` or `survey_closed`.
 */
export async function openSurveyByCode(db: Database, secret: Buffer, code: string): Promise<SurveyResponse> {
  const codeHash = codeHashOf(secret, code);
  const found = codeHash === undefined ? undefined : await findRespondentCode(db, codeHash);
  assertCodeUsable(found);
  if (found.status === 'unused') await markCodeStarted(db, codeHash!);
  const { survey } = await campaignSurvey(db, found.campaignId, found.campaignStatus);
  const campaign = await respondentCampaign(db, found.campaignId);
  return { campaign, survey: respondentSurvey(survey, campaign.publicTitle), answers: {}, locale: 'sv', draft: await draftInfoOf(db, codeHash!) };
}

interface SubmitQueues {
  lookups: Batcher<string, SubmitCodeRow | undefined>;
  writes: Batcher<{ codeHash: string; submissionHash: string; answers: Record<string, unknown> }, boolean>;
}
const queues = new WeakMap<Database, SubmitQueues>();

/** Per database: submissions' lookups and writes are grouped into one statement each (group commit). */
function submitQueues(db: Database): SubmitQueues {
  let found = queues.get(db);
  if (!found) {
    // PGlite runs one statement at a time; PostgreSQL can run a few batches in parallel.
    const maxInFlight = db.kind === 'pglite' ? 1 : 4;
    const run = <I, O>(work: (q: Queryable, items: I[]) => Promise<O[]>) => (items: I[]) => work(db, items);
    found = {
      lookups: new Batcher(run(findCodesForSubmit), { maxBatch: 256, maxInFlight }),
      writes: new Batcher(run(completeCodesWithResponses), { maxBatch: 256, maxInFlight, key: (item) => item.codeHash }),
    };
    queues.set(db, found);
  }
  return found;
}

/**
 * Stores a web submission exactly once. Reads the code and its campaign,
 * validates the answers with the campaign's cached validator, then writes
 * atomically in one statement (see `completeCodesWithResponses`, which groups
 * concurrent submissions): the code is marked completed, the response
 * inserted (stratum, mode `web`, today's date, answers) and the draft
 * deleted. Concurrent submits of one code never share a statement and
 * serialise on the code's row, so at most one stores. If this call did not
 * store, the code is read again to answer as for a retry.
 *
 * @returns `created` the first time, `repeat` for a retry with the same submission id.
 * @throws 404 `code_invalid`, 409 if the code was used by another submission, 400 for invalid answers.
 */
export async function submitByCode(
  db: Database,
  secret: Buffer,
  code: string,
  submission: { submissionId: string; answers: Record<string, unknown> },
): Promise<'created' | 'repeat'> {
  const codeHash = codeHashOf(secret, code);
  if (codeHash === undefined) throw codeInvalid();
  const submissionHash = keyedHash(secret, 'submission', codeHash, submission.submissionId);
  const { lookups, writes } = submitQueues(db);
  const found = await lookups.add(codeHash);
  if (!found || found.kind !== 'population') throw codeInvalid();
  if (found.status !== 'completed') {
    if (found.campaignStatus !== 'open') throw codeInvalid();
    const { validate } = await campaignSurvey(db, found.campaignId, found.campaignStatus);
    const checked = validate(submission.answers);
    if (!checked.ok) throw invalidAnswers(checked.errors);
    if (await writes.add({ codeHash, submissionHash, answers: checked.answers })) return 'created';
  }
  // Completed before, or by a concurrent submit just now, or the campaign closed meanwhile.
  const after = found.status === 'completed' ? found : await lookups.add(codeHash);
  if (!after || after.status !== 'completed') throw codeInvalid();
  if (after.submissionHash === submissionHash) return 'repeat';
  throw conflict('Koden har redan använts för att skicka in svar.');
}
