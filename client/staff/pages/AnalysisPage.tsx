/**
 * Survey analysis of a population campaign: choose indicators, groups and
 * population tables, run the server's analysis (analyzeSurvey), read the
 * weighting diagnostics, prevalence, mörkertal and the change since the
 * previous campaign, download the estimates (Excel or CSV), the microdata with
 * weights and its R and SPSS scripts, and produce the lägesbild for the nämnd
 * (print to PDF, or a Word file). All arithmetic happens on the server.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { api, ApiError, apiText, downloadBytes, downloadText, errorMessage } from '../api';
import { AnalysisSettings, defaultRequest } from '../components/analysis/AnalysisSettings';
import { DarkFigureSection, IndicatorSection } from '../components/analysis/AnalysisResults';
import { WeightingSummary } from '../components/analysis/AnalysisWeighting';
import { MethodSection } from '../components/analysis/AnalysisMethod';
import type { AnalysisResult, AnalysisSetup, PopulationTotalsConflict } from '../../../contracts/analysis';
import type { PopulationTableSummary } from '../../../contracts/population';
import type { LagesbildSetup, Trend } from '../../../contracts/lagesbild';
import type { Report as ScreeningReport } from '../../../contracts/screening';
import type { AnalysisForm } from '../components/analysis/analysis-api';
import { TrendSection } from '../components/analysis/AnalysisTrend';
import { lagesbildDocument } from '../report/lagesbild-model';
import { ReportView } from '../report/ReportView';
import { chartImages } from '../report/chart-images';
import { reportDocx } from '../report/report-docx';
import '../components/analysis/analysis.css';
import { CampaignFrame } from '../components/CampaignFrame';
import { PublishFiguresButton } from '../components/PublishedFigures';
import type { Match } from '../router';
import { useApi } from '../useApi';
import { useSession } from '../session';

export function AnalysisPage({ match }: { match: Match }) {
  const id = match.params.id;
  const setup = useApi<AnalysisSetup>(`/api/campaigns/${encodeURIComponent(id)}/analysis`);
  const [request, setRequest] = useState<AnalysisForm | undefined>();
  const [result, setResult] = useState<AnalysisResult | undefined>();
  const [error, setError] = useState<{ message: string; conflict?: PopulationTotalsConflict } | undefined>();
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState(false);
  const autoRun = useRef(false);
  const [trend, setTrend] = useState<{ data?: Trend; loading: boolean; error?: string }>({ loading: false });
  const trendRun = useRef(0);
  const [facts, setFacts] = useState<LagesbildSetup | undefined>();
  const [screeningId, setScreeningId] = useState('');
  const [screening, setScreening] = useState<ScreeningReport | undefined>();
  const [reportError, setReportError] = useState<string | undefined>();
  const [docxBusy, setDocxBusy] = useState(false);
  const [downloadError, setDownloadError] = useState<string | undefined>();
  // Microdata leave only with a stated purpose, which the audit log keeps with the export.
  const [purpose, setPurpose] = useState('');
  const purposeId = useId();
  const { me } = useSession();
  const reportRef = useRef<HTMLDivElement>(null);
  const base = `/api/campaigns/${encodeURIComponent(id)}`;

  const run = useCallback(
    async (body: AnalysisForm) => {
      setRunning(true);
      setError(undefined);
      try {
        const analysed = await api<AnalysisResult>('POST', `/api/campaigns/${encodeURIComponent(id)}/analysis`, body);
        setResult(analysed);
        // The change since earlier campaigns, with the same settings (each campaign weighted with its own design).
        // Only the latest run's trend is shown, whichever answer comes back last.
        const ticket = ++trendRun.current;
        setTrend({ loading: true });
        api<Trend>('POST', `/api/campaigns/${encodeURIComponent(id)}/trend`, { analysis: body })
          .then((data) => ticket === trendRun.current && setTrend({ data, loading: false }))
          .catch((e) => ticket === trendRun.current && setTrend({ loading: false, error: errorMessage(e) }));
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

  // The lägesbild's fieldwork facts, and the screening month chosen for it.
  useEffect(() => {
    if (!report || facts) return;
    api<LagesbildSetup>('GET', `/api/campaigns/${encodeURIComponent(id)}/lagesbild`)
      .then(setFacts)
      .catch((e) => setReportError(errorMessage(e)));
  }, [report, facts, id]);
  useEffect(() => {
    setScreening(undefined);
    if (!screeningId) return;
    api<ScreeningReport>('GET', `/api/screening/${encodeURIComponent(screeningId)}/report`)
      .then(setScreening)
      .catch((e) => setReportError(errorMessage(e)));
  }, [screeningId]);

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

  /** A text download of the analysis with the page's settings: the estimates (Excel or CSV), the microdata with weights, its R or SPSS script. */
  const download = async (kind: 'excel' | 'csv' | 'microdata' | 'r' | 'spss') => {
    if (!request) return;
    setDownloadError(undefined);
    const settings = `analysis=${encodeURIComponent(JSON.stringify(request))}`;
    try {
      if (kind === 'excel' || kind === 'csv') {
        const csv = await apiText('POST', `${base}/analysis.csv${kind === 'csv' ? '?format=csv' : ''}`, { body: request });
        downloadText(csv.text, kind === 'csv' ? 'skattningar-program.csv' : 'skattningar.csv');
      } else if (kind === 'microdata') {
        downloadText((await apiText('GET', `${base}/responses.csv?${settings}&purpose=${encodeURIComponent(purpose.trim())}`)).text, 'svar.csv');
      } else {
        const script = await apiText('GET', `${base}/responses.${kind === 'r' ? 'R' : 'sps'}?${settings}`);
        downloadText(script.text, kind === 'r' ? 'analys.R' : 'analys.sps', 'text/plain;charset=utf-8');
      }
    } catch (e) {
      setDownloadError(errorMessage(e));
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

  const lagesbild = useMemo(
    () => (data && result && facts && report ? lagesbildDocument({ setup: data, result, facts, trend: trend.data ?? null, screening: screening ?? null, today: new Date() }) : undefined),
    [data, result, facts, report, trend.data, screening],
  );

  const downloadDocx = async () => {
    if (!lagesbild || !reportRef.current) return;
    setDocxBusy(true);
    try {
      const ids = lagesbild.sections.flatMap((section) => section.blocks.flatMap((block) => (block.kind === 'chart' ? [block.id] : [])));
      const bytes = reportDocx(lagesbild, await chartImages(reportRef.current, ids));
      downloadBytes(bytes, `lagesbild-${(facts?.campaign.kommunNamn ?? 'kommun').toLowerCase().replace(/[^a-zåäö0-9]+/g, '-')}.docx`, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    } catch (e) {
      setReportError(e instanceof Error ? `Word-filen kunde inte skapas: ${e.message}` : 'Word-filen kunde inte skapas.');
    } finally {
      setDocxBusy(false);
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
      {result && !report && (
        <div className={running ? 'an-results an-stale' : 'an-results'} aria-busy={running} data-testid="analysis-results">
          <div className="an-actions no-print">
            <button type="button" className="primary" onClick={() => setReport(true)} data-testid="show-report">
              Lägesbild för nämnden
            </button>
            <button type="button" className="secondary" onClick={() => void download('excel')} data-testid="download-csv">
              Ladda ner tabellen (Excel)
            </button>
            <details className="an-downloads">
              <summary>Fler nedladdningar</summary>
              <div className="an-actions">
                <button type="button" className="secondary" onClick={() => void download('csv')} data-testid="download-csv-program">
                  Tabellen som CSV för program (komma, punkt)
                </button>
                <button type="button" className="secondary" onClick={() => void download('r')} data-testid="download-r">
                  R-skript (survey)
                </button>
                <button type="button" className="secondary" onClick={() => void download('spss')} data-testid="download-spss">
                  SPSS-syntax
                </button>
              </div>
              {!me.roles.some((r) => r.role === 'analyst' && r.kommunkod === data.campaign.kommunkod && r.microdataExport) ? (
                <p className="an-hint" data-testid="no-microdata-right">
                  Svaren med vikter (mikrodata) kräver en särskild behörighet som du inte har. Be kommunens administratör om den. Skripten ovan kan du ladda ner ändå.
                </p>
              ) : (
                <>
                  <div className="an-field an-purpose">
                    <label htmlFor={purposeId}>Syfte med exporten av mikrodata (krävs)</label>
                    <input id={purposeId} type="text" value={purpose} maxLength={500} onChange={(e) => setPurpose(e.target.value)} aria-describedby={`${purposeId}-hint`} data-testid="microdata-purpose" />
                    <p className="an-hint" id={`${purposeId}-hint`}>
                      Till exempel "Kontroll av lägesbilden i R". Syftet skrivs i granskningsloggen tillsammans med exporten.
                    </p>
                  </div>
                  <div className="an-actions">
                    <button type="button" className="secondary" onClick={() => void download('microdata')} disabled={purpose.trim().length < 3} data-testid="download-microdata">
                      Svaren med vikter (mikrodata)
                    </button>
                  </div>
                </>
              )}
              <p className="an-hint">
                Mikrodatan kräver behörighet att exportera svar och loggas. Skripten läser svar.csv, bygger upp samma design och vägning och skriver ut skattningarna, så
                att en statistiker kan återskapa siffrorna på sidan.
              </p>
            </details>
          </div>
          {downloadError && (
            <p className="error-box" role="alert" data-testid="download-error">
              {downloadError}
            </p>
          )}
          <WeightingSummary result={result} />
          <section aria-labelledby="estimates-heading">
            <h2 id="estimates-heading">Andel utsatta och antal invånare</h2>
            {result.meta.parameters.indicators.map((indicator, i) => (
              <IndicatorSection key={indicator} result={result} indicator={indicator} index={i} />
            ))}
          </section>
          <TrendSection result={result} trend={trend.data} loading={trend.loading} error={trend.error} />
          <DarkFigureSection result={result} />
          <MethodSection result={result} appendixOpen={report} />
        </div>
      )}
      {result && report && (
        <div className="an-results" data-testid="analysis-results">
          <div className="an-actions no-print">
            <button type="button" className="primary" onClick={() => window.print()} data-testid="print">
              Skriv ut / spara som PDF
            </button>
            <button type="button" className="secondary" onClick={() => void downloadDocx()} disabled={!lagesbild || docxBusy} data-testid="download-docx">
              {docxBusy ? 'Skapar Word-filen…' : 'Ladda ner som Word'}
            </button>
            <button type="button" className="secondary" onClick={() => setReport(false)}>
              Tillbaka till analysen
            </button>
            {request && <PublishFiguresButton campaignId={id} request={request} />}
            {facts && facts.screeningMonths.length > 0 && (
              <label className="an-field an-inline">
                <span>Ta med en kartläggningsmånad</span>
                <select value={screeningId} onChange={(e) => setScreeningId(e.target.value)} data-testid="report-screening">
                  <option value="">Ingen</option>
                  {facts.screeningMonths.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.title}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          {reportError && (
            <p className="error-box" role="alert">
              {reportError}
            </p>
          )}
          {(!facts || trend.loading) && !reportError && <p role="status">Sammanställer lägesbilden…</p>}
          <div ref={reportRef}>{lagesbild && <ReportView doc={lagesbild} />}</div>
        </div>
      )}
    </>
  );
  if (report) {
    return (
      <div className="an-page an-report" data-testid="analysis-report">
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
