/**
 * The audit log (`/arbetsyta/admin/logg`) for the admin and the
 * dataskyddsombud: who did what, when, in which kommun, and why microdata
 * were exported. Filters by action, account, kommun and period; downloads as CSV.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { AdminUser, AuditEntry, AuditLog, SetupStatus } from '../../../contracts/admin';
import { api, apiText, downloadText, errorMessage } from '../api';
import { AdminTabs } from '../components/admin/AdminTabs';
import '../components/fieldwork.css';
import './admin.css';
import type { Match } from '../router';
import { useApi } from '../useApi';
import { actionLabel, entryPurpose, entrySubject, formatDateTime } from './admin-api';

interface Filter {
  action: string;
  userId: string;
  kommunkod: string;
  from: string;
  to: string;
}

const EMPTY: Filter = { action: '', userId: '', kommunkod: '', from: '', to: '' };

function query(filter: Filter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra })) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function AuditLogPage(_props: { match: Match }) {
  const id = useId();
  const actions = useApi<string[]>('/api/admin/audit/actions');
  const users = useApi<AdminUser[]>('/api/admin/users');
  const setup = useApi<SetupStatus>('/api/admin/setup');
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [entries, setEntries] = useState<AuditEntry[]>();
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(async (wanted: Filter, before?: number) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await api<AuditLog>('GET', `/api/admin/audit${query(wanted, { limit: '100', ...(before ? { before: String(before) } : {}) })}`);
      setEntries((current) => (before && current ? [...current, ...page.entries] : [...page.entries]));
      setNextBefore(page.nextBefore);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(filter);
  }, [filter, load]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter(draft);
  };
  const download = async () => {
    try {
      const csv = await apiText('GET', `/api/admin/audit.csv${query(filter)}`);
      downloadText(csv.text, csv.fileName ?? 'granskningslogg.csv');
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  const kommuner = setup.state === 'ready' ? setup.data.kommuner : [];

  return (
    <div className="admin-page">
      <h1>Granskningslogg</h1>
      <AdminTabs />
      <p>
        Varje inloggning, ändring av konton och roller, export och gallring skrivs här, med vem som gjorde det och när. Vid export av svar på individnivå
        visas syftet som analytikern angav. Loggen visar aldrig vad någon svarade.
      </p>
      <form className="panel form audit-filter" onSubmit={apply} aria-labelledby={`${id}-filter`} data-testid="audit-filter">
        <h2 id={`${id}-filter`}>Urval</h2>
        <div className="field-grid">
          <div className="field">
            <label htmlFor={`${id}-action`}>Händelse</label>
            <select id={`${id}-action`} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} data-testid="audit-action">
              <option value="">Alla händelser</option>
              {(actions.state === 'ready' ? actions.data : []).map((action) => (
                <option key={action} value={action}>
                  {actionLabel(action)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-user`}>Konto</label>
            <select id={`${id}-user`} value={draft.userId} onChange={(e) => setDraft({ ...draft, userId: e.target.value })} data-testid="audit-user">
              <option value="">Alla konton</option>
              {(users.state === 'ready' ? users.data.filter((u) => u.kind === 'staff') : []).map((user) => (
                <option key={user.id} value={user.id}>
                  {user.displayName} ({user.email})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-kommun`}>Kommun</label>
            <select id={`${id}-kommun`} value={draft.kommunkod} onChange={(e) => setDraft({ ...draft, kommunkod: e.target.value })}>
              <option value="">Alla kommuner</option>
              {kommuner.map((k) => (
                <option key={k.kod} value={k.kod}>
                  {k.namn}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-from`}>Från och med</label>
            <input id={`${id}-from`} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>Till och med</label>
            <input id={`${id}-to`} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </div>
        </div>
        <div className="button-row">
          <button type="submit" className="primary" data-testid="audit-apply">
            Visa
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setDraft(EMPTY);
              setFilter(EMPTY);
            }}
          >
            Rensa urvalet
          </button>
          <button type="button" className="secondary" onClick={() => void download()} data-testid="audit-csv">
            Ladda ner som CSV
          </button>
        </div>
      </form>
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      {entries && (
        <div className="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
          <table className="data-table compact audit-table stacked-table" data-testid="audit-table">
            <caption id={`${id}-caption`}>{entries.length === 0 ? 'Inga händelser i urvalet' : `${entries.length}${nextBefore ? '+' : ''} händelser, de senaste först`}</caption>
            <thead>
              <tr>
                <th scope="col">Tid</th>
                <th scope="col">Konto</th>
                <th scope="col">Kommun</th>
                <th scope="col">Händelse</th>
                <th scope="col">Vad</th>
                <th scope="col">Syfte</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
                  <td>
                    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  </td>
                  <td data-label="Konto">{entry.email ?? (entry.userId ? 'borttaget konto' : 'systemet')}</td>
                  <td data-label="Kommun">{kommuner.find((k) => k.kod === entry.kommunkod)?.namn ?? entry.kommunkod ?? '–'}</td>
                  <td data-label="Händelse">{actionLabel(entry.action)}</td>
                  <td data-label="Vad">{entrySubject(entry)}</td>
                  <td data-label="Syfte">{entryPurpose(entry)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loading && <p role="status">Hämtar…</p>}
      {nextBefore !== null && !loading && (
        <div className="button-row load-more">
          <button type="button" className="secondary" onClick={() => void load(filter, nextBefore)}>
            Visa fler
          </button>
        </div>
      )}
    </div>
  );
}
