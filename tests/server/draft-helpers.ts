/** Sealed drafts for API tests, made with the same WebCrypto code as the respondent app (domain/sealed-draft.ts). */
import type { Answers, SaveDraftBody } from '../../contracts/respondent';
import { deriveDraftKeys, newDraftSalt, sealDraft, type DraftKeys } from '../../domain/sealed-draft';

/** Derives keys for `code` and `word` (a new salt unless given) and seals `answers` on `page`. */
export async function sealedDraftBody(
  code: string,
  word: string,
  answers: Answers,
  options: { page?: string; keys?: DraftKeys } = {},
): Promise<{ body: SaveDraftBody; keys: DraftKeys }> {
  const keys = options.keys ?? (await deriveDraftKeys(code, word, newDraftSalt()));
  const sealed = await sealDraft(keys, { version: 1, answers, page: options.page });
  return { body: { sealed, salt: keys.salt, iterations: keys.iterations, verifier: keys.verifier }, keys };
}
