import '../sampling/letters.css';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { IssuedCodes } from '../../../contracts/fieldwork';
import type { LetterSettings } from '../../../contracts/sampling';
import { parseLocaleNumber } from '../../../domain/csv';
import { allocateSample, type Allocation, type AllocationMethod } from '../../../domain/sampling/allocate-sample';
import { codesRequests } from '../../../domain/sampling/draw-frame-sample';
import { letterFileCsv, mergeLetters, type IssuedCode } from '../../../domain/sampling/letter-file';
import { SamplingInputError } from '../../../domain/sampling/sampling-input-error';
import { api, errorMessage } from '../api';
import { CampaignFrame } from '../components/CampaignFrame';
import { ConfirmDialog } from '../components/ConfirmDialog';
import type { TemplateVersionView } from '../../../contracts/templates';
import { Link, type Match } from '../router';
import { AreaAllocationTable, StratumAllocationTable, stratumValueLabel } from '../sampling/AllocationTables';
import { FrameClient, FrameFailure, type FrameProgress } from '../sampling/frame-client';
import type { FrameParseOptions, FrameRowError, FrameSummary } from '../sampling/frame-protocol';
import { heldLetters, holdLetters, type HeldLetters } from '../sampling/letter-store';
import type { CampaignDetail } from '../../../contracts/fieldwork';
import { downloadText } from '../api';
import { areaName, campaignPath, count, variableLabel } from './fieldwork-api';

export function SamplingPage({ match }: { match: Match }) {
  return (
    <CampaignFrame id={match.params.id} heading="Urval">
      {(campaign, reload) => <Sampling campaign={campaign} reload={reload} />}
    </CampaignFrame>
  );
}

type Method = AllocationMethod['method'];

