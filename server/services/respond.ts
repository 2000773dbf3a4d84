import type { SurveyResponse } from '../../contracts/respondent';
import type { Database } from '../db/database';
import { badRequest, conflict, type HttpError } from '../http/http-error';
import {
  findCodesForSubmit,
  findRespondentCode,
  markCodeStarted,
  type CodeRow,
} from '../queries/codes';
import { hasReceipt } from '../queries/submission-receipts';
import { batchedLookup } from './batcher';
import { keyedHash } from './code-secret';
import { campaignSurvey } from './campaign-survey';
import { draftInfoOf } from './drafts';
import { codeHashOf } from './personal-codes';
import type { ResponseStore } from './response-store';
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
export async function openSurveyByCode(db: Database, store: ResponseStore, secret: Buffer, code: string): Promise<SurveyResponse> {
  const codeHash = codeHashOf(secret, code);
  const found = codeHash === undefined ? undefined : await findRespondentCode(db, codeHash);
  assertCodeUsable(found);
  if (found.status === 'unused') await markCodeStarted(db, codeHash!);
  const { survey } = await campaignSurvey(db, found.campaignId, found.campaignStatus);
  const campaign = await respondentCampaign(db, found.campaignId);
  return { campaign, survey: respondentSurvey(survey, campaign), answers: {}, locale: 'sv', draft: await draftInfoOf(db, codeHash!), batchSize: store.batchSize, linkKind: 'code' };
}

/** Concurrent submissions' code lookups, grouped into one query. */
const findCodeForSubmit = batchedLookup(findCodesForSubmit);

/**
 * Stores a web submission exactly once. Reads the code's state, validates
 * the answers with the campaign's cached validator, then hands them to the
 * response store, which marks the code used and adds the response to its
 * campaign's waiting batch in one transaction (group-committed with
 * concurrent submissions; see `ResponseStore`). A retry with the same
 * submission id finds its receipt and is answered `repeat`.
 *
 * @returns `created` the first time, `repeat` for a retry with the same submission id.
 * @throws 404 `code_invalid`, 409 if the code was used by another submission, 400 for invalid answers.
 */
export async function submitByCode(
  db: Database,
  store: ResponseStore,
  secret: Buffer,
  code: string,
  submission: { submissionId: string; answers: Record<string, unknown> },
): Promise<'created' | 'repeat'> {
  const codeHash = codeHashOf(secret, code);
  if (codeHash === undefined) throw codeInvalid();
  const receiptHash = keyedHash(secret, 'submission', codeHash, submission.submissionId);
  const found = await findCodeForSubmit(db, codeHash);
  if (!found || found.kind !== 'population') throw codeInvalid();
  if (found.status !== 'completed') {
    if (found.campaignStatus !== 'open') throw codeInvalid();
    const { validate } = await campaignSurvey(db, found.campaignId, found.campaignStatus);
    const checked = validate(submission.answers);
    if (!checked.ok) throw invalidAnswers(checked.errors);
    const outcome = await store.storeCodeSubmission({ code: found, receiptHash, answers: checked.answers });
    if (outcome === 'stored') return 'created';
    if (outcome === 'unavailable') throw codeInvalid();
  }
  // Used before, or by a concurrent submit just now.
  if (await hasReceipt(db, found.campaignId, receiptHash)) return 'repeat';
  throw conflict('Koden har redan använts för att skicka in svar.');
}
