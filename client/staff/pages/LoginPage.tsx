import { useState, type FormEvent } from 'react';
import type { LoginResponse } from '../../../contracts/auth';
import { api, errorMessage } from '../api';

export function LoginPage({
  onLoggedIn,
  notice,
}: {
  onLoggedIn: (login: LoginResponse) => Promise<void>;
  notice?: string;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const login = await api<LoginResponse>('POST', '/api/auth/login', { email: email.trim(), password });
      await onLoggedIn(login);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login-page">
      <div className="login-card">
        {notice && (
          <p className="notice" role="status" data-testid="login-notice">
            {notice}
          </p>
        )}
        <h1>Logga in</h1>
        <p className="muted">Arbetsyta för kartläggning av våld i nära relationer.</p>
        <form onSubmit={onSubmit} className="form">
          <div className="field">
            <label htmlFor="email">E-postadress</label>
            <input
              id="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="password">Lösenord</label>
            <input
              id="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          {error && (
            <p className="error-box" role="alert" data-testid="login-error">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Loggar in…' : 'Logga in'}
          </button>
        </form>
      </div>
    </main>
  );
}
