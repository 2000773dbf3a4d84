import type { DraftInfo, OpenDraftResponse, SaveDraftBody } from '../../contracts/respondent';
import { MAX_RESUME_ATTEMPTS } from '../../domain/sealed-draft';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../http/http-error';
import { deleteDraft, findDraft, lockDraftTarget, recordWrongResumeWord, resetWrongResumeWords, upsertDraft } from '../queries/drafts';
import { keyedHash } from './code-secret';
import { codeHashOf } from './personal-codes';
import { assertCodeUsable, codeInvalid } from './respondent-code';

/**
 * Sealed drafts. The browser seals a draft with a key derived from the code
 * and a resume word (domain/sealed-draft.ts); the server stores the sealed
 * blob, the derivation parameters and a keyed hash of the verifier, and
 * decides only whether a verifier matches. It never sees the word, the key,
 * or an answer.
 *
 * Rules (docs/api.md, "Sealed drafts"):
 * - The sealed blob is released only for the right verifier. Five wrong
 *   words in a row (`MAX_RESUME_ATTEMPTS`, counted in the database, so over
 *   every server process) lock the draft; a right word resets the count.
 *   Word checks are also limited per code per minute (in the route).
 * - Replacing a saved draft needs its verifier; a wrong one counts as a
 *   wrong word. Anyone with the letter may discard the draft (a forgotten
 *   word means starting over), just as they may submit the survey.
 */

const wrongWord = (attemptsLeft: number) =>
  new HttpError(
    403,
    'wrong_resume_word',
    attemptsLeft > 0
      ? `Ordet stämmer inte. Du kan försöka ${attemptsLeft} ${attemptsLeft === 1 ? 'gång' : 'gånger'} till.`
      : 'Ordet stämmer inte. Utkastet är nu låst.',
    { attemptsLeft },
  );
const draftLocked = () =>
  new HttpError(423, 'draft_locked', 'Utkastet är låst efter för många felaktiga ord. Du kan börja om från början.');
const noDraft = () => new HttpError(404, 'no_draft', 'Det finns inget sparat utkast för koden.');

/** The keyed hash stored for a verifier: bound to the code, so that equal verifiers of two codes never look alike. */
function verifierHashOf(secret: Buffer, codeHash: string, verifier: string): string {
  return keyedHash(secret, 'draft-verifier', codeHash, verifier);
}

function codeHashOrThrow(secret: Buffer, code: string): string {
  const codeHash = codeHashOf(secret, code);
  if (codeHash === undefined) throw codeInvalid();
  return codeHash;
}

/** What `GET /api/respond/:code` says about a waiting draft: enough to ask for the word, nothing to read. */
export async function draftInfoOf(db: Queryable, codeHash: string): Promise<DraftInfo | null> {
  const draft = await findDraft(db, codeHash);
  if (!draft) return null;
  return { salt: draft.salt, iterations: draft.iterations, attemptsLeft: Math.max(0, MAX_RESUME_ATTEMPTS - draft.failedAttempts) };
}

/**
 * Stores a sealed draft under the code (a new one, or a replacement with
 * the same verifier).
 * @throws 404/410 if the code cannot be used, 403 `wrong_resume_word` for another verifier, 423 `draft_locked`.
 */
export async function saveSealedDraft(db: Database, secret: Buffer, code: string, body: SaveDraftBody): Promise<void> {
  const codeHash = codeHashOrThrow(secret, code);
  const verifierHash = verifierHashOf(secret, codeHash, body.verifier);
  // Refusals are returned, not thrown, so that a wrong word's count is committed.
  const refusal = await db.transaction(async (tx): Promise<HttpError | undefined> => {
    const target = await lockDraftTarget(tx, codeHash);
    assertCodeUsable(target);
    const existing = await findDraft(tx, codeHash, true);
    if (existing) {
      if (existing.failedAttempts >= MAX_RESUME_ATTEMPTS) return draftLocked();
      if (existing.verifierHash !== verifierHash) return wrongWord(MAX_RESUME_ATTEMPTS - (await recordWrongResumeWord(tx, codeHash)));
    }
    await upsertDraft(tx, codeHash, {
      campaignId: target.campaignId,
      ciphertext: body.sealed.ciphertext,
      iv: body.sealed.iv,
      salt: body.salt,
      iterations: body.iterations,
      verifierHash,
    });
    return undefined;
  });
  if (refusal) throw refusal;
}

/**
 * Releases the sealed draft for the right verifier.
 * @throws 404/410 if the code cannot be used, 404 `no_draft`, 403 `wrong_resume_word`, 423 `draft_locked`.
 */
export async function openSealedDraft(db: Database, secret: Buffer, code: string, verifier: string): Promise<OpenDraftResponse> {
  const codeHash = codeHashOrThrow(secret, code);
  const verifierHash = verifierHashOf(secret, codeHash, verifier);
  const outcome = await db.transaction(async (tx): Promise<OpenDraftResponse | HttpError> => {
    assertCodeUsable(await lockDraftTarget(tx, codeHash));
    const draft = await findDraft(tx, codeHash, true);
    if (!draft) return noDraft();
    if (draft.failedAttempts >= MAX_RESUME_ATTEMPTS) return draftLocked();
    if (draft.verifierHash !== verifierHash) return wrongWord(MAX_RESUME_ATTEMPTS - (await recordWrongResumeWord(tx, codeHash)));
    await resetWrongResumeWords(tx, codeHash);
    return { sealed: { ciphertext: draft.ciphertext, iv: draft.iv }, salt: draft.salt, iterations: draft.iterations };
  });
  if (outcome instanceof HttpError) throw outcome;
  return outcome;
}

/**
 * Discards the draft under the code ("start over"), also a locked one.
 * Idempotent: no draft is fine.
 * @throws 404/410 if the code cannot be used.
 */
export async function discardDraft(db: Database, secret: Buffer, code: string): Promise<void> {
  const codeHash = codeHashOrThrow(secret, code);
  await db.transaction(async (tx) => {
    assertCodeUsable(await lockDraftTarget(tx, codeHash));
    await deleteDraft(tx, codeHash);
  });
}
