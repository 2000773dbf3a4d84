/**
 * The resume word on the respondent pages: choosing one to save the draft
 * (`SaveForLater`), giving it to continue (`ResumeDraft`), and starting over
 * when it is forgotten or the draft is locked (`DiscardDraft`).
 */
import { useId, useState, type FormEvent, type RefObject } from 'react';
import type { Answers, DraftContents, DraftInfo } from '../../contracts/respondent';
import { MIN_RESUME_WORD_LENGTH, normaliseResumeWord } from '../../domain/sealed-draft';
import { ApiError } from './api';
import type { DraftSession } from './draft-session';
import type { UiStrings } from './i18n';

interface HeadingProps {
  t: UiStrings;
  headingRef: RefObject<HTMLHeadingElement | null>;
}

/** The text for a failed request to the draft endpoints. */
function requestErrorText(t: UiStrings, error: unknown, fallback: string): string {
  if (!(error instanceof ApiError)) return fallback;
  if (error.status === 429) return t.tooManyRequests;
  if (error.code === 'code_used') return t.codeUsed;
  if (error.code === 'survey_closed') return t.surveyClosed;
  if (error.status === 0 || error.status >= 500) return t.networkError;
  return fallback;
}

function attemptsLeftOf(error: ApiError): number {
  const left = (error.details as { attemptsLeft?: unknown } | undefined)?.attemptsLeft;
  return typeof left === 'number' ? left : 0;
}

interface ResumeDraftProps extends HeadingProps {
  draft: DraftInfo;
  session: DraftSession;
  onResumed: (contents: DraftContents) => void;
  onForgot: () => void;
}

/** "Fortsätt där du slutade": asks for the word; shows no answers until it is right. */
export function ResumeDraft({ t, headingRef, draft, session, onResumed, onForgot }: ResumeDraftProps) {
  const id = useId();
  const [word, setWord] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [locked, setLocked] = useState(draft.attemptsLeft === 0);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (normaliseResumeWord(word) === '') return setError(t.wordMissing);
    setBusy(true);
    setError(undefined);
    try {
      const contents = await session.resume(word, draft);
      onResumed(contents);
    } catch (caught) {
      setBusy(false);
      if (caught instanceof ApiError && caught.code === 'draft_locked') return setLocked(true);
      if (caught instanceof ApiError && caught.code === 'wrong_resume_word') {
        const left = attemptsLeftOf(caught);
        if (left === 0) return setLocked(true);
        return setError(t.wrongWord(left));
      }
      setError(requestErrorText(t, caught, t.resumeFailed));
    }
  };

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h1 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {t.resumeHeading}
      </h1>
      {locked ? (
        <p className="error-box" role="alert" data-testid="draft-locked">
          {t.draftLocked}
        </p>
      ) : (
        <>
          <p>{t.resumeIntro}</p>
          <form className="code-form" onSubmit={(event) => void onSubmit(event)} noValidate>
            <label htmlFor={`${id}-word`}>{t.resumeWordLabel}</label>
            <input
              id={`${id}-word`}
              type="text"
              value={word}
              onChange={(event) => {
                setWord(event.target.value);
                setError(undefined);
              }}
              autoComplete="off"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              aria-describedby={error ? `${id}-error` : undefined}
              aria-invalid={error ? true : undefined}
              data-testid="resume-word"
            />
            {error && (
              <p id={`${id}-error`} className="field-error" role="alert" data-testid="resume-error">
                {error}
              </p>
            )}
            {busy && (
              <p role="status" className="loading">
                {t.resumeOpening}
              </p>
            )}
            <button type="submit" className="primary" disabled={busy} data-testid="resume">
              {t.resumeButton}
            </button>
          </form>
        </>
      )}
      <p>
        <button type="button" className={locked ? 'primary' : 'link-button'} onClick={onForgot} data-testid="forgot-word">
          {t.forgotWord}
        </button>
      </p>
    </section>
  );
}

interface DiscardDraftProps extends HeadingProps {
  session: DraftSession;
  onDiscarded: () => void;
  onCancel: () => void;
}

/** "Börja om från början?": deletes the sealed draft after a confirmation. */
export function DiscardDraft({ t, headingRef, session, onDiscarded, onCancel }: DiscardDraftProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const discard = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await session.discard();
      onDiscarded();
    } catch (caught) {
      setBusy(false);
      setError(requestErrorText(t, caught, t.discardFailed));
    }
  };
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {t.discardHeading}
      </h1>
      <p>{t.discardText}</p>
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void discard()} disabled={busy} data-testid="discard-confirm">
          {t.discardConfirm}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          {t.discardCancel}
        </button>
      </div>
    </>
  );
}

interface SaveForLaterProps {
  t: UiStrings;
  session: DraftSession;
  /** A resume word was chosen or given in this visit: every page change saves. */
  sealing: boolean;
  draft: 'idle' | 'saving' | 'saved' | 'failed';
  /** The answers and the page to seal now. */
  current: () => { answers: Answers; page: string | undefined };
  onSealed: () => void;
  onSaveNow: () => void;
}

/**
 * Under the questionnaire (personal codes): nothing is saved until the
 * respondent chooses a word here; after that, the saving status.
 */
export function SaveForLater({ t, session, sealing, draft, current, onSealed, onSaveNow }: SaveForLaterProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [word, setWord] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  if (sealing) {
    return (
      <section className="save-later" aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`} className="visually-hidden">
          {t.saveLaterHeading}
        </h2>
        <p className="draft-status" role="status" aria-live="polite" data-testid="draft-status">
          {draft === 'saving' && t.draftSaving}
          {draft === 'saved' && t.sealedSaved}
          {draft === 'failed' && t.draftFailed}
        </p>
        {draft === 'failed' && (
          <button type="button" className="secondary" onClick={onSaveNow}>
            {t.submitRetryButton}
          </button>
        )}
      </section>
    );
  }

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (normaliseResumeWord(word).length < MIN_RESUME_WORD_LENGTH) return setError(t.wordTooShort(MIN_RESUME_WORD_LENGTH));
    setBusy(true);
    setError(undefined);
    try {
      await session.choose(word, current());
      setWord('');
      onSealed();
    } catch (caught) {
      setError(requestErrorText(t, caught, t.saveFailed));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="save-later" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t.saveLaterHeading}</h2>
      <p>{t.saveLaterIntro}</p>
      {!open ? (
        <button type="button" className="secondary" onClick={() => setOpen(true)} aria-expanded={false} data-testid="save-later">
          {t.saveLaterOpen}
        </button>
      ) : (
        <form className="code-form" onSubmit={(event) => void save(event)} noValidate>
          <label htmlFor={`${id}-word`}>{t.wordLabel}</label>
          <p id={`${id}-hint`} className="hint">
            {t.wordHint}
          </p>
          <input
            id={`${id}-word`}
            type="text"
            value={word}
            onChange={(event) => {
              setWord(event.target.value);
              setError(undefined);
            }}
            autoFocus
            autoComplete="off"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
            aria-invalid={error ? true : undefined}
            data-testid="new-resume-word"
          />
          {error && (
            <p id={`${id}-error`} className="field-error" role="alert">
              {error}
            </p>
          )}
          {busy && (
            <p role="status" className="loading">
              {t.wordSaving}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="primary" disabled={busy} data-testid="save-word">
              {t.wordSave}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)} disabled={busy}>
              {t.wordCancel}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
