import { useId, useState, type FormEvent } from 'react';
import { ApiError, api, downloadText, errorMessage } from '../api';
import { CampaignFrame } from '../components/CampaignFrame';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { requestText } from '../components/raw-request';
import { Link, type Match } from '../router';
import { useSession } from '../session';
import type { CampaignDetail } from '../../../contracts/fieldwork';
import { campaignPath, count, orderVariables, stratumLabel, variableLabel } from './fieldwork-api';

/** What the frame upload returns (docs/sampling.md); fields beyond these are shown as they come. */
interface FrameSummary {
  uploadToken: string;
  fileName?: string;
  rows?: number;
  included?: number;
  strata: { stratum: Record<string, string>; N: number; [key: string]: unknown }[];
  rowCount?: number;
  referenceYear?: number;
  population?: { minAge: number; maxAge: number } | null;
  excluded?: { outsideAge?: number; noAgeGroup?: number };
  warnings?: string[];
  [key: string]: unknown;
}

interface AllocationRow {
  stratum: Record<string, string>;
  N: number;
  n: number;
  [key: string]: unknown;
}

interface OmradeAllocation {
  omrade: string;
  N: number;
  n: number;
  expectedResponses: number | null;
  expectedHalfWidth: number | null;
}

interface Allocation {
  method?: string;
  total?: number;
  strata: AllocationRow[];
  omraden?: OmradeAllocation[];
  [key: string]: unknown;
}

type Method = 'proportional' | 'equal' | 'precision';

interface UploadError {
  line?: number;
  column?: string;
  message: string;
}

export function SamplingPage({ match }: { match: Match }) {
  return (
    <CampaignFrame id={match.params.id} heading="Urval och brev">
      {(campaign, reload) => <SamplingWizard campaign={campaign} reload={reload} />}
    </CampaignFrame>
  );
}

function uploadErrors(error: unknown): UploadError[] {
  if (!(error instanceof ApiError)) return [{ message: errorMessage(error) }];
  const details = error.details as { errors?: UploadError[] } | undefined;
  return details?.errors && details.errors.length > 0 ? details.errors : [{ message: error.message }];
}

/** "Rad 14, kolumn "kon": …", unless the server's message already names the place. */
function uploadErrorText(e: UploadError): string {
  if (/\brad \d+/i.test(e.message) || (e.line === undefined && e.column === undefined)) return e.message;
  const place = [e.line !== undefined ? `Rad ${e.line}` : undefined, e.column !== undefined ? `kolumn "${e.column}"` : undefined].filter(Boolean).join(', ');
  return `${place}: ${e.message}`;
}

function excludedText(frame: FrameSummary): string {
  const outside = frame.excluded?.outsideAge ?? 0;
  const noGroup = frame.excluded?.noAgeGroup ?? 0;
  const parts: string[] = [];
  if (outside > 0) {
    const range = frame.population ? ` ${frame.population.minAge}–${frame.population.maxAge} år` : '';
    parts.push(`${count(outside)} utanför åldersintervallet${range}${frame.referenceYear ? ` (ålder år ${frame.referenceYear})` : ''}`);
  }
  if (noGroup > 0) parts.push(`${count(noGroup)} i ingen av enkätens åldersgrupper`);
  return parts.length > 0 ? `Uteslutna: ${parts.join(', ')}.` : 'Ingen rad uteslöts.';
}

