/**
 * One respondent's sealed draft for the length of a page visit. Holds the
 * derived key (non-extractable) and verifier in memory only, never in
 * storage; the key is derived once, when the respondent chooses or gives the
 * resume word, and every autosave seals with it.
 */
import type { Answers, DraftContents, DraftInfo } from '../../contracts/respondent';
import { DRAFT_KDF, deriveDraftKeys, newDraftSalt, openDraft, sealDraft, type DraftKeys } from '../../domain/sealed-draft';
import { discardDraft, fetchSealedDraft, saveSealedDraft } from './api';

export class DraftSession {
  private keys: DraftKeys | undefined;
  /** Saves run one after another, so that an older draft never overwrites a newer one. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly code: string) {}

  /** Whether a resume word was chosen or given in this visit (autosave is on). */
  get sealing(): boolean {
    return this.keys !== undefined;
  }

  /** Chooses a new resume word (new salt) and saves the draft under it at once. */
  async choose(word: string, contents: Omit<DraftContents, 'version'>): Promise<void> {
    const keys = await deriveDraftKeys(this.code, word, newDraftSalt(), DRAFT_KDF.iterations);
    await this.saveWith(keys, contents);
    this.keys = keys;
  }

  /**
   * Opens the waiting draft with the resume word.
   * @throws ApiError 403 `wrong_resume_word` (details.attemptsLeft), 423 `draft_locked`, 429; Error if the blob cannot be opened.
   */
  async resume(word: string, info: DraftInfo): Promise<DraftContents> {
    const keys = await deriveDraftKeys(this.code, word, info.salt, info.iterations);
    const { sealed } = await fetchSealedDraft(this.code, keys.verifier);
    const contents = await openDraft(keys, sealed);
    this.keys = keys;
    return contents;
  }

  /** Seals and saves; does nothing without a resume word (then nothing is ever stored). */
  async save(answers: Answers, page: string | undefined): Promise<boolean> {
    const keys = this.keys;
    if (!keys) return false;
    const contents = { answers: structuredClone(answers), page };
    // Skipped if the key was dropped meanwhile (quick exit): nothing is sent then.
    const saving = this.queue.catch(() => undefined).then(() => (this.keys === keys ? this.saveWith(keys, contents) : undefined));
    this.queue = saving;
    await saving;
    return true;
  }

  /** Deletes the waiting draft ("start over") and forgets any key. */
  async discard(): Promise<void> {
    await discardDraft(this.code);
    this.keys = undefined;
  }

  /** Drops the key from memory (quick exit, after submitting). */
  forget(): void {
    this.keys = undefined;
  }

  private async saveWith(keys: DraftKeys, contents: Omit<DraftContents, 'version'>): Promise<void> {
    const sealed = await sealDraft(keys, { version: 1, ...contents });
    await saveSealedDraft(this.code, { sealed, salt: keys.salt, iterations: keys.iterations, verifier: keys.verifier });
  }
}
