import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api';
import { BASE, Link, navigate } from '../router';
import { useSession } from '../session';
import { useApi } from '../useApi';
import type { ScreeningListItem } from '../../../contracts/screening';
import { formatDate, localToday, VERKSAMHET_LABELS } from './screening-api';
import './screening.css';
import type { CreatedResponse } from '../../../contracts/common';

const statusLabels: Record<ScreeningListItem['status'], string> = { draft: 'Utkast', open: 'Pågår', closed: 'Stängd', archived: 'Arkiverad' };

/** Screening months the user may see; analysts can start a new one. */
export function ScreeningListPage() {
  const { me } = useSession();
  const list = useApi<ScreeningListItem[]>('/api/screening');
  const isAnalyst = me.roles.some((role) => role.role === 'analyst');
  return (
    <>
      <h1>Kartläggningsmånad</h1>
      <p className="lead">
        Under en kartläggningsmånad frågar personalen alla klienter om våld i nära relationer och registrerar varje kontakt, utan namn eller
        personnummer.
      </p>
      {list.state === 'loading' && <p role="status">Hämtar…</p>}
      {list.state === 'error' && (
        <p className="error-box" role="alert">
          {list.message}
        </p>
      )}
      {list.state === 'ready' && list.data.length === 0 && <p>Det finns ingen kartläggningsmånad ännu.</p>}
      {list.state === 'ready' && list.data.length > 0 && (
        <ul className="screening-list" data-testid="screening-list">
          {list.data.map((item) => (
            <li key={item.id} className="screening-card">
              <div>
                <Link to={`${BASE}/kartlaggning/${item.id}`} className="screening-card-title">
                  {item.title}
                </Link>
                <div className="muted">
                  {formatDate(item.periodStart)} – {formatDate(item.periodEnd)} · {statusLabels[item.status]}
                </div>
              </div>
              {item.status === 'open' && item.form === 'contacts' && (
                <Link to={`${BASE}/kartlaggning/${item.id}/registrera`} className="button-link primary" data-testid="register-link">
                  Registrera kontakt
                </Link>
              )}
              {item.status === 'open' && item.form === 'inventory' && (
                <Link to={`${BASE}/kartlaggning/${item.id}/inventera`} className="button-link primary" data-testid="inventory-link">
                  Rapportera antal
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
      {isAnalyst && <CreateScreeningForm />}
    </>
  );
}

const DEFAULT_UNITS = ['forsorjningsstod', 'mottagning', 'barn_och_unga', 'vuxen', 'oppenvard', 'aldreomsorg', 'lss'];

function nextMonth(): { start: string; end: string } {
  const today = localToday();
  const [year, month] = today.split('-').map(Number);
  const nextYear = month === 12 ? year + 1 : year;
  const next = month === 12 ? 1 : month + 1;
  const last = new Date(nextYear, next, 0).getDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { start: `${nextYear}-${pad(next)}-01`, end: `${nextYear}-${pad(next)}-${pad(last)}` };
}

function CreateScreeningForm() {
  const defaults = nextMonth();
  const [title, setTitle] = useState('Kartläggningsmånad');
  const [kind, setKind] = useState<'screening' | 'inventering'>('screening');
  const [periodStart, setStart] = useState(defaults.start);
  const [periodEnd, setEnd] = useState(defaults.end);
  const [units, setUnits] = useState<{ verksamhet: string; enhet: string; selected: boolean }[]>(
    DEFAULT_UNITS.map((verksamhet) => ({ verksamhet, enhet: VERKSAMHET_LABELS[verksamhet], selected: true })),
  );
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const chosen = units.filter((unit) => unit.selected).map(({ verksamhet, enhet }) => ({ verksamhet, enhet: enhet.trim() }));
      const { id } = await api<CreatedResponse>('POST', '/api/screening', { title, templateId: kind, periodStart, periodEnd, units: chosen });
      navigate(`${BASE}/kartlaggning/${id}`);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="create-screening">
      <h2 id="create-screening">Starta en kartläggningsmånad</h2>
      <form className="form" onSubmit={onSubmit} data-testid="create-screening">
        <fieldset className="field">
          <legend>Vad ska enheterna göra?</legend>
          <label className="check">
            <input type="radio" name="screening-kind" checked={kind === 'screening'} onChange={() => setKind('screening')} />{' '}
            <span>
              <strong>Fråga alla klienter</strong> och registrera varje kontakt (FREDA-kortfrågor)
            </span>
          </label>
          <label className="check">
            <input
              type="radio"
              name="screening-kind"
              checked={kind === 'inventering'}
              onChange={() => {
                setKind('inventering');
                if (title === 'Kartläggningsmånad') setTitle('Inventering av kända fall');
              }}
              data-testid="kind-inventory"
            />{' '}
            <span>
              <strong>Inventering</strong>: varje enhet rapporterar en gång hur många barn och vuxna de känner till som bevittnat, utsatts för
              eller utövat våld, efter kön och ålder (bara antal)
            </span>
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="screening-title">Namn</label>
          <input id="screening-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="period-start">Första dag</label>
            <input id="period-start" type="date" value={periodStart} onChange={(e) => setStart(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor="period-end">Sista dag</label>
            <input id="period-end" type="date" value={periodEnd} onChange={(e) => setEnd(e.target.value)} required />
          </div>
        </div>
        <fieldset className="field">
          <legend>Deltagande enheter</legend>
          {units.map((unit, i) => (
            <div key={unit.verksamhet + i} className="unit-choice">
              <input
                type="checkbox"
                id={`unit-${i}`}
                checked={unit.selected}
                onChange={(e) => setUnits(units.map((u, j) => (j === i ? { ...u, selected: e.target.checked } : u)))}
              />
              <label htmlFor={`unit-${i}`} className="visually-hidden">
                {`Ta med ${VERKSAMHET_LABELS[unit.verksamhet]}`}
              </label>
              <span className="unit-verksamhet">{VERKSAMHET_LABELS[unit.verksamhet]}</span>
              <input
                aria-label={`Enhetens namn (${VERKSAMHET_LABELS[unit.verksamhet]})`}
                value={unit.enhet}
                maxLength={80}
                disabled={!unit.selected}
                onChange={(e) => setUnits(units.map((u, j) => (j === i ? { ...u, enhet: e.target.value } : u)))}
              />
            </div>
          ))}
        </fieldset>
        {error && (
          <p className="error-box" role="alert">
            {error}
          </p>
        )}
        <div>
          <button type="submit" className="primary" disabled={busy}>
            Skapa
          </button>
        </div>
      </form>
    </section>
  );
}
