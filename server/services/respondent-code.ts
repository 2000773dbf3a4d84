import { HttpError } from '../http/http-error';

/**
 * Answers for a personal code that cannot be used. Codes are unguessable
 * (≈ 54.5 bits) and requests rate-limited, so saying that a code was used or
 * that the survey has closed tells a guesser nothing useful, and it tells the
 * respondent what happened.
 */
export const codeInvalid = () => new HttpError(404, 'code_invalid', 'Koden finns inte. Kontrollera att du har skrivit rätt.');
export const codeUsed = () => new HttpError(410, 'code_used', 'Koden har redan använts.');
export const surveyClosed = () => new HttpError(410, 'survey_closed', 'Undersökningen är avslutad.');

/** What decides whether a code can be used now. */
export interface CodeState {
  status: 'unused' | 'started' | 'completed';
  campaignStatus: 'draft' | 'open' | 'closed' | 'archived';
  kind: 'population' | 'screening';
}

/**
 * Throws unless the code exists, belongs to an open population survey and
 * has not been used: 404 `code_invalid` (unknown, or the survey is not open
 * yet), 410 `survey_closed`, 410 `code_used`.
 */
export function assertCodeUsable<T extends CodeState>(found: T | undefined): asserts found is T {
  if (!found || found.kind !== 'population' || found.campaignStatus === 'draft') throw codeInvalid();
  if (found.campaignStatus !== 'open') throw surveyClosed();
  if (found.status === 'completed') throw codeUsed();
}
