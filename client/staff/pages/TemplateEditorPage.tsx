import { Component, lazy, Suspense, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, errorMessage } from '../api';
import type { RemovedHtml, SavedTemplate, TemplateVersionView } from '../../../contracts/templates';
import { formatTemplateJson, lineOfPath, parseErrorLocation, pathLines } from '../components/json-lines';
import { Link, navigate, type Match } from '../router';
import { useApi } from '../useApi';
import { TranslationsPanel } from '../components/TranslationsPanel';
import type { UiLanguageSummary } from '../../../contracts/locales';
import { templateLanguages } from '../../../domain/templates/template-strings';

/** The outcome of a save, shown once on the page of the saved version. */
let savedNotice: { text: string; removedHtml: readonly RemovedHtml[] } | undefined;

const StaffSurvey = lazy(() => import('../components/survey-runtime').then((m) => ({ default: m.StaffSurvey })));

interface Problem {
  path: string;
  message: string;
  line?: number;
}

type Check =
  | { state: 'checking' }
  | { state: 'invalid-json'; problem: Problem }
  | { state: 'checked'; problems: Problem[]; survey: Record<string, unknown> | undefined; removedHtml: (RemovedHtml & { line?: number })[] };

/** Validates the editor text with the same function the server uses (loaded lazily). */
function useValidation(text: string): Check {
  const [check, setCheck] = useState<Check>({ state: 'checking' });
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        const message = (error as Error).message;
        const where = parseErrorLocation(text, message);
        setCheck({
          state: 'invalid-json',
          problem: { path: '', line: where?.line, message: `Ogiltig JSON${where ? ` på rad ${where.line}, kolumn ${where.column}` : ''}: ${message}` },
        });
        return;
      }
      void Promise.all([import('../../../domain/templates/validate-template'), import('../../../domain/templates/sanitize-html')]).then(([{ validateTemplate }, { sanitizeSurveyHtml }]) => {
        if (cancelled) return;
        const result = validateTemplate(parsed);
        const lines = pathLines(text);
        const survey = typeof parsed === 'object' && parsed && typeof (parsed as { survey?: unknown }).survey === 'object' ? ((parsed as { survey: Record<string, unknown> }).survey) : undefined;
        // What the server will remove from the HTML when saving (the same filter), shown before the save.
        const removedHtml = survey ? sanitizeSurveyHtml(survey).removed.map((r) => ({ ...r, line: lineOfPath(lines, r.path.replace(/\.(default|[a-z]{2})$/, '')) })) : [];
        setCheck({
          state: 'checked',
          survey,
          removedHtml,
          problems: result.ok ? [] : result.errors.map((e) => ({ path: e.path, message: e.message, line: lineOfPath(lines, e.path) })),
        });
      });
    }, 350);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [text]);
  return check;
}

export function TemplateEditorPage({ match }: { match: Match }) {
  const id = match.params.id;
  const version = new URLSearchParams(location.search).get('version');
  const template = useApi<TemplateVersionView>(`/api/templates/${encodeURIComponent(id)}${version ? `?version=${encodeURIComponent(version)}` : ''}`);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/arbetsyta/mallar">Alla mallar</Link>
      </p>
      {template.state === 'loading' && <p role="status">Hämtar mallen…</p>}
      {template.state === 'error' && (
        <p className="error-box" role="alert">
          {template.message}
        </p>
      )}
      {template.state === 'ready' && <Editor key={`${template.data.id}@${template.data.version}`} template={template.data} />}
    </>
  );
}

