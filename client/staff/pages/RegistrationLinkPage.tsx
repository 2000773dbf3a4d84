import { useEffect, useState, type FormEvent } from 'react';
import { BASE, type Match } from '../router';
import './screening.css';

interface LinkInfo {
  campaignTitle: string;
  enhet: string;
  open: boolean;
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ ok: boolean; status: number; data: T & { error?: { message?: string } } }> {
  try {
    const response = await fetch(path, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const data = (await response.json().catch(() => ({}))) as T & { error?: { message?: string } };
    return { ok: response.ok, status: response.status, data };
  } catch {
    return { ok: false, status: 0, data: { error: { message: 'Det gick inte att nå servern. Kontrollera anslutningen.' } } as T & { error: { message: string } } };
  }
}

/**
 * A unit's registration link (/arbetsyta/registrera/<token>): asks for the
 * unit's PIN and opens a short-lived session scoped to that unit. Reachable
 * without logging in. Uses its own fetch so that a wrong PIN (401) never
 * logs out a signed-in user.
 */
export function RegistrationLinkPage({ match }: { match: Match }) {
  const token = match.params.token;
  const [info, setInfo] = useState<LinkInfo>();
  const [loadError, setLoadError] = useState<string>();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call<LinkInfo>('GET', `/api/screening-link/${encodeURIComponent(token)}`).then((result) =>
      result.ok ? setInfo(result.data) : setLoadError(result.data.error?.message ?? 'Länken är inte giltig.'),
    );
  }, [token]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const result = await call<{ campaignId: string }>('POST', `/api/screening-link/${encodeURIComponent(token)}/session`, { pin: pin.trim() });
    if (result.ok) {
      // A full load, so the workspace starts with the new unit session.
      location.assign(`${BASE}/kartlaggning/${result.data.campaignId}/registrera`);
      return;
    }
    setError(result.data.error?.message ?? 'PIN-koden kunde inte kontrolleras.');
    setPin('');
    setBusy(false);
  };

  return (
    <main id="main" className="login-page">
      <div className="login-card">
        <h1>Registrera kontakter</h1>
        {loadError && (
          <p className="error-box" role="alert">
            {loadError}
          </p>
        )}
        {info && (
          <>
            <p>
              <strong>{info.enhet}</strong>
              <br />
              <span className="muted">{info.campaignTitle}</span>
            </p>
            {!info.open ? (
              <p className="error-box">Kartläggningen är stängd.</p>
            ) : (
              <form className="form" onSubmit={onSubmit} data-testid="pin-form">
                <div className="field">
                  <label htmlFor="pin">Enhetens PIN-kod</label>
                  <input
                    id="pin"
                    inputMode="numeric"
                    autoComplete="off"
                    pattern="[0-9]{6,8}"
                    maxLength={8}
                    required
                    value={pin}
                    onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
                  />
                </div>
                {error && (
                  <p className="error-box" role="alert" data-testid="pin-error">
                    {error}
                  </p>
                )}
                <button type="submit" className="primary" disabled={busy}>
                  Fortsätt
                </button>
                <p className="hint">Du loggas ut automatiskt efter en arbetsdag. Fråga den som samordnar kartläggningen om du saknar PIN-kod.</p>
              </form>
            )}
          </>
        )}
      </div>
    </main>
  );
}
