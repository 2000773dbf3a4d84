import { useId, useState, type FormEvent, type RefObject } from 'react';
import { normaliseCode } from '../../domain/personal-code';
import type { UiStrings } from './i18n';

interface CodeFormProps {
  t: UiStrings;
  /** Gets focus after a failed attempt (a heading with tabIndex -1). */
  headingRef?: RefObject<HTMLHeadingElement | null>;
  /** The code as typed before, kept in the field after an error so that a typo can be fixed. */
  initialCode?: string;
  /** Why the last code could not be used (unknown, used, survey closed, …). */
  serverError?: string;
  /** Called with a well-formed code. */
  onCode: (code: string) => void;
}

/**
 * "Ange din kod": the field stays on the page after an error, with the
 * reason next to it. A code that cannot be one (wrong length or symbols) is
 * refused here, without a request.
 */
export function CodeForm({ t, headingRef, initialCode = '', serverError, onCode }: CodeFormProps) {
  const id = useId();
  const [code, setCode] = useState(initialCode);
  const [localError, setLocalError] = useState<string>();
  const [edited, setEdited] = useState(false);
  const error = localError ?? (edited ? undefined : serverError);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const cleaned = code.replace(/\s+/g, '');
    if (!cleaned) return setLocalError(t.codeMissing);
    if (normaliseCode(cleaned) === undefined) return setLocalError(t.codeMalformed);
    setLocalError(undefined);
    setEdited(false);
    onCode(cleaned);
  };

  return (
    <>
      <h1 ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
        {t.codeEntryHeading}
      </h1>
      <p>{t.codeEntryIntro}</p>
      <form className="code-form" onSubmit={onSubmit} noValidate>
        <label htmlFor={`${id}-code`}>{t.codeLabel}</label>
        <p id={`${id}-help`} className="hint">
          {t.codeHelp}
        </p>
        <input
          id={`${id}-code`}
          name="code"
          type="text"
          value={code}
          onChange={(event) => {
            setCode(event.target.value);
            setLocalError(undefined);
            setEdited(true);
          }}
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          aria-describedby={error ? `${id}-help ${id}-error` : `${id}-help`}
          aria-invalid={error ? true : undefined}
        />
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert" data-testid="load-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          {t.codeContinue}
        </button>
      </form>
    </>
  );
}
