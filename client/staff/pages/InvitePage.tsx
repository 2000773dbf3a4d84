import { useEffect, useId, useState, type FormEvent } from 'react';
import type { InviteInfo, LoginResponse } from '../../../contracts/auth';
import { api, errorMessage } from '../api';
import { navigate } from '../router';

/** `/arbetsyta/inbjudan/:token`: an invited person chooses a password and is logged in. The link works once. */
export function InvitePage({ token, onLoggedIn }: { token: string; onLoggedIn: (login: LoginResponse) => Promise<void> }) {
  const id = useId();
  const [info, setInfo] = useState<InviteInfo>();
  const [loadError, setLoadError] = useState<string>();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<InviteInfo>('GET', `/api/auth/invite/${encodeURIComponent(token)}`, undefined, { keepSession: true }).then(setInfo, (caught: unknown) =>
      setLoadError(errorMessage(caught)),
    );
  }, [token]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < 12) return setError('Lösenordet behöver minst 12 tecken.');
    if (password !== repeat) return setError('Lösenorden är inte lika.');
    setBusy(true);
    setError(undefined);
    try {
      const login = await api<LoginResponse>('POST', `/api/auth/invite/${encodeURIComponent(token)}`, { password }, { keepSession: true });
      // The token leaves the address bar and the history entry before anything else.
      navigate('/arbetsyta/', { replace: true });
      await onLoggedIn(login);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login-page">
      <div className="login-card" data-testid="invite-page">
        <h1>Välkommen</h1>
        {loadError && (
          <p className="error-box" role="alert" data-testid="invite-error">
            {loadError}
          </p>
        )}
        {!info && !loadError && <p role="status">Hämtar inbjudan…</p>}
        {info && (
          <>
            <p>
              Du har bjudits in till arbetsytan för kartläggning av våld i nära relationer som <strong>{info.displayName}</strong> ({info.email}). Välj ett
              lösenord för att logga in.
            </p>
            <form className="form" onSubmit={(event) => void submit(event)} noValidate>
              <input type="email" autoComplete="username" value={info.email} readOnly hidden />
              <div className="field">
                <label htmlFor={`${id}-password`}>Nytt lösenord (minst 12 tecken)</label>
                <input id={`${id}-password`} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="invite-password" />
              </div>
              <div className="field">
                <label htmlFor={`${id}-repeat`}>Samma lösenord igen</label>
                <input id={`${id}-repeat`} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} data-testid="invite-repeat" />
              </div>
              {error && (
                <p className="error-box" role="alert">
                  {error}
                </p>
              )}
              <button type="submit" className="primary" disabled={busy} data-testid="invite-accept">
                {busy ? 'Sparar…' : 'Spara lösenordet och logga in'}
              </button>
            </form>
          </>
        )}
      </div>
    </main>
  );
}