function Editor({ template }: { template: TemplateVersionView }) {
  const formId = useId();
  const original = useMemo(() => formatTemplateJson(template.definition), [template]);
  const [text, setText] = useState(original);
  const [locale, setLocale] = useState('sv');
  // Writing direction of each UI language, from its locale file.
  const uiLanguages = useApi<UiLanguageSummary[]>('/api/locales/ui');
  const directionOf = (code: string) => (uiLanguages.state === 'ready' ? uiLanguages.data.find((l) => l.code === code)?.dir : undefined);
  // Other languages the template has (beside Swedish and English), for the preview.
  const previewLanguages = useMemo(() => templateLanguages(template.definition).filter((code) => code !== 'en'), [template.definition]);
  const [saving, setSaving] = useState(false);
  const [saveResult, setSaveResult] = useState<{ kind: 'ok' | 'error'; text: string; problems?: Problem[]; removedHtml?: readonly RemovedHtml[] } | undefined>(() => {
    return savedNotice ? { kind: 'ok', text: savedNotice.text, removedHtml: savedNotice.removedHtml } : undefined;
  });
  useEffect(() => {
    savedNotice = undefined;
  }, []);
  const check = useValidation(text);
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lineCount = text.split('\n').length;
  const changed = text !== original;
  const problems = check.state === 'invalid-json' ? [check.problem] : check.state === 'checked' ? check.problems : [];
  // The preview keeps the last survey that parsed, so typing does not blank it.
  const [preview, setPreview] = useState<{ survey: Record<string, unknown>; key: number }>({ survey: template.definition.survey, key: 0 });
  useEffect(() => {
    if (check.state === 'checked' && check.survey) {
      const survey = check.survey;
      setPreview((current) => ({ survey, key: current.key + 1 }));
    }
  }, [check]);

  const goToLine = (line: number | undefined) => {
    const textarea = area.current;
    if (!textarea || line === undefined) return;
    const lines = text.split('\n');
    const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    textarea.focus();
    textarea.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
    textarea.scrollTop = Math.max(0, (line - 5) * lineHeight);
  };

  const save = async () => {
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch {
      setSaveResult({ kind: 'error', text: 'Rätta JSON-felet innan du sparar.' });
      return;
    }
    setSaving(true);
    setSaveResult(undefined);
    try {
      const saved = await api<SavedTemplate>('POST', `/api/templates/${encodeURIComponent(template.id)}/versions`, { definition });
      savedNotice = { text: `Sparad som ${saved.id}, version ${saved.version}.`, removedHtml: saved.removedHtml };
      navigate(`/arbetsyta/mallar/${encodeURIComponent(saved.id)}`, { replace: saved.id === template.id });
    } catch (error) {
      const details = error instanceof ApiError ? (error.details as { errors?: Problem[] } | undefined) : undefined;
      const lines = pathLines(text);
      setSaveResult({
        kind: 'error',
        text: errorMessage(error),
        problems: details?.errors?.map((e) => ({ ...e, line: lineOfPath(lines, e.path) })),
      });
    } finally {
      setSaving(false);
    }
  };

  const olderVersion = template.versions.length > 0 && template.version !== template.versions[0].version;
  return (
    <>
      <h1>
        {template.title}
        <span className="campaign-subtitle">
          {template.id}, version {template.version}
          {template.builtIn ? ' (inbyggd mall)' : ''}
        </span>
      </h1>
      <div className="panel editor-info">
        <p>
          {template.builtIn
            ? `Det här är en inbyggd mall. När du sparar blir ändringen kommunens egen mall ${template.savesAs ?? ''}, och den inbyggda mallen är kvar som den är.`
            : `Varje gång du sparar blir det en ny version av ${template.id}. Undersökningar som redan har skapats behåller sin version.`}{' '}
          Formatet beskrivs i <em>docs/questionnaires.md</em>.
        </p>
        {olderVersion && <p className="warning-box">Du tittar på en äldre version. Sparar du blir den innehållet i nästa version.</p>}
        {template.versions.length > 1 && (
          <details>
            <summary>Versioner ({template.versions.length})</summary>
            <ul>
              {template.versions.map((v) => (
                <li key={v.version}>
                  <Link to={`/arbetsyta/mallar/${encodeURIComponent(template.id)}?version=${v.version}`}>
                    Version {v.version}
                  </Link>{' '}
                  – {v.title}, {new Date(v.createdAt).toLocaleString('sv-SE')}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <div className="editor-layout">
        <section className="editor-pane" aria-labelledby={`${formId}-json`}>
          <h2 id={`${formId}-json`}>Mallens JSON</h2>
          <div className="code-editor">
            <div className="code-gutter" ref={gutter} aria-hidden="true">
              {Array.from({ length: lineCount }, (_, i) => (
                <div key={i} className={problems.some((p) => p.line === i + 1) ? 'gutter-error' : undefined}>
                  {i + 1}
                </div>
              ))}
            </div>
            <textarea
              ref={area}
              className="code-text"
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                setSaveResult(undefined);
              }}
              onScroll={(event) => {
                if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
              }}
              spellCheck={false}
              wrap="off"
              aria-label="Mallens JSON"
              aria-describedby={`${formId}-problems`}
              data-testid="template-json"
            />
          </div>
          <div id={`${formId}-problems`} className="problems" aria-live="polite" data-testid="validation">
            {check.state === 'checking' && <p className="muted">Kontrollerar…</p>}
            {check.state !== 'checking' && problems.length === 0 && (
              <p className="notice" data-testid="validation-ok">
                Mallen är giltig.
              </p>
            )}
            {problems.length > 0 && (
              <div className="error-box">
                <p>
                  {problems.length === 1 ? '1 fel' : `${problems.length} fel`} att rätta innan mallen kan sparas:
                </p>
                <ul data-testid="validation-errors">
                  {problems.map((p, i) => (
                    <li key={i}>
                      {p.line !== undefined ? (
                        <button type="button" className="link-button" onClick={() => goToLine(p.line)}>
                          Rad {p.line}
                        </button>
                      ) : null}
                      {p.line !== undefined ? ': ' : ''}
                      {p.message}
                      {p.path && <span className="muted"> ({p.path})</span>}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
          {check.state === 'checked' && check.removedHtml.length > 0 && (
            <div className="warning-box" data-testid="removed-html">
              <p>
                Det här tas bort ur mallens HTML när du sparar. Bara textformatering, listor och länkar till http:// och https:// är
                tillåtna, så att ingen mall kan skicka svarande vidare till en annan sida eller köra kod.
              </p>
              <ul>
                {check.removedHtml.flatMap((r, i) =>
                  r.removed.map((what, j) => (
                    <li key={`${i}-${j}`}>
                      {r.line !== undefined ? (
                        <button type="button" className="link-button" onClick={() => goToLine(r.line)}>
                          Rad {r.line}
                        </button>
                      ) : null}
                      {r.line !== undefined ? ': ' : ''}
                      <code>{what}</code> <span className="muted">({r.path})</span>
                    </li>
                  )),
                )}
              </ul>
            </div>
          )}
          {saveResult && (
            <div className={saveResult.kind === 'ok' ? 'notice' : 'error-box'} role={saveResult.kind === 'ok' ? 'status' : 'alert'} data-testid="save-result">
              <p>{saveResult.text}</p>
              {saveResult.removedHtml && saveResult.removedHtml.length > 0 && (
                <>
                  <p>Ur mallens HTML togs bort (inte tillåtet):</p>
                  <ul data-testid="saved-removed-html">
                    {saveResult.removedHtml.flatMap((r, i) =>
                      r.removed.map((what, j) => (
                        <li key={`${i}-${j}`}>
                          <code>{what}</code> <span className="muted">({r.path})</span>
                        </li>
                      )),
                    )}
                  </ul>
                </>
              )}
              {saveResult.problems && saveResult.problems.length > 1 && (
                <ul>
                  {saveResult.problems.map((p, i) => (
                    <li key={i}>
                      {p.line !== undefined && `Rad ${p.line}: `}
                      {p.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="button-row">
            <button type="button" className="primary" onClick={() => void save()} disabled={saving || problems.length > 0 || check.state === 'checking' || !changed} data-testid="save-template">
              {saving ? 'Sparar…' : template.builtIn ? `Spara som ${template.savesAs ?? 'egen mall'}` : 'Spara ny version'}
            </button>
            <button type="button" className="secondary" onClick={() => setText(original)} disabled={!changed}>
              Ångra ändringarna
            </button>
            {!changed && <span className="muted">Inga ändringar.</span>}
          </div>
        </section>
        <section className="preview-pane" aria-labelledby={`${formId}-preview`}>
          <div className="preview-head">
            <h2 id={`${formId}-preview`}>Förhandsvisning</h2>
            <div className="segmented" role="group" aria-label="Språk i förhandsvisningen">
              <button type="button" aria-pressed={locale === 'sv'} onClick={() => setLocale('sv')}>
                Svenska
              </button>
              <button type="button" aria-pressed={locale === 'en'} onClick={() => setLocale('en')}>
                Engelska
              </button>
              {previewLanguages.map((code) => (
                <button key={code} type="button" aria-pressed={locale === code} onClick={() => setLocale(code)}>
                  {code}
                </button>
              ))}
            </div>
          </div>
          <div className="survey-frame" data-testid="template-preview" dir={directionOf(locale)}>
            <Suspense fallback={<p role="status">Laddar förhandsvisningen…</p>}>
              <PreviewBoundary key={preview.key}>
                <StaffSurvey json={preview.survey} locale={locale} purpose="preview" />
              </PreviewBoundary>
            </Suspense>
          </div>
        </section>
      </div>
      <TranslationsPanel templateId={template.id} version={template.version} />
    </>
  );
}


/** Keeps a survey-core exception in the preview from taking down the editor. */
class PreviewBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <p className="error-box">Förhandsvisningen kunde inte visas för den här versionen av JSON.</p> : this.props.children;
  }
}
