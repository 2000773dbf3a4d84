import { useEffect, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api';
import { BASE, Link, navigate } from '../router';
import { useSession } from '../session';
import { useApi } from '../useApi';
import type { ScreeningListItem } from '../../../contracts/screening';
import { formatDate, localToday, VERKSAMHET_LABELS } from './screening-api';
import './screening.css';
import type { CreatedResponse } from '../../../contracts/common';
import type { KommunSettings } from '../../../contracts/admin';

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

interface UnitChoice {
  verksamhet: string;
  enhet: string;
  selected: boolean;
  /** The choice's label: the verksamhet for the standard list, the unit's name for the kommun's own. */
  label: string;
}

/**
 * The kommun's registered units, checked, then the standard verksamheter that
 * none of them covers (checked only when the kommun has no units of its own).
 */
function unitChoices(registered: readonly { verksamhet: string; enhet: string }[]): UnitChoice[] {
  const own = registered.map(({ verksamhet, enhet }) => ({ verksamhet, enhet, selected: true, label: enhet }));
  const covered = new Set(registered.map((unit) => unit.verksamhet));
  const standard = DEFAULT_UNITS.filter((verksamhet) => !covered.has(verksamhet)).map((verksamhet) => ({
    verksamhet,
    enhet: VERKSAMHET_LABELS[verksamhet],
    selected: own.length === 0,
    label: VERKSAMHET_LABELS[verksamhet],
  }));
  return [...own, ...standard];
}

function CreateScreeningForm() {
  const defaults = nextMonth();
  const [title, setTitle] = useState('Kartläggningsmånad');
  const [kind, setKind] = useState<'screening' | 'inventering'>('screening');
  const [periodStart, setStart] = useState(defaults.start);
  const [periodEnd, setEnd] = useState(defaults.end);
  const { me } = useSession();
  const analystKommuner = me.kommuner.filter((k) => me.roles.some((r) => r.role === 'analyst' && r.kommunkod === k.kod));
  const [kommunkod, setKommunkod] = useState(analystKommuner[0]?.kod ?? '');
  const [units, setUnits] = useState<UnitChoice[]>(() => unitChoices([]));
  useEffect(() => {
    if (!kommunkod) return;
    let cancelled = false;
    // The kommun's own units (Administration, or earlier months) come first; a failed lookup keeps the standard list.
    api<KommunSettings>('GET', `/api/kommuner/${encodeURIComponent(kommunkod)}/settings`).then(
      (settings) => !cancelled && setUnits(unitChoices(settings.units)),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [kommunkod]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const chosen = units.filter((unit) => unit.selected).map(({ verksamhet, enhet }) => ({ verksamhet, enhet: enhet.trim() }));
      const { id } = await api<CreatedResponse>('POST', '/api/screening', {
        title,
        templateId: kind,
        periodStart,
        periodEnd,
        units: chosen,
        ...(kommunkod ? { kommunkod } : {}),
      });
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
        {analystKommuner.length > 1 && (
          <div className="field">
            <label htmlFor="screening-kommun">Kommun</label>
            <select id="screening-kommun" value={kommunkod} onChange={(e) => setKommunkod(e.target.value)}>
              {analystKommuner.map((k) => (
                <option key={k.kod} value={k.kod}>
                  {k.namn}
                </option>
              ))}
            </select>
          </div>
        )}
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
                {`Ta med ${unit.label}`}
              </label>
              <span className="unit-verksamhet">{VERKSAMHET_LABELS[unit.verksamhet] ?? unit.verksamhet}</span>
              <input
                aria-label={`Enhetens namn (${unit.label})`}
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