/** 128 random bits as hex: the default seed, shown and kept in the letter file's name. */
function randomSeed(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const SEED_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

function Sampling({ campaign, reload }: { campaign: CampaignDetail; reload: () => Promise<void> }) {
  const [held, setHeld] = useState<HeldLetters | undefined>(() => heldLetters(campaign.id));
  if (campaign.mode === 'open') return <p className="notice">Den här undersökningen använder en öppen länk och har inget urval.</p>;
  if (held) return <DrawDone campaign={campaign} held={held} />;
  if (campaign.counts.invited > 0) {
    return (
      <section className="panel" aria-labelledby="drawn-heading">
        <h2 id="drawn-heading">Urvalet är draget</h2>
        <p>
          {count(campaign.counts.invited)} personer har fått en kod. Brevfilen finns bara hos er: servern har aldrig haft urvalsramen och kan
          inte ta fram filen igen.
        </p>
        <p>
          Skriv ut brev och påminnelser från den sparade brevfilen under <Link to={campaignPath(campaign.id, 'brev')}>Brev</Link>. Följ svaren
          under <Link to={campaignPath(campaign.id, 'uppfoljning')}>Uppföljning</Link>.
        </p>
      </section>
    );
  }
  if (campaign.status !== 'draft' && campaign.status !== 'open') return <p className="notice">Undersökningen är stängd; inget urval kan dras.</p>;
  return <SamplingWizard campaign={campaign} reload={reload} onDrawn={setHeld} />;
}

interface SamplingContext {
  options: FrameParseOptions;
  linkBase: string;
}

function useSamplingContext(campaign: CampaignDetail): { context?: SamplingContext; error?: string } {
  const [state, setState] = useState<{ context?: SamplingContext; error?: string }>({});
  useEffect(() => {
    let live = true;
    const base = `/api/campaigns/${encodeURIComponent(campaign.id)}`;
    Promise.all([
      api<TemplateVersionView>('GET', `/api/templates/${encodeURIComponent(campaign.template.id)}?version=${campaign.template.version}`),
      api<LetterSettings>('GET', `${base}/letter-settings`),
    ])
      .then(([template, settings]) => {
        if (!live) return;
        const meta = template.definition.meta;
        const ageGroups = meta.weighting.ageGroups ?? [];
        if (ageGroups.length === 0) return setState({ error: 'Enkätmallen saknar åldersgrupper (meta.weighting.ageGroups), så urvalet kan inte stratifieras.' });
        setState({
          context: {
            options: {
              referenceYear: campaign.periodStart ? Number(campaign.periodStart.slice(0, 4)) : new Date().getFullYear(),
              minAge: meta.population?.minAge,
              maxAge: meta.population?.maxAge,
              ageGroups,
              areas: campaign.areas.map((area) => area.code),
            },
            linkBase: settings.linkBase,
          },
        });
      })
      .catch((error: unknown) => live && setState({ error: errorMessage(error) }));
    return () => {
      live = false;
    };
  }, [campaign.id, campaign.template.id, campaign.template.version, campaign.periodStart, campaign.areas]);
  return state;
}

const phaseText = { reading: 'Läser filen', parsing: 'Tolkar raderna', checking: 'Kontrollerar raderna' } as const;

function excludedText(frame: FrameSummary, options: FrameParseOptions): string {
  const parts: string[] = [];
  if (frame.excluded.outsideAge > 0) {
    const range = options.minAge !== undefined && options.maxAge !== undefined ? ` ${options.minAge}–${options.maxAge} år` : '';
    parts.push(`${count(frame.excluded.outsideAge)} utanför åldersintervallet${range} (ålder år ${options.referenceYear})`);
  }
  if (frame.excluded.noAgeGroup > 0) parts.push(`${count(frame.excluded.noAgeGroup)} i ingen av enkätens åldersgrupper`);
  return parts.length > 0 ? `Uteslutna: ${parts.join(', ')}.` : 'Ingen rad uteslöts.';
}

function SamplingWizard({ campaign, reload, onDrawn }: { campaign: CampaignDetail; reload: () => Promise<void>; onDrawn: (held: HeldLetters) => void }) {
  const formId = useId();
  const { context, error: contextError } = useSamplingContext(campaign);
  const client = useRef<FrameClient | undefined>(undefined);
  const [frame, setFrame] = useState<FrameSummary>();
  const [frameErrors, setFrameErrors] = useState<readonly FrameRowError[]>([]);
  const [progress, setProgress] = useState<FrameProgress>();
  const [method, setMethod] = useState<Method>('proportional');
  const [total, setTotal] = useState('1000');
  const [perOmrade, setPerOmrade] = useState('200');
  const [halfWidth, setHalfWidth] = useState('5');
  const [prevalence, setPrevalence] = useState('30');
  const [responseRate, setResponseRate] = useState('45');
  const [seed, setSeed] = useState(randomSeed);
  const [confirmDraw, setConfirmDraw] = useState(false);
  const [drawing, setDrawing] = useState<string>();
  const [drawError, setDrawError] = useState<string>();
  const areaNames = useMemo(() => new Map(campaign.areas.map((area) => [area.code, areaName(area)])), [campaign.areas]);

  useEffect(() => () => client.current?.terminate(), []);

  const onFile = async (file: File | undefined) => {
    client.current?.terminate();
    client.current = undefined;
    setFrame(undefined);
    setFrameErrors([]);
    setProgress(undefined);
    if (!file || !context) return;
    const worker = new FrameClient(setProgress);
    client.current = worker;
    try {
      const summary = await worker.parse(file, context.options);
      if (client.current === worker) setFrame(summary);
    } catch (error) {
      if (client.current !== worker) return;
      setFrameErrors(error instanceof FrameFailure ? error.errors : [{ message: errorMessage(error) }]);
      worker.terminate();
      client.current = undefined;
    } finally {
      if (client.current === worker || client.current === undefined) setProgress(undefined);
    }
  };

  const preview = useMemo((): { allocation?: Allocation; error?: string } => {
    if (!frame) return {};
    // An empty or unreadable field counts as 0, which allocateSample refuses with its own message.
    const number = (value: string) => parseLocaleNumber(value) ?? 0;
    const rate = number(responseRate) / 100;
    let chosen: AllocationMethod;
    if (method === 'proportional') chosen = { method, total: number(total) };
    else if (method === 'equal') chosen = { method, perOmrade: number(perOmrade) };
    else chosen = { method, targetHalfWidth: number(halfWidth) / 100, expectedPrevalence: number(prevalence) / 100, expectedResponseRate: rate };
    try {
      return {
        allocation: allocateSample(
          frame.strata.map((s) => ({ stratum: s.stratum, N: s.N })),
          chosen,
          { expectedResponseRate: rate > 0 && rate <= 1 ? rate : undefined, expectedPrevalence: method === 'precision' ? number(prevalence) / 100 : undefined },
        ),
      };
    } catch (error) {
      if (error instanceof SamplingInputError) return { error: error.message.replace(/^[a-zA-Z]+: /, '').replace(/^./, (c) => c.toUpperCase()) + '.' };
      throw error;
    }
  }, [frame, method, total, perOmrade, halfWidth, prevalence, responseRate]);

  const seedValid = SEED_PATTERN.test(seed);

  const draw = async () => {
    if (!client.current || !preview.allocation || !context) return;
    setDrawError(undefined);
    setDrawing('Drar urvalet…');
    const base = `/api/campaigns/${encodeURIComponent(campaign.id)}`;
    const codes: IssuedCode[] = [];
    try {
      const drawn = await client.current.draw(preview.allocation, seed);
      const calls = codesRequests(drawn);
      for (const [i, strata] of calls.entries()) {
        setDrawing(calls.length > 1 ? `Hämtar koder (${i + 1} av ${calls.length})…` : 'Hämtar koder…');
        // Only strata, n_h and N_h: nothing about any person leaves the browser.
        const response = await api<IssuedCodes>('POST', `${base}/codes`, { strata });
        codes.push(...response.codes);
      }
      const file = mergeLetters(frame!.allColumns, drawn, codes, context.linkBase);
      const fileName = `brevfil-${campaign.id.slice(0, 8)}-${seed.slice(0, 40)}.csv`;
      downloadText(letterFileCsv(file), fileName);
      const held = { file, fileName, seed };
      holdLetters(campaign.id, held);
      client.current.terminate();
      client.current = undefined;
      setConfirmDraw(false);
      onDrawn(held);
      void reload();
    } catch (error) {
      const issued = codes.length > 0 ? ` ${count(codes.length)} koder hann skapas; kontakta systemförvaltaren innan du drar igen.` : '';
      const message = error instanceof FrameFailure || error instanceof SamplingInputError ? error.message.replace(/^[a-zA-Z]+: /, '') : errorMessage(error);
      setDrawError(message + issued);
      setConfirmDraw(false);
    } finally {
      setDrawing(undefined);
    }
  };

  if (contextError) return <p className="error-box" role="alert">{contextError}</p>;
  if (!context) return <p role="status">Hämtar enkätens åldersgrupper…</p>;
  const allocation = preview.allocation;

  return (
    <>
      <section className="panel" aria-labelledby="frame-heading">
        <h2 id="frame-heading">1. Välj urvalsramen</h2>
        <p>
          Urvalsramen är registerutdraget över kommunens invånare i målgruppen, som CSV med en rad per person och kolumnerna{' '}
          <code>personnummer</code> (eller <code>id</code>), <code>kön</code>, <code>födelseår</code> (eller <code>ålder</code>) och{' '}
          <code>område</code>, gärna också namn och adress för breven (<code>förnamn</code>, <code>efternamn</code>,{' '}
          <code>utdelningsadress</code>, <code>postnummer</code>, <code>postort</code>).
        </p>
        <p className="notice" data-testid="frame-stays-local">
          <strong>Filen lämnar aldrig din dator.</strong> Den läses och dras i webbläsaren. Servern får bara veta hur många personer som finns
          och ska få brev i varje grupp (kön, åldersgrupp, område), och skickar tillbaka lika många koder.
        </p>
        <div className="field">
          <label htmlFor={`${formId}-file`}>Fil med urvalsramen (CSV)</label>
          <input id={`${formId}-file`} type="file" accept=".csv,text/csv" onChange={(event) => void onFile(event.target.files?.[0])} data-testid="frame-file" />
        </div>
        {progress && (
          <div className="frame-progress" role="status" data-testid="frame-progress">
            <label htmlFor={`${formId}-progress`}>
              {phaseText[progress.phase]}
              {progress.phase === 'checking' && progress.total > 0 ? ` (${count(progress.done)} av ${count(progress.total)} rader)` : ''}…
            </label>
            <progress id={`${formId}-progress`} max={progress.phase === 'checking' ? progress.total : undefined} value={progress.phase === 'checking' ? progress.done : undefined} />
          </div>
        )}
        {frameErrors.length > 0 && (
          <div className="error-box" role="alert" data-testid="frame-errors">
            <p>Filen kunde inte användas. Rätta filen och välj den igen:</p>
            <ul>
              {frameErrors.slice(0, 20).map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
            {frameErrors.length > 20 && <p>… och {count(frameErrors.length - 20)} fel till.</p>}
          </div>
        )}
        {frame && (
          <div data-testid="frame-summary">
            <p className="notice" role="status">
              {frame.fileName}: {count(frame.rowCount)} rader, {count(frame.included)} personer i urvalsramen fördelade på {frame.strata.length} strata.{' '}
              {excludedText(frame, context.options)}
            </p>
            <details>
              <summary>Visa strata ({frame.strata.length})</summary>
              <div className="table-wrap">
                <table className="data-table compact">
                  <caption className="visually-hidden">Strata i urvalsramen</caption>
                  <thead>
                    <tr>
                      {(['kon', 'aldersgrupp', 'omrade'] as const).map((v) => (
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
                      <tr key={s.key}>
                        {(['kon', 'aldersgrupp', 'omrade'] as const).map((v) => (
                          <td key={v}>{stratumValueLabel(v, s.stratum[v], areaNames)}</td>
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
          <form className="form allocation-form" onSubmit={(event) => event.preventDefault()} noValidate>
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
            <div className="field-grid">
              {method === 'proportional' && (
                <div className="field">
                  <label htmlFor={`${formId}-total`}>Antal brev totalt</label>
                  <input id={`${formId}-total`} inputMode="numeric" value={total} onChange={(e) => setTotal(e.target.value)} />
                </div>
              )}
              {method === 'equal' && (
                <div className="field">
                  <label htmlFor={`${formId}-per`}>Antal brev per område</label>
                  <input id={`${formId}-per`} inputMode="numeric" value={perOmrade} onChange={(e) => setPerOmrade(e.target.value)} />
                </div>
              )}
              {method === 'precision' && (
                <>
                  <div className="field">
                    <label htmlFor={`${formId}-hw`}>Önskad felmarginal (± procentenheter)</label>
                    <input id={`${formId}-hw`} inputMode="decimal" value={halfWidth} onChange={(e) => setHalfWidth(e.target.value)} />
                  </div>
                  <div className="field">
                    <label htmlFor={`${formId}-prev`}>Förväntad andel utsatta (%)</label>
                    <input id={`${formId}-prev`} inputMode="decimal" value={prevalence} onChange={(e) => setPrevalence(e.target.value)} />
                  </div>
                </>
              )}
              <div className="field">
                <label htmlFor={`${formId}-rr`}>Förväntad svarsfrekvens (%)</label>
                <input id={`${formId}-rr`} inputMode="decimal" value={responseRate} onChange={(e) => setResponseRate(e.target.value)} />
              </div>
            </div>
          </form>
          {preview.error && (
            <p className="error-box" role="alert" data-testid="allocation-error">
              {preview.error}
            </p>
          )}
          {allocation && (
            <>
              <AreaAllocationTable allocation={allocation} areaNames={areaNames} />
              <StratumAllocationTable allocation={allocation} areaNames={areaNames} />
            </>
          )}
        </section>
      )}

      {frame && allocation && (
        <section className="panel" aria-labelledby="draw-heading">
          <h2 id="draw-heading">3. Dra urvalet</h2>
          <p>
            Webbläsaren drar {count(allocation.n)} personer slumpmässigt enligt fördelningen ovan. Servern skapar lika många personliga koder
            per stratum, och webbläsaren lägger ihop dem med personerna till en brevfil (CSV) som sparas på din dator.
          </p>
          <div className="field seed-field">
            <label htmlFor={`${formId}-seed`}>Slumpfrö</label>
            <input id={`${formId}-seed`} value={seed} onChange={(e) => setSeed(e.target.value.trim())} aria-describedby={`${formId}-seed-hint`} aria-invalid={!seedValid || undefined} data-testid="seed" />
            <p className="hint" id={`${formId}-seed-hint`}>
              Anteckna fröet: samma fil, fördelning och frö ger samma urval, så att dragningen kan redovisas och upprepas (även med verktygets
              kommandorad, se dokumentationen om urval). Bokstäver, siffror och . _ : -.
            </p>
          </div>
          <div className="warning-box">
            <p>
              <strong>Spara brevfilen på en säker plats.</strong> Den innehåller personnummer, namn, adresser och koder, och finns bara hos er:
              servern kan inte skapa den igen. Den behövs för påminnelserna.
            </p>
          </div>
          {drawError && (
            <p className="error-box" role="alert" data-testid="draw-error">
              {drawError}
            </p>
          )}
          <div className="button-row">
            <button type="button" className="primary" disabled={!seedValid} onClick={() => setConfirmDraw(true)} data-testid="draw">
              Dra urvalet och spara brevfilen
            </button>
          </div>
          <ConfirmDialog
            open={confirmDraw}
            title="Dra urvalet?"
            confirmLabel="Dra urvalet"
            busy={drawing !== undefined}
            onConfirm={() => void draw()}
            onCancel={() => setConfirmDraw(false)}
          >
            <p>
              {count(allocation.n)} personer dras och får var sin kod. Urvalet kan bara dras en gång. Brevfilen sparas direkt på din dator; se
              till att du kan spara den på en säker plats.
            </p>
            {drawing && <p role="status">{drawing}</p>}
          </ConfirmDialog>
        </section>
      )}
    </>
  );
}

function DrawDone({ campaign, held }: { campaign: CampaignDetail; held: HeldLetters }) {
  return (
    <section className="panel" aria-labelledby="letters-heading">
      <h2 id="letters-heading">Urvalet är draget</h2>
      <p className="notice" role="status" data-testid="draw-done">
        {count(held.file.letters.length)} personer drogs. Brevfilen <strong>{held.fileName}</strong> har sparats på din dator.
      </p>
      {held.seed && (
        <p>
          Slumpfrö: <code data-testid="sample-seed">{held.seed}</code>. Anteckna det i dokumentationen av undersökningen: det finns inte på
          servern.
        </p>
      )}
      <div className="warning-box">
        <p>
          <strong>Spara filen nu.</strong> Servern har aldrig haft personuppgifterna och kan inte skapa brevfilen igen. När du laddar om sidan
          finns den bara kvar där du sparade den.
        </p>
      </div>
      <div className="button-row">
        <Link to={campaignPath(campaign.id, 'brev')} className="button-link primary" data-testid="print-letters">
          Skriv ut breven
        </Link>
        <button type="button" className="secondary" onClick={() => downloadText(letterFileCsv(held.file), held.fileName)} data-testid="download-letters">
          Spara brevfilen igen
        </button>
      </div>
      <p>
        Skickar ni breven via ett tryckeri används brevfilen som underlag för kopplad utskrift (kolumnerna <code>kod</code>, <code>lank</code>{' '}
        och <code>ref</code>). Öppna sedan insamlingen på <Link to={campaignPath(campaign.id)}>översikten</Link>.
      </p>
    </section>
  );
}
