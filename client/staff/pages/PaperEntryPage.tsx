import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api';
import { CampaignFrame } from '../components/CampaignFrame';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { numberQuestions, type NumberedQuestion } from '../components/question-numbers';
import { textFor } from '../../../domain/localized-text';
import type { SurveyModel } from '../components/survey-runtime';
import { useRefreshingApi } from '../components/useRefreshingApi';
import type { Match } from '../router';
import type { CampaignDetail } from '../../../contracts/fieldwork';
import type { PaperDiscrepancy, PaperOutcome } from '../../../contracts/paper';

const StaffSurvey = lazy(() => import('../components/survey-runtime').then((m) => ({ default: m.StaffSurvey })));

type EntryMode = 'single' | '1' | '2' | 'final';

export function PaperEntryPage({ match }: { match: Match }) {
  return (
    <CampaignFrame id={match.params.id} heading="Pappersenkäter">
      {(campaign, reload) => <PaperEntry campaign={campaign} reload={reload} />}
    </CampaignFrame>
  );
}

/** The campaign's survey JSON, loaded with the code that applies its områden (lazily: it pulls in survey-core). */
export function useCampaignSurvey(campaign: CampaignDetail) {
  const [state, setState] = useState<{ survey?: Record<string, unknown>; error?: string }>({});
  useEffect(() => {
    let cancelled = false;
    import('../components/campaign-survey')
      .then((m) => m.loadCampaignSurvey(campaign))
      .then(
        ({ survey }) => !cancelled && setState({ survey }),
        (error: unknown) => !cancelled && setState({ error: errorMessage(error) }),
      );
    return () => {
      cancelled = true;
    };
    // The survey depends only on the template version, områden and modules.
  }, [campaign.id, campaign.template.id, campaign.template.version, JSON.stringify(campaign.areas), JSON.stringify(campaign.modules)]);
  return state;
}

/** An entered value as the paper shows it: the choice's text, not its stored value. */
function formatValue(value: unknown, question: NumberedQuestion | undefined): string {
  if (value === null || value === undefined || value === '') return '(tomt)';
  if (Array.isArray(value)) return value.map((v) => formatValue(v, question)).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([row, v]) => `${row}: ${formatValue(v, question)}`)
      .join('; ');
  }
  return question ? question.choiceText(value) : String(value);
}

/** "Fråga 7: Hur gammal är du?" as on the printed form; the name only if the question is not in the form. */
function questionText(name: string, question: NumberedQuestion | undefined, locale: string): string {
  if (!question) return name;
  return `Fråga ${question.number}: ${textFor(question.json.title, locale) || name}`;
}

