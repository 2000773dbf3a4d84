import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { DraftContents, DraftInfo } from '../../contracts/respondent';
import { normaliseCode } from '../../domain/personal-code';
import { ApiError, fetchSurvey, submitAnswers, type Answers, type RespondentCampaign, type SurveySource } from './api';
import { CodeForm } from './CodeForm';
import { DraftSession } from './draft-session';
import { defaultLocale, ensureLocale, isLoaded, localeOf, shippedLanguages, swedishOnly, type LanguageOption, type Locale, type UiStrings } from './i18n';
import { Layout } from './Layout';
import { isLeaving, onQuickExit } from './quick-exit';
import { DiscardDraft, ResumeDraft, SaveForLater } from './ResumeWord';
import { navigate, useRoute } from './router';

type SurveyRuntime = typeof import('./survey-runtime');
type SurveyModel = import('./survey-runtime').SurveyModel;

let runtimePromise: Promise<SurveyRuntime> | undefined;
function loadRuntime(): Promise<SurveyRuntime> {
  runtimePromise ??= import('./survey-runtime');
  return runtimePromise;
}

/**
 * `lang` and `dir` of the page follow the chosen language (its locale file says which way it is written),
 * before the browser paints the new texts (a layout effect), so the page is never shown in one language
 * with the other's direction.
 */
function useDocumentLocale(locale: Locale) {
  useLayoutEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = localeOf(locale).dir;
  }, [locale]);
}

/**
 * The languages of a page without a campaign: Swedish at once, then those
 * shipped reviewed. With `wanted` false (a survey still loading), nothing is
 * fetched: on a slow phone those bytes would delay the first question.
 */
