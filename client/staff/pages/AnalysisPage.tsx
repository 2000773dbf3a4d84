/**
 * Survey analysis of a population campaign: choose indicators, groups and
 * population tables, run the server's analysis (analyzeSurvey), read the
 * weighting diagnostics, prevalence and mörkertal, download the estimates,
 * and print a report for the nämnd. All arithmetic happens on the server.
 */
import { textFor } from '../../../domain/localized-text';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, apiText, downloadText, errorMessage } from '../api';
import { AnalysisSettings, defaultRequest } from '../components/analysis/AnalysisSettings';
import { DarkFigureSection, IndicatorSection } from '../components/analysis/AnalysisResults';
import { WeightingSummary } from '../components/analysis/AnalysisWeighting';
import { MethodSection } from '../components/analysis/AnalysisMethod';
import type { AnalysisResult, AnalysisSetup, PopulationTotalsConflict } from '../../../contracts/analysis';
import type { PopulationTableSummary } from '../../../contracts/population';
import { count, percent, percentInterval, countInterval, type AnalysisForm } from '../components/analysis/analysis-api';
import '../components/analysis/analysis.css';
import { CampaignFrame } from '../components/CampaignFrame';
import { PublishFiguresButton } from '../components/PublishedFigures';
import type { Match } from '../router';
import { useApi } from '../useApi';

