import type { Database } from '../db/database';
import { badRequest, conflict, HttpError } from '../http/http-error';
import { completeCodeWithResponse, findRespondentCode, lockCode, markCodeStarted, saveDraft } from '../queries/codes';
import { keyedHash } from './code-secret';
import { campaignSurvey } from './campaign-survey';
import { codeHashOf } from './personal-codes';

/**
 * The one answer to every failed code lookup: unknown code, used code, closed
 * campaign. It says nothing about whether the code exists.
 */
export const codeInvalid = () =>
  new HttpError(404, 'code_invalid', 'Koden kunde inte användas. Kontrollera att du skrivit rätt.');

/** 400 naming the first question whose answer is invalid; all problems in `details.errors`. */
export function invalidAnswers(errors: { question: string; message: string }[]): HttpError {
  const first = errors[0];
  return badRequest(first ? first.message : 'Svaren är ogiltiga.', { field: first ? `answers.${first.question}` : 'answers', errors });
}

/**
 * The survey for a personal code, with the saved draft. Marks an unused code
 * started (status and today's date only).
 */
export async function openSurveyByCode(db: Database, secret: Buffer, code: string) {
  const codeHash = codeHashOf(secret, code);
  const found = codeHash === undefined ? undefined : await findRespondentCode(db, codeHash);
  if (!found || found.status === 'completed' || found.campaignStatus !== 'open' || found.kind !== 'population') throw codeInvalid();
  if (found.status === 'unused') await markCodeStarted(db, codeHash!);
  const { survey } = await campaignSurvey(db, found.campaignId, found.campaignStatus);
  return {
    campaign: { title: found.title, contact: found.contact, languages: found.languages },
    survey,
    answers: found.draft ?? {},
    locale: 'sv',
  };
}

/** Autosave under the code's hash, while the code is not completed and the campaign is open. */
export async function saveDraftByCode(db: Database, secret: Buffer, code: string, answers: Record<string, unknown>): Promise<void> {
  const codeHash = codeHashOf(secret, code);
  if (codeHash === undefined || !(await saveDraft(db, codeHash, answers))) throw codeInvalid();
}

/**
 * Stores a web submission exactly once, in one transaction: locks the code
 * row, checks it, validates the answers with the campaign's cached validator,
 * inserts the response (stratum, mode `web`, today's date, answers), marks the
 * code completed and deletes its draft.
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
  return db.transaction(async (tx) => {
    const locked = await lockCode(tx, codeHash);
    if (!locked || locked.kind !== 'population') throw codeInvalid();
    if (locked.status === 'completed') {
      if (locked.submissionHash === submissionHash) return 'repeat';
      throw conflict('Koden har redan använts för att skicka in svar.');
    }
    if (locked.campaignStatus !== 'open') throw codeInvalid();
    const { validate } = await campaignSurvey(tx, locked.campaignId, locked.campaignStatus);
    const checked = validate(submission.answers);
    if (!checked.ok) throw invalidAnswers(checked.errors);
    await completeCodeWithResponse(tx, {
      codeHash,
      submissionHash,
      campaignId: locked.campaignId,
      kommunkod: locked.kommunkod,
      stratum: locked.stratum,
      mode: 'web',
      answers: checked.answers,
    });
    return 'created';
  });
}
