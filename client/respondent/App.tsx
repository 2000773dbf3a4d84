import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import {
  ApiError,
  fetchSurvey,
  saveDraft,
  submitAnswers,
  type Answers,
  type RespondentCampaign,
  type SurveySource,
} from './api';
import { defaultLocale, isLocale, rtlLocales, strings, uiLocales, type Locale, type UiStrings } from './i18n';
import { Layout } from './Layout';
import { onQuickExit } from './quick-exit';
import { navigate, useRoute } from './router';

type SurveyRuntime = typeof import('./survey-runtime');
type SurveyModel = import('./survey-runtime').SurveyModel;

let runtimePromise: Promise<SurveyRuntime> | undefined;
function loadRuntime(): Promise<SurveyRuntime> {
  runtimePromise ??= import('./survey-runtime');
  return runtimePromise;
}

function useDocumentLocale(locale: Locale) {
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = rtlLocales.has(locale) ? 'rtl' : 'ltr';
  }, [locale]);
}

/** Moves focus to the element (a heading with tabIndex -1) when `key` changes, for keyboard and screen-reader users. */
function useFocusOnChange(key: string, initialKeys: readonly string[]) {
  const ref = useRef<HTMLHeadingElement>(null);
  const previous = useRef<string | undefined>(undefined);
  useEffect(() => {
    const before = previous.current;
    previous.current = key;
    // Not on the first screen after loading: focus then stays at the top of the document.
    if (before === undefined || initialKeys.includes(before)) return;
    ref.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return ref;
}

export function App() {
  const route = useRoute();
  const [locale, setLocale] = useState<Locale>(defaultLocale);
  // Once the respondent picks a language, the campaign's default no longer overrides it.
  const chosen = useRef(false);
  const chooseLocale = useCallback((next: Locale) => {
    chosen.current = true;
    setLocale(next);
  }, []);
  const suggestLocale = useCallback((available: readonly Locale[], suggested: string) => {
    setLocale((current) => {
      if (chosen.current && available.includes(current)) return current;
      return isLocale(suggested) && available.includes(suggested) ? suggested : available[0];
    });
  }, []);
  useDocumentLocale(locale);

  switch (route.name) {
    case 'code-entry':
      return <CodeEntry locale={locale} onLocaleChange={chooseLocale} />;
    case 'code':
      return (
        <SurveyFlow
          key={`s/${route.code}`}
          source={{ kind: 'code', code: route.code }}
          locale={locale}
          onLocaleChange={chooseLocale}
          suggestLocale={suggestLocale}
        />
      );
    case 'open':
      return (
        <SurveyFlow
          key={`o/${route.slug}`}
          source={{ kind: 'open', slug: route.slug }}
          locale={locale}
          onLocaleChange={chooseLocale}
          suggestLocale={suggestLocale}
        />
      );
    default:
      return <NotFound locale={locale} onLocaleChange={chooseLocale} />;
  }
}

interface PageProps {
  locale: Locale;
  onLocaleChange: (locale: Locale) => void;
}

function CodeEntry({ locale, onLocaleChange }: PageProps) {
  const t = strings[locale];
  const [code, setCode] = useState('');
  const [error, setError] = useState(false);

  // Start fetching the survey library while the respondent types.
  useEffect(() => {
    void loadRuntime().catch(() => undefined);
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const cleaned = code.replace(/\s+/g, '');
    if (!cleaned) {
      setError(true);
      return;
    }
    navigate(`/s/${encodeURIComponent(cleaned)}`);
  };

  return (
    <Layout locale={locale} locales={uiLocales} onLocaleChange={onLocaleChange}>
      <h1>{t.codeEntryHeading}</h1>
      <p>{t.codeEntryIntro}</p>
      <form className="code-form" onSubmit={onSubmit} noValidate>
        <label htmlFor="code">{t.codeLabel}</label>
        <p id="code-help" className="hint">
          {t.codeHelp}
        </p>
        <input
          id="code"
          name="code"
          type="text"
          value={code}
          onChange={(event) => {
            setCode(event.target.value);
            setError(false);
          }}
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          aria-describedby={error ? 'code-help code-error' : 'code-help'}
          aria-invalid={error || undefined}
        />
        {error && (
          <p id="code-error" className="field-error" role="alert">
            {t.codeMissing}
          </p>
        )}
        <button type="submit" className="primary">
          {t.codeContinue}
        </button>
      </form>
    </Layout>
  );
}

/** "Till början": back to the code entry page without a new history entry. */
function StartLink({ label }: { label: string }) {
  return (
    <p>
      <a
        href="/"
        onClick={(event) => {
          event.preventDefault();
          navigate('/');
        }}
      >
        {label}
      </a>
    </p>
  );
}

function NotFound({ locale, onLocaleChange }: PageProps) {
  const t = strings[locale];
  return (
    <Layout locale={locale} locales={uiLocales} onLocaleChange={onLocaleChange}>
      <h1>{t.notFoundHeading}</h1>
      <p>{t.notFoundText}</p>
      <StartLink label={t.toStart} />
    </Layout>
  );
}

type Phase =
  | { name: 'loading' }
  | { name: 'load-error'; message: (t: UiStrings) => string }
  | { name: 'consent' }
  | { name: 'survey' }
  | { name: 'submitting'; retrying: boolean }
  | { name: 'submit-failed'; message: (t: UiStrings) => string; canRetry: boolean }
  | { name: 'thanks' };

type DraftState = 'idle' | 'saving' | 'saved' | 'failed';

function availableLocales(campaign: RespondentCampaign | undefined): Locale[] {
  if (!campaign) return [...uiLocales];
  const list = uiLocales.filter((code) => campaign.languages.includes(code));
  return list.length > 0 ? list : [defaultLocale];
}

interface SurveyFlowProps extends PageProps {
  source: SurveySource;
  /** Applies the campaign's default language unless the respondent already chose one. */
  suggestLocale: (available: readonly Locale[], suggested: string) => void;
}

function SurveyFlow({ source, locale, onLocaleChange, suggestLocale }: SurveyFlowProps) {
  const t = strings[locale];
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  const [campaign, setCampaign] = useState<RespondentCampaign>();
  const [runtime, setRuntime] = useState<SurveyRuntime>();
  const [model, setModel] = useState<SurveyModel>();
  const [draft, setDraft] = useState<DraftState>('idle');
  const submissionId = useRef<string | undefined>(undefined);
  const pendingAnswers = useRef<Answers | undefined>(undefined);
  const headingRef = useFocusOnChange(phase.name, ['loading']);

  // Load the survey and the survey library in parallel.
  useEffect(() => {
    let cancelled = false;
    Promise.all([fetchSurvey(source), loadRuntime()])
      .then(([payload, loaded]) => {
        if (cancelled) return;
        suggestLocale(availableLocales(payload.campaign), payload.locale);
        setCampaign(payload.campaign);
        setRuntime(loaded);
        // The locale effect below sets the model's language on the next render.
        setModel(loaded.createSurveyModel(payload.survey, payload.answers, defaultLocale));
        setPhase({ name: 'consent' });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setPhase({ name: 'load-error', message: loadErrorMessage(source, error) });
      });
    return () => {
      cancelled = true;
    };
    // suggestLocale is stable (useCallback with no deps).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source.kind, source.kind === 'open' ? source.slug : source.code]);

  // Quick exit wipes the answers held in memory.
  useEffect(() => {
    return onQuickExit(() => {
      model?.clear(true, true);
      pendingAnswers.current = undefined;
      setModel(undefined);
    });
  }, [model]);

  useEffect(() => {
    if (model) model.locale = locale;
  }, [model, locale]);

  const submit = useCallback(
    (answers: Answers) => {
      submissionId.current ??= crypto.randomUUID();
      pendingAnswers.current = answers;
      setPhase({ name: 'submitting', retrying: false });
      submitAnswers(source, submissionId.current, answers, ({ retrying }) =>
        setPhase({ name: 'submitting', retrying }),
      )
        .then(() => {
          pendingAnswers.current = undefined;
          setModel((current) => {
            current?.clear(true, true);
            return undefined;
          });
          setPhase({ name: 'thanks' });
        })
        .catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 409 && source.kind === 'code') {
            setPhase({ name: 'submit-failed', message: (s) => s.codeAlreadyUsed, canRetry: false });
            return;
          }
          const serverMessage = error instanceof ApiError && error.status !== 0 ? error.serverMessage : undefined;
          setPhase({
            name: 'submit-failed',
            message: (s) => (serverMessage ? `${serverMessage} ${s.submitFailed}` : s.submitFailed),
            canRetry: true,
          });
        });
    },
    [source],
  );

  // Survey events: autosave on page change (personal code), submit on completion.
  useEffect(() => {
    if (!model) return;
    const onPageChanged = () => {
      if (source.kind !== 'code') return;
      setDraft('saving');
      saveDraft(source.code, model.data as Answers).then(
        () => setDraft('saved'),
        () => setDraft('failed'),
      );
    };
    const onComplete = () => submit(model.data as Answers);
    model.onCurrentPageChanged.add(onPageChanged);
    model.onComplete.add(onComplete);
    return () => {
      model.onCurrentPageChanged.remove(onPageChanged);
      model.onComplete.remove(onComplete);
    };
  }, [model, source, submit]);

  const locales = availableLocales(campaign);
  const layoutProps = { locale, locales, onLocaleChange, contact: campaign?.contact };

  switch (phase.name) {
    case 'loading':
      return (
        <Layout {...layoutProps}>
          <p role="status" className="loading">
            {t.loading}
          </p>
        </Layout>
      );
    case 'load-error':
      return (
        <Layout {...layoutProps}>
          <h1 ref={headingRef} tabIndex={-1}>
            {source.kind === 'code' ? t.codeEntryHeading : t.openLinkError}
          </h1>
          <p className="error-box" role="alert" data-testid="load-error">
            {phase.message(t)}
          </p>
          {source.kind === 'code' && (
            <StartLink label={t.toStart} />
          )}
        </Layout>
      );
    case 'consent':
      return (
        <Layout {...layoutProps}>
          <h1 ref={headingRef} tabIndex={-1}>
            {campaign?.title || t.consentHeading}
          </h1>
          <section aria-labelledby="consent-heading" className="consent">
            <h2 id="consent-heading">{t.consentHeading}</h2>
            <p>{t.consentPurpose}</p>
            <ul>
              <li>{t.consentAnonymity}</li>
              {source.kind === 'code' && <li>{t.consentAnonymityCode}</li>}
              <li>{t.consentVoluntary}</li>
              <li>{t.consentSkip}</li>
              {source.kind === 'code' && <li>{t.consentResume}</li>}
            </ul>
            <p className="tip">{t.consentPrivacyTip}</p>
            <button type="button" className="primary" onClick={() => setPhase({ name: 'survey' })} data-testid="start">
              {t.consentStart}
            </button>
          </section>
        </Layout>
      );
    case 'survey':
      return (
        <Layout {...layoutProps}>
          <h1 ref={headingRef} tabIndex={-1} className="visually-hidden">
            {campaign?.title || t.consentHeading}
          </h1>
          {runtime && model && <runtime.SurveyView model={model} />}
          <p className="draft-status" role="status" aria-live="polite">
            {draft === 'saving' && t.draftSaving}
            {draft === 'saved' && t.draftSaved}
            {draft === 'failed' && t.draftFailed}
          </p>
        </Layout>
      );
    case 'submitting':
      return (
        <Layout {...layoutProps}>
          <h1 ref={headingRef} tabIndex={-1}>
            {t.submitting}
          </h1>
          <p role="status" className="loading" data-testid="submit-status">
            {phase.retrying ? t.submitRetrying : t.submitting}
          </p>
        </Layout>
      );
    case 'submit-failed':
      return (
        <Layout {...layoutProps}>
          <h1 ref={headingRef} tabIndex={-1}>
            {phase.canRetry ? t.submitFailedHeading : t.codeUsedHeading}
          </h1>
          <p className="error-box" role="alert" data-testid="submit-error">
            {phase.message(t)}
          </p>
          {phase.canRetry && pendingAnswers.current && (
            <button
              type="button"
              className="primary"
              onClick={() => pendingAnswers.current && submit(pendingAnswers.current)}
            >
              {t.submitRetryButton}
            </button>
          )}
        </Layout>
      );
    case 'thanks':
      return (
        <Layout {...layoutProps}>
          <h1 ref={headingRef} tabIndex={-1} data-testid="thanks">
            {t.thanksHeading}
          </h1>
          <p>{t.thanksText}</p>
          <p className="tip">{t.thanksCloseTip}</p>
        </Layout>
      );
  }
}

function loadErrorMessage(source: SurveySource, error: unknown): (t: UiStrings) => string {
  if (error instanceof ApiError && (error.status === 0 || error.status >= 500)) {
    return (t) => t.networkError;
  }
  // Personal codes: one message for every code error, so codes cannot be probed.
  if (source.kind === 'code') return (t) => t.codeError;
  const serverMessage = error instanceof ApiError ? error.serverMessage : undefined;
  return (t) => (serverMessage ? serverMessage : t.openLinkError);
}