export function AnalysisPage({ match }: { match: Match }) {
  const id = match.params.id;
  const setup = useApi<AnalysisSetup>(`/api/campaigns/${encodeURIComponent(id)}/analysis`);
  const [request, setRequest] = useState<AnalysisForm | undefined>();
  const [result, setResult] = useState<AnalysisResult | undefined>();
  const [error, setError] = useState<{ message: string; conflict?: PopulationTotalsConflict } | undefined>();
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState(false);
  const autoRun = useRef(false);

  const run = useCallback(
    async (body: AnalysisForm) => {
      setRunning(true);
      setError(undefined);
      try {
        setResult(await api<AnalysisResult>('POST', `/api/campaigns/${encodeURIComponent(id)}/analysis`, body));
      } catch (e) {
        // Never leave an earlier result (or its report button) under an error: it would read as the answer to these settings.
        setResult(undefined);
        const conflict = e instanceof ApiError && e.code === 'population_totals_disagree' ? (e.details as PopulationTotalsConflict) : undefined;
        setError({ message: errorMessage(e), conflict });
      } finally {
        setRunning(false);
      }
    },
    [id],
  );

  // Keep showing the last set-up while it reloads after an upload, so the form and results stay.
  const [data, setData] = useState<AnalysisSetup | undefined>();
  useEffect(() => {
    if (setup.state === 'ready') setData(setup.data);
  }, [setup]);

  useEffect(() => {
    if (!data || request) return;
    const initial = defaultRequest(data);
    setRequest(initial);
    if (!autoRun.current && data.responses > 0 && data.campaign.kind === 'population') {
      autoRun.current = true;
      void run(initial);
    }
  }, [data, request, run]);

  // A table uploaded just now is chosen for the next run (replacing tables with the same columns).
  const known = useRef<Set<string> | undefined>(undefined);
  useEffect(() => {
    if (!data) return;
    const ids = [...data.populationTables.map((t) => t.id), ...data.registeredTables.map((t) => t.id)];
    const before = known.current;
    known.current = new Set(ids);
    if (!before) return;
    const newRegistered = data.registeredTables.find((t) => !before.has(t.id));
    const newPopulation = data.populationTables.find((t) => !before.has(t.id));
    if (!newRegistered && !newPopulation) return;
    setRequest((current) => {
      if (!current) return current;
      let next = current;
      if (newRegistered) next = { ...next, registeredTableId: newRegistered.id };
      if (newPopulation) {
        const same = (id: string) => data.populationTables.find((t) => t.id === id)?.columns.join() === newPopulation.columns.join();
        next = { ...next, populationTableIds: [...next.populationTableIds.filter((id) => !same(id)), newPopulation.id] };
      }
      return next;
    });
  }, [data]);

  const downloadCsv = async () => {
    if (!request) return;
    try {
      const csv = await apiText('POST', `/api/campaigns/${encodeURIComponent(id)}/analysis.csv`, { body: request });
      downloadText(csv.text, 'skattningar.csv');
    } catch (e) {
      setResult(undefined);
      setError({ message: errorMessage(e) });
    }
  };

  /** Runs again with changed settings (a way out of an error). */
  const rerun = (change: Partial<AnalysisForm>) => {
    if (!request) return;
    const next = { ...request, ...change };
    setRequest(next);
    void run(next);
  };

  const onTableChanged = (table: PopulationTableSummary, change: 'off' | 'on' | 'deleted') => {
    setup.reload();
    if (change !== 'on' && request?.populationTableIds.includes(table.id)) {
      rerun({ populationTableIds: request.populationTableIds.filter((t) => t !== table.id), scaleScbToTable: undefined });
    }
  };

  if (!data) {
    if (setup.state === 'error') {
      return (
        <div className="error-box" role="alert">
          <p>{setup.message}</p>
          <button type="button" className="secondary" onClick={setup.reload}>
            Försök igen
          </button>
        </div>
      );
    }
    return <p role="status">Hämtar undersökningen…</p>;
  }
  const content = (
    <>
      {data.campaign.kind !== 'population' && <p className="notice">Analysen gäller befolkningsenkäter. En kartläggningsmånad analyseras under Kartläggningsmånad.</p>}
      {data.responses === 0 && <p className="notice">Undersökningen har inga svar ännu.</p>}
      {!report && request && data.responses > 0 && (
        <AnalysisSettings
          setup={data}
          request={request}
          onChange={setRequest}
          onRun={() => void run(request)}
          running={running}
          onUploaded={setup.reload}
          onTableChanged={onTableChanged}
        />
      )}
      {error && (
        <div className="error-box" role="alert" data-testid="analysis-error">
          <p>{error.message}</p>
          {error.conflict && request && (
            <TotalsConflictChoices
              conflict={error.conflict}
              kommunkod={data.campaign.kommunkod}
              onScale={() => rerun({ populationTableIds: [...new Set([...request.populationTableIds, error.conflict!.tableId])], scaleScbToTable: error.conflict!.tableId })}
              onYear={(year) => rerun({ populationYear: year, scaleScbToTable: undefined })}
              onSwitchedOff={() => {
                setup.reload();
                rerun({ populationTableIds: request.populationTableIds.filter((t) => t !== error.conflict!.tableId), scaleScbToTable: undefined });
              }}
            />
          )}
        </div>
      )}
      {running && !result && <p role="status">Beräknar… Första beräkningen läser alla svar och kan ta några sekunder.</p>}
      {result && (
        <div className={running ? 'an-results an-stale' : 'an-results'} aria-busy={running} data-testid="analysis-results">
          <div className="an-actions no-print">
            {report ? (
              <>
                <button type="button" className="primary" onClick={() => window.print()} data-testid="print">
                  Skriv ut
                </button>
                <button type="button" className="secondary" onClick={() => setReport(false)}>
                  Tillbaka till analysen
                </button>
                {request && <PublishFiguresButton campaignId={id} request={request} />}
              </>
            ) : (
              <>
                <button type="button" className="secondary" onClick={() => setReport(true)} data-testid="show-report">
                  Rapport för nämnden
                </button>
                <button type="button" className="secondary" onClick={() => void downloadCsv()} data-testid="download-csv">
                  Ladda ner tabellen (CSV)
                </button>
              </>
            )}
          </div>
          {report && <Summary result={result} />}
          <WeightingSummary result={result} />
          <section aria-labelledby="estimates-heading">
            <h2 id="estimates-heading">Andel utsatta och antal invånare</h2>
            {result.meta.parameters.indicators.map((indicator, i) => (
              <IndicatorSection key={indicator} result={result} indicator={indicator} index={i} />
            ))}
          </section>
          <DarkFigureSection result={result} />
          <MethodSection result={result} appendixOpen={report} />
        </div>
      )}
    </>
  );
  if (report) {
    return (
      <div className="an-page an-report" data-testid="analysis-report">
        <ReportHeader setup={data} result={result} />
        {content}
      </div>
    );
  }
  return (
    <div className="an-page">
      <CampaignFrame id={id} heading="Analys">
        {() => (
          <>
            <p className="an-lead">
              Enkätsvaren vägs till kommunens befolkning så att de speglar alla invånare, inte bara de som svarade. Andelarna visas med konfidensintervall (KI): det
              sanna värdet ligger med stor sannolikhet inom intervallet. {data.responses === 0 ? '' : `Undersökningen har ${data.responses.toLocaleString('sv-SE')} svar.`}
            </p>
            {data.campaign.isDemo && <p className="notice">Demoundersökning: siffrorna bygger på påhittade svar och en ställföreträdande befolkning.</p>}
            {content}
          </>
        )}
      </CampaignFrame>
    </div>
  );
}

