import { useId, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api';
import '../components/fieldwork.css';
import type { Match } from '../router';
import { roleLabels, useSession } from '../session';

/** `/arbetsyta/konto`: one's own account; change the password (other sessions end). */
export function AccountPage(_props: { match: Match }) {
  const { me } = useSession();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next.length < 12) return setMessage({ kind: 'error', text: 'Det nya lösenordet behöver minst 12 tecken.' });
    if (next !== repeat) return setMessage({ kind: 'error', text: 'De nya lösenorden är inte lika.' });
    setBusy(true);
    try {
      await api('POST', '/api/auth/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setRepeat('');
      setMessage({ kind: 'ok', text: 'Lösenordet är bytt. Andra inloggningar med ditt konto har avslutats.' });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Mitt konto</h1>
      <section className="panel narrow" aria-labelledby={`${id}-who`}>
        <h2 id={`${id}-who`}>{me.user.displayName}</h2>
        <p>
          {me.user.email}. Roller: {[...new Set(me.roles.map((r) => roleLabels[r.role] ?? r.role))].join(', ') || 'inga'}.
        </p>
      </section>
      <form className="panel narrow form" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-heading`} noValidate>
        <h2 id={`${id}-heading`}>Byt lösenord</h2>
        <input type="email" autoComplete="username" value={me.user.email} readOnly hidden />
        <div className="field">
          <label htmlFor={`${id}-current`}>Nuvarande lösenord</label>
          <input id={`${id}-current`} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-next`}>Nytt lösenord (minst 12 tecken)</label>
          <input id={`${id}-next`} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-repeat`}>Nytt lösenord igen</label>
          <input id={`${id}-repeat`} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        </div>
        {message && (
          <p className={message.kind === 'ok' ? 'notice' : 'error-box'} role={message.kind === 'ok' ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Byter…' : 'Byt lösenord'}
          </button>
        </div>
      </form>
    </>
  );
}