function PaperEntry({ campaign, reload }: { campaign: CampaignDetail; reload: () => Promise<void> }) {
  const formId = useId();
  const base = `/api/campaigns/${encodeURIComponent(campaign.id)}`;
  const { survey, error: surveyError } = useCampaignSurvey(campaign);
  const discrepancies = useRefreshingApi<PaperDiscrepancy[]>(`${base}/paper/discrepancies`);
  const [code, setCode] = useState('');
  const [mode, setMode] = useState<EntryMode>('single');
  const [locale, setLocale] = useState('sv');
  const [resetKey, setResetKey] = useState(0);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ kind: 'ok' | 'error' | 'warning'; text: string }>();
  const model = useRef<SurveyModel>(undefined);
  const onModel = useCallback((m: SurveyModel) => {
    model.current = m;
  }, []);
  const codeInput = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const questions = useMemo(() => (survey ? numberQuestions(survey, locale) : new Map<string, NumberedQuestion>()), [survey, locale]);
  const numbers = useMemo(() => new Map([...questions].map(([name, q]) => [name, q.number])), [questions]);
  // The result is shown next to the save button and focused, so it is seen and read out after a long form.
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const usable = campaign.status === 'open' || campaign.status === 'closed';

  const save = async (event: FormEvent | undefined, allowEmpty = false) => {
    event?.preventDefault();
    const trimmed = code.trim();
    if (trimmed === '') {
      setResult({ kind: 'error', text: 'Skriv in koden som står på enkäten.' });
      return;
    }
    const answers = { ...((model.current?.data as Record<string, unknown> | undefined) ?? {}) };
    if (Object.keys(answers).length === 0 && !allowEmpty) {
      setConfirmEmpty(true);
      return;
    }
    setConfirmEmpty(false);
    setSaving(true);
    setResult(undefined);
    try {
      if (mode === 'final') {
        await api('POST', `${base}/paper/resolve`, { code: trimmed, answers });
        setResult({ kind: 'ok', text: 'Den slutliga versionen är sparad.' });
      } else {
        const outcome = await api<PaperOutcome>('POST', `${base}/paper`, {
          code: trimmed,
          answers,
          ...(mode === 'single' ? {} : { entry: Number(mode) }),
        });
        if (outcome.status === 'stored') setResult({ kind: 'ok', text: 'Enkäten är sparad. Formuläret är tömt för nästa enkät.' });
        else if (outcome.status === 'waiting_for_second_entry')
          setResult({ kind: 'ok', text: `Inmatning ${outcome.entry} är sparad. Enkäten sparas när den andra inmatningen är gjord och stämmer överens.` });
        else
          setResult({
            kind: 'warning',
            text: `De två inmatningarna skiljer sig åt i ${outcome.questions.map((q) => (questions.get(q) ? `fråga ${questions.get(q)!.number}` : q)).join(', ')}. Kontrollera pappret och mata in den slutliga versionen.`,
          });
      }
      setCode('');
      setResetKey((k) => k + 1);
      void discrepancies.refresh();
      void reload();
    } catch (error) {
      setResult({ kind: 'error', text: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <section className="panel" aria-labelledby="entry-heading">
        <h2 id="entry-heading">Mata in en returnerad enkät</h2>
        {!usable && (
          <p className="notice">Pappersenkäter kan registreras när insamlingen är öppen eller stängd (nu: {campaign.status === 'draft' ? 'utkast' : 'arkiverad'}).</p>
        )}
        <p>
          Skriv in koden från enkätens framsida och fyll i svaren precis som de står på pappret. Lämna frågor tomma som respondenten har hoppat
          över. Med dubbel inmatning matar två personer in samma enkät var för sig; svaret sparas först när inmatningarna stämmer överens.
        </p>
        <form className="form" onSubmit={(event) => void save(event)} noValidate>
          <div className="field-grid">
            <div className="field">
              <label htmlFor={`${formId}-code`}>Kod på enkäten</label>
              <input
                id={`${formId}-code`}
                ref={codeInput}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                className="code-input"
                data-testid="paper-code"
              />
            </div>
            <div className="field">
              <label htmlFor={`${formId}-mode`}>Inmatning</label>
              <select id={`${formId}-mode`} value={mode} onChange={(e) => setMode(e.target.value as EntryMode)} data-testid="paper-mode">
                <option value="single">Enkel inmatning</option>
                <option value="1">Dubbel inmatning: inmatning 1</option>
                <option value="2">Dubbel inmatning: inmatning 2</option>
                <option value="final">Slutlig version efter avvikelse</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${formId}-locale`}>Enkätens språk</label>
              <select id={`${formId}-locale`} value={locale} onChange={(e) => setLocale(e.target.value)}>
                <option value="sv">Svenska</option>
                <option value="en">Engelska</option>
              </select>
            </div>
          </div>
          {surveyError && (
            <p className="error-box" role="alert">
              Enkäten kunde inte hämtas: {surveyError}
            </p>
          )}
          {!survey && !surveyError && <p role="status">Hämtar enkäten…</p>}
          {survey && (
            <div className="survey-frame" data-testid="paper-survey">
              <Suspense fallback={<p role="status">Laddar enkäten…</p>}>
                <StaffSurvey json={survey} locale={locale} purpose="entry" onModel={onModel} resetKey={resetKey} numbers={numbers} />
              </Suspense>
            </div>
          )}
          <div className="button-row sticky-actions">
            <button type="submit" className="primary" disabled={saving || !survey || !usable} data-testid="paper-save">
              {saving ? 'Sparar…' : 'Spara enkäten'}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setResetKey((k) => k + 1);
                setResult(undefined);
              }}
            >
              Töm formuläret
            </button>
            {result && (
              <p
                ref={resultRef}
                tabIndex={-1}
                className={`paper-result ${result.kind === 'ok' ? 'notice' : result.kind === 'warning' ? 'warning-box' : 'error-box'}`}
                role={result.kind === 'ok' ? 'status' : 'alert'}
                data-testid="paper-result"
              >
                {result.text}
              </p>
            )}
          </div>
        </form>
        <ConfirmDialog
          open={confirmEmpty}
          title="Spara en tom enkät?"
          confirmLabel="Spara som tom enkät"
          onConfirm={() => void save(undefined, true)}
          onCancel={() => setConfirmEmpty(false)}
        >
          <p>Enkäten har inga svar ifyllda. Spara den ändå, som en enkät som kom tillbaka utan svar?</p>
        </ConfirmDialog>
      </section>

      <section className="panel" aria-labelledby="discrepancy-heading">
        <h2 id="discrepancy-heading">Avvikelser vid dubbel inmatning</h2>
        {discrepancies.state === 'loading' && <p role="status">Hämtar…</p>}
        {discrepancies.state === 'error' && <p className="error-box">{discrepancies.message}</p>}
        {discrepancies.state === 'ready' && discrepancies.data.length === 0 && <p data-testid="no-discrepancies">Inga avvikelser.</p>}
        {discrepancies.state === 'ready' && discrepancies.data.length > 0 && (
          <>
            <p>
              De här enkäterna har matats in två gånger med olika svar. Ta fram pappret, välj <strong>Slutlig version efter avvikelse</strong>{' '}
              ovan och mata in enkäten med rätt svar.
            </p>
            <div className="table-wrap">
              <table className="data-table compact" data-testid="discrepancy-table">
                <caption className="visually-hidden">Frågor där inmatningarna skiljer sig</caption>
                <thead>
                  <tr>
                    <th scope="col">Kod på pappret</th>
                    <th scope="col">Fråga</th>
                    <th scope="col">Inmatning 1</th>
                    <th scope="col">Inmatning 2</th>
                  </tr>
                </thead>
                <tbody>
                  {discrepancies.data.flatMap((d) =>
                    d.questions.map((q, i) => (
                      <tr key={`${d.ref}-${q.question}`}>
                        {i === 0 ? (
                          <th scope="rowgroup" rowSpan={d.questions.length} className="code-cell">
                            {d.code ?? '(koden saknas)'}
                            {d.ref && <span className="muted block">brevreferens {d.ref}</span>}
                          </th>
                        ) : null}
                        <td>{questionText(q.question, questions.get(q.question), locale)}</td>
                        <td>{formatValue(q.entry1, questions.get(q.question))}</td>
                        <td>{formatValue(q.entry2, questions.get(q.question))}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}