/** The ways out when SCB's total and a table's total disagree: this table's total, another SCB year, or the table switched off. */
function TotalsConflictChoices({
  conflict,
  kommunkod,
  onScale,
  onYear,
  onSwitchedOff,
}: {
  conflict: PopulationTotalsConflict;
  kommunkod: string;
  onScale: () => void;
  onYear: (year: number) => void;
  onSwitchedOff: () => void;
}) {
  const [failed, setFailed] = useState<string>();
  const switchOff = async () => {
    try {
      await api('PATCH', `/api/kommuner/${encodeURIComponent(kommunkod)}/population-tables/${encodeURIComponent(conflict.tableId)}`, { active: false });
      onSwitchedOff();
    } catch (e) {
      setFailed(errorMessage(e));
    }
  };
  const n = (x: number) => x.toLocaleString('sv-SE');
  return (
    <div className="an-choices" data-testid="totals-choices">
      <p>
        <strong>Välj hur analysen ska fortsätta:</strong>
      </p>
      <div className="button-row">
        <button type="button" className="secondary" onClick={onScale} data-testid="use-table-total">
          Använd tabellens total ({n(conflict.tableTotal)})
        </button>
        {conflict.otherYears.map((y) => (
          <button key={y.year} type="button" className="secondary" onClick={() => onYear(y.year)} data-testid={`use-year-${y.year}`}>
            SCB:s folkmängd {y.year} ({n(y.total)})
          </button>
        ))}
        <button type="button" className="secondary" onClick={() => void switchOff()} data-testid="switch-table-off">
          Stäng av tabellen "{conflict.tableName}"
        </button>
      </div>
      {failed && <p>{failed}</p>}
    </div>
  );
}

function ReportHeader({ setup, result }: { setup: AnalysisSetup; result: AnalysisResult | undefined }) {
  const date = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long' }).format(new Date());
  return (
    <header className="an-report-header">
      <p className="an-muted">Rapport till socialnämnden · {date}</p>
      <h1>Våld i nära relationer: resultat från befolkningsenkäten</h1>
      <p className="an-lead">
        {setup.campaign.title}. {result ? `${result.meta.analysed.toLocaleString('sv-SE')} svarande, vägda till kommunens befolkning.` : ''}
      </p>
      {setup.campaign.isDemo && <p className="notice">Demoundersökning: påhittade svar och en ställföreträdande befolkning. Inte en verklig kommun.</p>}
    </header>
  );
}

/** The overall estimate of every indicator in one sentence each, for the nämnd. */
function Summary({ result }: { result: AnalysisResult }) {
  const overall = result.estimates.filter((e) => Object.keys(e.domain).length === 0);
  return (
    <section className="an-panel" aria-labelledby="summary-heading" data-testid="report-summary">
      <h2 id="summary-heading">Sammanfattning</h2>
      <ul className="an-facts">
        {overall.map((e) => {
          const info = result.meta.indicators.find((i) => i.id === e.indicator);
          const label = info ? textFor(info.label) : e.indicator;
          const dark = result.darkFigure.find((d) => d.indicator === e.indicator && Object.keys(d.domain).length === 0 && !d.suppressed);
          return (
            <li key={e.indicator}>
              <strong>{label}:</strong>{' '}
              {e.suppressed || e.proportion === null || !e.ci || e.total === null || !e.totalCi
                ? '– redovisas inte (för få svarande).'
                : `${percent(e.proportion)} (${percentInterval(e.ci)}), det motsvarar omkring ${count(e.total)} invånare (${countInterval(e.totalCi)}).`}
              {dark && dark.registered !== null && dark.detectionRatio !== null
                ? ` Socialtjänsten har registrerat ${dark.registered.toLocaleString('sv-SE')}, en upptäcktsgrad på ${percent(dark.detectionRatio)}.`
                : ''}
            </li>
          );
        })}
      </ul>
      <p className="an-muted">Andelarna gäller befolkningen i enkätens åldrar. Intervallen inom parentes är {Math.round(result.meta.parameters.level * 100)} % konfidensintervall.</p>
    </section>
  );
}
