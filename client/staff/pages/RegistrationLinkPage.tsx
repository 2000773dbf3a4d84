import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { BASE, type Match } from '../router';
import type { UnitLink, UnitLinkSession } from '../../../contracts/screening';
import './screening.css';

/** The server's message, the network message, or `fallback`. */
function messageOf(error: unknown, fallback: string): string {
  if (!(error instanceof ApiError)) return fallback;
  return error.serverMessage ?? (error.status === 0 ? error.message : fallback);
}

/**
 * A unit's registration link (/arbetsyta/registrera/<token>): asks for the
 * unit's PIN and opens a short-lived session scoped to that unit. Reachable
 * without logging in. A wrong PIN (401) never logs out a signed-in user (`keepSession`).
 */
export function RegistrationLinkPage({ match }: { match: Match }) {
  const token = match.params.token;
  const [info, setInfo] = useState<UnitLink>();
  const [loadError, setLoadError] = useState<string>();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<UnitLink>('GET', `/api/screening-link/${encodeURIComponent(token)}`, undefined, { keepSession: true }).then(setInfo, (error: unknown) =>
      setLoadError(messageOf(error, 'Länken är inte giltig.')),
    );
  }, [token]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await api<UnitLinkSession>('POST', `/api/screening-link/${encodeURIComponent(token)}/session`, { pin: pin.trim() }, { keepSession: true });
      // A full load, so the workspace starts with the new unit session.
      location.assign(`${BASE}/kartlaggning/${session.campaignId}/registrera`);
      return;
    } catch (caught) {
      setError(messageOf(caught, 'PIN-koden kunde inte kontrolleras.'));
    }
    setPin('');
    setBusy(false);
  };

  return (
    <main id="main" className="login-page">
      <div className="login-card">
        <h1>{info?.form === 'inventory' ? 'Rapportera antal' : 'Registrera kontakter'}</h1>
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