function SamplingWizard({ campaign, reload }: { campaign: CampaignDetail; reload: () => Promise<void> }) {
  const { me } = useSession();
  const formId = useId();
  const base = `/api/campaigns/${encodeURIComponent(campaign.id)}`;
  const [frame, setFrame] = useState<FrameSummary>();
  const [frameErrors, setFrameErrors] = useState<UploadError[]>([]);
  const [uploading, setUploading] = useState(false);
  const [method, setMethod] = useState<Method>('proportional');
  const [total, setTotal] = useState('1000');
  const [perOmrade, setPerOmrade] = useState('200');
  const [halfWidth, setHalfWidth] = useState('5');
  const [prevalence, setPrevalence] = useState('30');
  const [responseRate, setResponseRate] = useState('45');
  const [allocation, setAllocation] = useState<Allocation>();
  const [allocationError, setAllocationError] = useState<string>();
  const [previewing, setPreviewing] = useState(false);
  const [confirmDraw, setConfirmDraw] = useState(false);
  const [drawing, setDrawing] = useState(false);
  const [drawError, setDrawError] = useState<string>();
  const [letters, setLetters] = useState<{ csv: string; fileName: string; rows: number; seed: string | null }>();

  if (campaign.mode === 'open') {
    return <p className="notice">Den här undersökningen använder en öppen länk och har inget urval.</p>;
  }
  if (campaign.counts.invited > 0 && !letters) {
    return (
      <section className="panel">
        <h2>Urvalet är draget</h2>
        <p>
          {count(campaign.counts.invited)} personer har fått en kod. Brevfilen kunde laddas ner en gång, när urvalet drogs; den finns inte kvar
          på servern och kan inte hämtas igen.
        </p>
        <p>
          Följ svaren under <Link to={campaignPath(campaign.id, 'uppfoljning')}>Uppföljning</Link>.
        </p>
      </section>
    );
  }

  const onFile = async (file: File | undefined) => {
    setFrame(undefined);
    setAllocation(undefined);
    setFrameErrors([]);
    if (!file) return;
    setUploading(true);
    try {
      const text = await file.text();
      const { text: body } = await requestText('POST', `${base}/frame?fileName=${encodeURIComponent(file.name)}`, { csrfToken: me.csrfToken, body: text, contentType: 'text/csv; charset=utf-8' });
      setFrame({ fileName: file.name, ...(JSON.parse(body) as FrameSummary) });
    } catch (error) {
      setFrameErrors(uploadErrors(error));
    } finally {
      setUploading(false);
    }
  };

  const allocationBody = () => {
    const number = (value: string) => Number(value.replace(',', '.'));
    const body: Record<string, unknown> = { uploadToken: frame!.uploadToken, method };
    if (method === 'proportional') body.total = number(total);
    if (method === 'equal') body.perOmrade = number(perOmrade);
    if (method === 'precision') {
      body.targetHalfWidth = number(halfWidth) / 100;
      body.expectedPrevalence = number(prevalence) / 100;
      body.expectedResponseRate = number(responseRate) / 100;
    }
    return body;
  };

  const preview = async (event: FormEvent) => {
    event.preventDefault();
    setPreviewing(true);
    setAllocationError(undefined);
    try {
      setAllocation(await api<Allocation>('POST', `${base}/allocation`, allocationBody()));
    } catch (error) {
      setAllocation(undefined);
      setAllocationError(errorMessage(error));
    } finally {
      setPreviewing(false);
    }
  };

  const draw = async () => {
    setDrawing(true);
    setDrawError(undefined);
    try {
      const response = await requestText('POST', `${base}/draw`, { csrfToken: me.csrfToken, body: allocationBody() });
      const fileName = response.fileName ?? `brevfil-${campaign.id.slice(0, 8)}.csv`;
      const rows = Math.max(0, response.text.trim().split(/\r?\n/).length - 1);
      setLetters({ csv: response.text, fileName, rows, seed: response.headers.get('x-sample-seed') });
      setConfirmDraw(false);
      downloadText(response.text, fileName);
      void reload();
    } catch (error) {
      setDrawError(errorMessage(error));
      setConfirmDraw(false);
    } finally {
      setDrawing(false);
    }
  };

  if (letters) {
    return (
      <section className="panel" aria-labelledby="letters-heading">
        <h2 id="letters-heading">Urvalet är draget</h2>
        <p className="notice" role="status" data-testid="draw-done">
          {count(letters.rows)} personer drogs. Brevfilen <strong>{letters.fileName}</strong> har laddats ner till din dator.
        </p>
        {letters.seed && (
          <p>
            Slumpfrö: <code data-testid="sample-seed">{letters.seed}</code> (sparat hos servern, så att dragningen kan redovisas och upprepas
            med samma ram).
          </p>
        )}
        <div className="warning-box">
          <p>
            <strong>Spara filen nu.</strong> Servern sparar aldrig personernas id (personnummer) och behåller inte brevfilen: den kan bara
            laddas ner en gång. När du lämnar den här sidan går den inte att få fram igen.
          </p>
        </div>
        <div className="button-row">
          <button type="button" className="secondary" onClick={() => downloadText(letters.csv, letters.fileName)} data-testid="download-letters">
            Spara brevfilen igen
          </button>
        </div>
        <p>
          Nästa steg: skicka filen till tryckeriet för brevutskicket och öppna insamlingen på <Link to={campaignPath(campaign.id)}>översikten</Link>.
        </p>
      </section>
    );
  }

  const allocationTotal = allocation?.strata.reduce((sum, row) => sum + row.n, 0) ?? 0;
  const extraColumns = allocation
    ? [...new Set(allocation.strata.flatMap((row) => Object.keys(row).filter((k) => !['stratum', 'N', 'n'].includes(k) && typeof row[k] === 'number')))]
    : [];
  const stratumVariables = frame ? orderVariables(frame.strata.flatMap((s) => Object.keys(s.stratum))) : [];

  return (
    <>
      <section className="panel" aria-labelledby="frame-heading">
        <h2 id="frame-heading">1. Ladda upp urvalsramen</h2>
        <p>
          Urvalsramen är registerutdraget över kommunens invånare i målgruppen, som CSV med en rad per person och kolumnerna{' '}
          <code>id</code> (eller <code>personnummer</code>), <code>kön</code>, <code>födelseår</code> (eller <code>ålder</code>) och{' '}
          <code>område</code>. Servern räknar strata och drar urvalet men sparar aldrig personernas id: de finns bara i brevfilen som du
          laddar ner efter dragningen.
        </p>
        <div className="field">
          <label htmlFor={`${formId}-file`}>Fil med urvalsramen (CSV)</label>
          <input
            id={`${formId}-file`}
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => void onFile(event.target.files?.[0])}
            data-testid="frame-file"
          />
        </div>
        {uploading && <p role="status">Läser filen…</p>}
        {frameErrors.length > 0 && (
          <div className="error-box" role="alert" data-testid="frame-errors">
            <p>Filen kunde inte användas:</p>
            <ul>
              {frameErrors.slice(0, 20).map((e, i) => (
                <li key={i}>{uploadErrorText(e)}</li>
              ))}
            </ul>
            {frameErrors.length > 20 && <p>… och {frameErrors.length - 20} fel till.</p>}
          </div>
        )}
        {frame && (
          <div data-testid="frame-summary">
            <p className="notice" role="status">
              {frame.fileName}: {frame.rowCount !== undefined && `${count(frame.rowCount)} rader, `}
              {count(frame.strata.reduce((sum, s) => sum + s.N, 0))} personer i urvalsramen fördelade på {frame.strata.length} strata.{' '}
              {excludedText(frame)}
            </p>
            {frame.warnings?.map((w) => (
              <p key={w} className="warning-box">
                {w}
              </p>
            ))}
            <details>
              <summary>Visa strata ({frame.strata.length})</summary>
              <div className="table-wrap">
                <table className="data-table compact">
                  <caption className="visually-hidden">Strata i urvalsramen</caption>
                  <thead>
                    <tr>
                      {stratumVariables.map((v) => (
                        <th key={v} scope="col">
                          {variableLabel(v)}
                        </th>
                      ))}
                      <th scope="col" className="num">
                        Antal personer (N<sub>h</sub>)
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {frame.strata.map((s) => (
                      <tr key={stratumLabel(s.stratum)}>
                        {stratumVariables.map((v) => (
                          <td key={v}>{s.stratum[v] ?? ''}</td>
                        ))}
                        <td className="num">{count(s.N)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </div>
        )}
      </section>

      {frame && (
        <section className="panel" aria-labelledby="allocation-heading">
          <h2 id="allocation-heading">2. Välj fördelning av urvalet</h2>
          <form className="form" onSubmit={(event) => void preview(event)} noValidate>
            <fieldset>
              <legend>Fördelning</legend>
              <label className="check">
                <input type="radio" name={`${formId}-method`} checked={method === 'proportional'} onChange={() => setMethod('proportional')} />
                <span>
                  <strong>Proportionell</strong>: varje stratum får lika stor andel av sin befolkning.
                </span>
              </label>
              <label className="check">
                <input type="radio" name={`${formId}-method`} checked={method === 'equal'} onChange={() => setMethod('equal')} />
                <span>
                  <strong>Lika många per område</strong>: ger säkrare skattningar i små områden (vikterna tar hand om skillnaden).
                </span>
              </label>
              <label className="check">
                <input type="radio" name={`${formId}-method`} checked={method === 'precision'} onChange={() => setMethod('precision')} />
                <span>
                  <strong>Efter önskad precision</strong>: så många brev som behövs per område för ett konfidensintervall av given bredd.
                </span>
              </label>
            </fieldset>
            {method === 'proportional' && (
              <div className="field short">
                <label htmlFor={`${formId}-total`}>Antal brev totalt</label>
                <input id={`${formId}-total`} inputMode="numeric" value={total} onChange={(e) => setTotal(e.target.value)} />
              </div>
            )}
            {method === 'equal' && (
              <div className="field short">
                <label htmlFor={`${formId}-per`}>Antal brev per område</label>
                <input id={`${formId}-per`} inputMode="numeric" value={perOmrade} onChange={(e) => setPerOmrade(e.target.value)} />
              </div>
            )}
            {method === 'precision' && (
              <div className="field-grid">
                <div className="field">
                  <label htmlFor={`${formId}-hw`}>Önskad felmarginal (± procentenheter)</label>
                  <input id={`${formId}-hw`} inputMode="decimal" value={halfWidth} onChange={(e) => setHalfWidth(e.target.value)} />
                </div>
                <div className="field">
                  <label htmlFor={`${formId}-prev`}>Förväntad andel utsatta (%)</label>
                  <input id={`${formId}-prev`} inputMode="decimal" value={prevalence} onChange={(e) => setPrevalence(e.target.value)} />
                </div>
                <div className="field">
                  <label htmlFor={`${formId}-rr`}>Förväntad svarsfrekvens (%)</label>
                  <input id={`${formId}-rr`} inputMode="decimal" value={responseRate} onChange={(e) => setResponseRate(e.target.value)} />
                </div>
              </div>
            )}
            <div className="button-row">
              <button type="submit" className="secondary" disabled={previewing} data-testid="preview-allocation">
                {previewing ? 'Räknar…' : 'Förhandsgranska fördelningen'}
              </button>
            </div>
          </form>
          {allocationError && (
            <p className="error-box" role="alert">
              {allocationError}
            </p>
          )}
          {allocation?.omraden && allocation.omraden.length > 0 && (
            <div className="table-wrap" data-testid="allocation-omraden">
              <table className="data-table compact">
                <caption>Per område: väntade svar och felmarginal</caption>
                <thead>
                  <tr>
                    <th scope="col">Område</th>
                    <th scope="col" className="num">Befolkning</th>
                    <th scope="col" className="num">Brev</th>
                    <th scope="col" className="num">Väntade svar</th>
                    <th scope="col" className="num">Väntad felmarginal (95 %)</th>
                  </tr>
                </thead>
                <tbody>
                  {allocation.omraden.map((o) => (
                    <tr key={o.omrade}>
                      <th scope="row">{o.omrade}</th>
                      <td className="num">{count(o.N)}</td>
                      <td className="num">{count(o.n)}</td>
                      <td className="num">{o.expectedResponses === null ? '–' : count(Math.round(o.expectedResponses))}</td>
                      <td className="num">
                        {o.expectedHalfWidth === null ? '–' : `± ${(o.expectedHalfWidth * 100).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} procentenheter`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {allocation && (
            <details className="allocation-details" open={!allocation.omraden?.length}>
              <summary>Fördelning per stratum ({allocation.strata.length})</summary>
            <div className="table-wrap" data-testid="allocation-table">
              <table className="data-table compact">
                <caption>
                  Fördelning: {count(allocationTotal)} brev i {allocation.strata.length} strata
                </caption>
                <thead>
                  <tr>
                    {stratumVariables.map((v) => (
                      <th key={v} scope="col">
                        {variableLabel(v)}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      Befolkning (N<sub>h</sub>)
                    </th>
                    <th scope="col" className="num">
                      Brev (n<sub>h</sub>)
                    </th>
                    <th scope="col" className="num">
                      Andel
                    </th>
                    {extraColumns.map((c) => (
                      <th key={c} scope="col" className="num">
                        {allocationColumnLabels[c] ?? c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {allocation.strata.map((row) => (
                    <tr key={stratumLabel(row.stratum)}>
                      {stratumVariables.map((v) => (
                        <td key={v}>{row.stratum[v] ?? ''}</td>
                      ))}
                      <td className="num">{count(row.N)}</td>
                      <td className="num">{count(row.n)}</td>
                      <td className="num">{row.N > 0 ? `${((100 * row.n) / row.N).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} %` : '–'}</td>
                      {extraColumns.map((c) => (
                        <td key={c} className="num">
                          {formatExtra(row[c])}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            </details>
          )}
        </section>
      )}

      {frame && allocation && (
        <section className="panel" aria-labelledby="draw-heading">
          <h2 id="draw-heading">3. Dra urvalet</h2>
          <p>
            Servern drar {count(allocationTotal)} personer slumpmässigt enligt fördelningen ovan, ger var och en en personlig kod och sparar
            slumpfröet så att dragningen kan redovisas. Du får en brevfil (CSV) med id, kod och brevreferens för tryckeriet.
          </p>
          <div className="warning-box">
            <p>
              <strong>Brevfilen kan laddas ner bara en gång.</strong> Servern sparar aldrig personernas id och kan inte skapa filen igen.
            </p>
          </div>
          {drawError && (
            <p className="error-box" role="alert">
              {drawError}
            </p>
          )}
          <div className="button-row">
            <button type="button" className="primary" onClick={() => setConfirmDraw(true)} data-testid="draw">
              Dra urvalet och ladda ner brevfilen
            </button>
          </div>
          <ConfirmDialog
            open={confirmDraw}
            title="Dra urvalet?"
            confirmLabel="Dra urvalet"
            busy={drawing}
            onConfirm={() => void draw()}
            onCancel={() => setConfirmDraw(false)}
          >
            <p>
              {count(allocationTotal)} personer dras. Urvalet kan bara dras en gång, och brevfilen laddas ner direkt och bara en gång. Se till
              att du kan spara filen på en säker plats.
            </p>
          </ConfirmDialog>
        </section>
      )}
    </>
  );
}

const allocationColumnLabels: Record<string, string> = {
  expectedResponses: 'Väntade svar',
  expectedCompleted: 'Väntade svar',
  expectedHalfWidth: 'Väntad felmarginal',
  halfWidth: 'Väntad felmarginal',
  weight: 'Designvikt',
  baseWeight: 'Designvikt',
};

function formatExtra(value: unknown): string {
  if (typeof value !== 'number') return '';
  if (value > 0 && value < 1) return `${(value * 100).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} %`;
  return value.toLocaleString('sv-SE', { maximumFractionDigits: 1 });
}
