/**
 * Published figures: what a report used, kept when retention deletes the
 * responses. Saved from the analysis page (the server runs the analysis once
 * more and keeps its suppressed result) and listed on the campaign's data page.
 */
import { useId, useState } from 'react';
import type { AnalysisRequest } from '../../../contracts/analysis';
import type { PublishedFigures, PublishedFiguresSummary } from '../../../contracts/retention';
import { textFor } from '../../../domain/localized-text';
import { api, errorMessage } from '../api';
import { useApi } from '../useApi';
import { domainLabel, percent, percentInterval } from './analysis/analysis-api';

/** "Spara som publicerade siffror": a title, then the server keeps the analysis with these settings. */
export function PublishFiguresButton({ campaignId, request }: { campaignId: string; request: AnalysisRequest }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(`Rapport till socialnämnden ${new Date().getFullYear()}`);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      const saved = await api<PublishedFigures>('POST', `/api/campaigns/${encodeURIComponent(campaignId)}/published-figures`, { title: title.trim(), analysis: request });
      setMessage({ kind: 'ok', text: `Sparat som publicerade siffror: ${saved.title}. De finns kvar när svaren gallras.` });
      setOpen(false);
    } catch (caught) {
      setMessage({ kind: 'error', text: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="publish-figures no-print">
      {!open ? (
        <button type="button" className="secondary" onClick={() => setOpen(true)} data-testid="publish-figures">
          Spara som publicerade siffror
        </button>
      ) : (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-title`}>Rubrik för de publicerade siffrorna</label>
            <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
          </div>
          <div className="button-row">
            <button type="button" className="primary" onClick={() => void save()} disabled={busy || title.trim() === ''} data-testid="publish-save">
              {busy ? 'Sparar…' : 'Spara'}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              Avbryt
            </button>
          </div>
        </div>
      )}
      {message && (
        <p className={message.kind === 'ok' ? 'notice' : 'error-box'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </div>
  );
}

/** The campaign's published figures, each with its overall estimates. */
export function PublishedFiguresSection({ campaignId }: { campaignId: string }) {
  const id = useId();
  const base = `/api/campaigns/${encodeURIComponent(campaignId)}/published-figures`;
  const list = useApi<PublishedFiguresSummary[]>(base);
  const [shown, setShown] = useState<PublishedFigures>();
  const [error, setError] = useState<string>();
  const show = async (figuresId: string) => {
    try {
      setShown(await api<PublishedFigures>('GET', `${base}/${encodeURIComponent(figuresId)}`));
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <section className="panel" aria-labelledby={`${id}-heading`} data-testid="published-figures">
      <h2 id={`${id}-heading`}>Publicerade siffror</h2>
      <p>Siffror som en rapport har använt sparas här och finns kvar när svaren gallras. De sparas från analysen (Rapport för nämnden).</p>
      {list.state === 'ready' && list.data.length === 0 && <p className="muted">Inga publicerade siffror ännu.</p>}
      {list.state === 'error' && <p className="error-box">{list.message}</p>}
      {list.state === 'ready' && list.data.length > 0 && (
        <ul className="download-list">
          {list.data.map((f) => (
            <li key={f.id}>
              <button type="button" className="link-button" onClick={() => void show(f.id)}>
                {f.title}
              </button>{' '}
              <span className="muted">
                ({f.publishedOn}
                {f.publishedBy ? `, ${f.publishedBy}` : ''})
              </span>
            </li>
          ))}
        </ul>
      )}
      {error && <p className="error-box">{error}</p>}
      {shown && (
        <div className="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
          <table className="data-table compact">
            <caption id={`${id}-caption`}>{shown.title}</caption>
            <thead>
              <tr>
                <th scope="col">Indikator</th>
                <th scope="col">Grupp</th>
                <th scope="col">Andel (95 % KI)</th>
              </tr>
            </thead>
            <tbody>
              {shown.figures.estimates.map((e) => {
                const info = shown.figures.meta.indicators.find((i) => i.id === e.indicator);
                return (
                  <tr key={`${e.indicator}-${JSON.stringify(e.domain)}`}>
                    <td>{info ? textFor(info.label) : e.indicator}</td>
                    <td>{domainLabel(e.domain, shown.figures.meta.areas)}</td>
                    <td>{e.suppressed || e.proportion === null || !e.ci ? 'redovisas inte (för få)' : `${percent(e.proportion)} (${percentInterval(e.ci)})`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