function useShippedLanguages(wanted = true): readonly LanguageOption[] {
  const [languages, setLanguages] = useState<readonly LanguageOption[]>(swedishOnly);
  useEffect(() => {
    if (!wanted) return;
    let cancelled = false;
    void shippedLanguages().then(async (list) => {
      await Promise.all(list.map((l) => ensureLocale(l.code)));
      if (!cancelled) setLanguages(list.filter((l) => isLoaded(l.code)));
    });
    return () => {
      cancelled = true;
    };
  }, [wanted]);
  return languages;
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
    // Offered languages are fetched before they are shown, so this is immediate; a straggler follows when it arrives.
    if (isLoaded(next)) setLocale(next);
    else void ensureLocale(next).then(() => setLocale(next));
  }, []);
  const suggestLocale = useCallback((available: readonly Locale[], suggested: string) => {
    setLocale((current) => {
      if (chosen.current && available.includes(current)) return current;
      return available.includes(suggested) ? suggested : (available[0] ?? defaultLocale);
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

const openCode = (code: string) => navigate(`/s/${encodeURIComponent(code)}`);

function CodeEntry({ locale, onLocaleChange }: PageProps) {
  const languages = useShippedLanguages();
  // Start fetching the survey library while the respondent types.
  useEffect(() => {
    void loadRuntime().catch(() => undefined);
  }, []);
  return (
    <Layout locale={locale} locales={languages} onLocaleChange={onLocaleChange}>
      <CodeForm t={localeOf(locale).t} onCode={openCode} />
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
  const t = localeOf(locale).t;
  const languages = useShippedLanguages();
  return (
    <Layout locale={locale} locales={languages} onLocaleChange={onLocaleChange}>
      <h1>{t.notFoundHeading}</h1>
      <p>{t.notFoundText}</p>
      <StartLink label={t.toStart} />
    </Layout>
  );
}

type Phase =
  | { name: 'loading' }
  | { name: 'load-error'; heading?: (t: UiStrings) => string; message: (t: UiStrings) => string }
  | { name: 'resume'; draft: DraftInfo }
  | { name: 'discard'; draft: DraftInfo }
  | { name: 'consent' }
  | { name: 'survey' }
  | { name: 'submitting'; retrying: boolean }
  | { name: 'submit-failed'; heading: (t: UiStrings) => string; message: (t: UiStrings) => string; canRetry: boolean }
  | { name: 'thanks' };

type DraftState = 'idle' | 'saving' | 'saved' | 'failed';

/** The languages the campaign offers (the server filtered them: complete and reviewed), whose files have arrived. */
function availableLocales(campaign: RespondentCampaign | undefined): LanguageOption[] {
  const list = (campaign?.languageOptions ?? []).filter((l) => isLoaded(l.code));
  return list.length > 0 ? list : [...swedishOnly];
}

/** The public title in the respondent's language (Swedish when there is none). */
function titleIn(campaign: RespondentCampaign | undefined, locale: Locale): string | undefined {
  return campaign ? (campaign.publicTitle[locale] ?? campaign.publicTitle.sv) : undefined;
}

interface SurveyFlowProps extends PageProps {
  source: SurveySource;
  /** Applies the campaign's default language unless the respondent already chose one. */
  suggestLocale: (available: readonly Locale[], suggested: string) => void;
}

function SurveyFlow({ source, locale, onLocaleChange, suggestLocale }: SurveyFlowProps) {
  const t = localeOf(locale).t;
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  // When no campaign can answer (a used code, a closed survey), the shipped languages; while one loads, Swedish.
  const shipped = useShippedLanguages(phase.name === 'load-error');
  const [campaign, setCampaign] = useState<RespondentCampaign>();
  /** Batches of at least this many answers are written together (docs/privacy.md); the information page says so. */
  const [batchSize, setBatchSize] = useState(10);
  const [runtime, setRuntime] = useState<SurveyRuntime>();
  const [surveyJson, setSurveyJson] = useState<Record<string, unknown>>();
  const [model, setModel] = useState<SurveyModel>();
  const [draft, setDraft] = useState<DraftState>('idle');
  const [sealing, setSealing] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [linkKind, setLinkKind] = useState<'code' | 'open' | 'class'>(source.kind);
  // Personal codes only: the resume word's key lives here, in memory, for this visit.
  // (SurveyFlow is keyed by the code, so one session per code.)
  const [session] = useState(() => (source.kind === 'code' ? new DraftSession(source.code) : undefined));
  const submissionId = useRef<string | undefined>(undefined);
  const pendingAnswers = useRef<Answers | undefined>(undefined);
  const headingRef = useFocusOnChange(phase.name, ['loading']);

  // Load the survey and the survey library in parallel. The information page needs only the survey's
  // answer from the server, so it is shown while the library is still arriving on a slow network.
  const [wantsFreshModel, setWantsFreshModel] = useState(false);
  useEffect(() => {
    let cancelled = false;
    setPhase({ name: 'loading' });
    if (source.kind === 'code' && normaliseCode(source.code) === undefined) {
      // Cannot be a code: say so without asking the server.
      setPhase({ name: 'load-error', message: (s) => s.codeMalformed });
      return;
    }
    const failed = (error: unknown) => {
      if (cancelled) return;
      setPhase(
        error instanceof ApiError && error.code === 'class_full'
          ? { name: 'load-error', heading: (s) => s.classFullHeading, message: (s) => s.classFull }
          : { name: 'load-error', message: loadErrorMessage(source, error) },
      );
    };
    loadRuntime().then((loaded) => {
      if (!cancelled) setRuntime(loaded);
    }, failed);
    // The offered languages' files are fetched with the survey, and the page waits for them (a few KB), so the
    // language menu is complete when it is first shown and switching is instant.
    fetchSurvey(source)
      .then(async (payload) => {
        await Promise.all(payload.campaign.languages.map((code) => ensureLocale(code)));
        return payload;
      })
      .then((payload) => {
        if (cancelled) return;
        suggestLocale(availableLocales(payload.campaign).map((l) => l.code), payload.locale);
        setLinkKind(payload.linkKind ?? source.kind);
        setCampaign(payload.campaign);
        setBatchSize(payload.batchSize);
        setSurveyJson(payload.survey);
        if (source.kind === 'code' && payload.draft) {
          // No answers are shown, or even fetched, until the resume word is given.
          setPhase({ name: 'resume', draft: payload.draft });
          return;
        }
        setWantsFreshModel(true);
        setPhase({ name: 'consent' });
      })
      .catch(failed);
    return () => {
      cancelled = true;
    };
    // suggestLocale is stable (useCallback with no deps).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source.kind, source.kind === 'open' ? source.slug : source.code, attempt]);

  // The empty questionnaire, as soon as both the survey and the library are here.
  // The locale effect below sets the model's language on the next render.
  useEffect(() => {
    if (!wantsFreshModel || !runtime || !surveyJson) return;
    setWantsFreshModel(false);
    setModel(runtime.createSurveyModel(surveyJson, {}, localeOf(defaultLocale)));
  }, [wantsFreshModel, runtime, surveyJson]);

  // Quick exit wipes what is held in memory, and changes nothing on the server: the key is dropped
  // first, so clearing the model (which fires the page-change handler) cannot seal or send anything.
  useEffect(() => {
    return onQuickExit(() => {
      session?.forget();
      pendingAnswers.current = undefined;
      model?.clear(true, true);
      setModel(undefined);
    });
  }, [model, session]);

  useEffect(() => {
    if (model && runtime) runtime.applyLocale(model, localeOf(locale));
  }, [model, runtime, locale]);

  const submit = useCallback(
    (answers: Answers) => {
      submissionId.current ??= crypto.randomUUID();
      pendingAnswers.current = answers;
      setPhase({ name: 'submitting', retrying: false });
      submitAnswers(source, submissionId.current, answers, ({ retrying }) => setPhase({ name: 'submitting', retrying }))
        .then(() => {
          pendingAnswers.current = undefined;
          // The server deleted the draft with the submission; the key is of no further use.
          session?.forget();
          setModel((current) => {
            current?.clear(true, true);
            return undefined;
          });
          setPhase({ name: 'thanks' });
        })
        .catch((error: unknown) => {
          if (error instanceof ApiError && source.kind === 'code' && (error.status === 409 || error.code === 'code_used')) {
            setPhase({ name: 'submit-failed', heading: (s) => s.codeUsedHeading, message: (s) => s.codeUsed, canRetry: false });
            return;
          }
          if (error instanceof ApiError && error.code === 'class_full') {
            setPhase({ name: 'submit-failed', heading: (s) => s.classFullHeading, message: (s) => s.classFull, canRetry: false });
            return;
          }
          if (error instanceof ApiError && error.code === 'survey_closed') {
            setPhase({ name: 'submit-failed', heading: (s) => s.submitFailedHeading, message: (s) => s.surveyClosed, canRetry: false });
            return;
          }
          const serverMessage = error instanceof ApiError && error.status !== 0 ? error.serverMessage : undefined;
          setPhase({
            name: 'submit-failed',
            heading: (s) => s.submitFailedHeading,
            message: (s) => (serverMessage ? `${serverMessage} ${s.submitFailed}` : s.submitFailed),
            canRetry: true,
          });
        });
    },
    [source, session],
  );

  /** Seals and saves the current answers and page, once a resume word was chosen. */
  const saveNow = useCallback(() => {
    if (!model || !session?.sealing || isLeaving()) return;
    setDraft('saving');
    session.save(model.data as Answers, model.currentPage?.name).then(
      (saved) => setDraft(saved ? 'saved' : 'idle'),
      () => setDraft('failed'),
    );
  }, [model, session]);

  // Survey events: autosave on page change (personal code with a resume word), submit on completion.
  useEffect(() => {
    if (!model) return;
    const onComplete = () => submit(model.data as Answers);
    model.onCurrentPageChanged.add(saveNow);
    model.onComplete.add(onComplete);
    return () => {
      model.onCurrentPageChanged.remove(saveNow);
      model.onComplete.remove(onComplete);
    };
  }, [model, saveNow, submit]);

  /** A fresh, empty questionnaire (after "start over"). */
  const startEmpty = () => {
    if (!surveyJson) return;
    setModel(undefined);
    setWantsFreshModel(true);
    setPhase({ name: 'consent' });
  };

  /** Reopens the questionnaire from an opened draft, on the last page reached. */
  const resumeFrom = (contents: DraftContents) => {
    if (!surveyJson) return;
    void loadRuntime().then((loaded) => {
      // The page is set before the handlers are attached, so reopening does not save again.
      setModel(loaded.createSurveyModel(surveyJson, contents.answers, localeOf(locale), contents.page));
      setSealing(true);
      setDraft('saved');
      setPhase({ name: 'survey' });
    });
  };

  const locales = campaign ? availableLocales(campaign) : shipped;
  const layoutProps = { locale, locales, onLocaleChange, contact: campaign?.contact, supportLines: campaign?.supportLines };
  const title = titleIn(campaign, locale);

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
          {source.kind === 'code' ? (
            <CodeForm
              t={t}
              headingRef={headingRef}
              initialCode={source.code}
              serverError={phase.message(t)}
              onCode={(code) => (normaliseCode(code) === normaliseCode(source.code) ? setAttempt((n) => n + 1) : openCode(code))}
            />
          ) : (
            <>
              <h1 ref={headingRef} tabIndex={-1}>
                {phase.heading ? phase.heading(t) : t.openLinkError}
              </h1>
              <p className="error-box" role="alert" data-testid="load-error">
                {phase.message(t)}
              </p>
            </>
          )}
        </Layout>
      );
    case 'resume':
      return (
        <Layout {...layoutProps}>
          <ResumeDraft
            t={t}
            headingRef={headingRef}
            draft={phase.draft}
            session={session!}
            onResumed={resumeFrom}
            onForgot={() => setPhase({ name: 'discard', draft: phase.draft })}
          />
        </Layout>
      );
    case 'discard':
      return (
        <Layout {...layoutProps}>
          <DiscardDraft
            t={t}
            headingRef={headingRef}
            session={session!}
            onDiscarded={startEmpty}
            onCancel={() => setPhase({ name: 'resume', draft: phase.draft })}
          />
        </Layout>
      );
    case 'consent':
      return (
        <Layout {...layoutProps}>
          <h1 ref={headingRef} tabIndex={-1} data-testid="public-title">
            {title || t.consentHeading}
          </h1>
          <section aria-labelledby="consent-heading" className="consent">
            <h2 id="consent-heading">{t.consentHeading}</h2>
            <p>{t.consentPurpose}</p>
            <ul>
              <li>{t.consentAnonymity}</li>
              {source.kind === 'code' && <li data-testid="guarantee">{t.consentGuarantee(batchSize)}</li>}
              {linkKind === 'class' && <li data-testid="class-guarantee">{t.consentClass(batchSize)}</li>}
              <li>{t.consentVoluntary}</li>
              <li>{t.consentSkip}</li>
              {source.kind === 'code' && <li data-testid="resume-word-info">{t.consentResume}</li>}
            </ul>
            <p className="tip">{linkKind === 'class' ? t.consentClassTip : t.consentPrivacyTip}</p>
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
            {title || t.consentHeading}
          </h1>
          {runtime && model ? (
            <runtime.SurveyView model={model} locale={localeOf(locale)} />
          ) : (
            <p role="status" className="loading">
              {t.loading}
            </p>
          )}
          {session && model && (
            <SaveForLater
              t={t}
              session={session}
              sealing={sealing}
              draft={draft}
              current={() => ({ answers: model.data as Answers, page: model.currentPage?.name })}
              onSealed={() => {
                setSealing(true);
                setDraft('saved');
              }}
              onSaveNow={saveNow}
            />
          )}
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
            {phase.heading(t)}
          </h1>
          <p className="error-box" role="alert" data-testid="submit-error">
            {phase.message(t)}
          </p>
          {phase.canRetry && pendingAnswers.current && (
            <button type="button" className="primary" onClick={() => pendingAnswers.current && submit(pendingAnswers.current)}>
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

/** The message for a survey that could not be loaded; personal codes say why (used, closed, unknown). */
function loadErrorMessage(source: SurveySource, error: unknown): (t: UiStrings) => string {
  if (error instanceof ApiError && (error.status === 0 || error.status >= 500)) return (t) => t.networkError;
  if (error instanceof ApiError && error.status === 429) return (t) => t.tooManyRequests;
  if (source.kind === 'code') {
    if (normaliseCode(source.code) === undefined) return (t) => t.codeMalformed;
    if (error instanceof ApiError && error.code === 'code_used') return (t) => t.codeUsed;
    if (error instanceof ApiError && error.code === 'survey_closed') return (t) => t.surveyClosed;
    return (t) => t.codeUnknown;
  }
  const serverMessage = error instanceof ApiError ? error.serverMessage : undefined;
  return (t) => (serverMessage ? serverMessage : t.openLinkError);
}
