import { useId, useMemo, useState, type FormEvent } from 'react';
import type { KommunInfo, SetupStatus } from '../../../../contracts/admin';
import { api, errorMessage } from '../../api';
import { useApi } from '../../useApi';

/**
 * First start: the admin says once which kommun (or län) the installation
 * serves. The answer makes the admin an analyst there (county viewer for a
 * län); the demo kommun stays.
 */
export function SetupPanel({ onDone }: { onDone: (status: SetupStatus) => void }) {
  const kommuner = useApi<KommunInfo[]>('/api/admin/kommuner');
  const formId = useId();
  const [scope, setScope] = useState<'kommun' | 'lan'>('kommun');
  const [kommunkod, setKommunkod] = useState('');
  const [lanKod, setLanKod] = useState('');
  const [microdata, setMicrodata] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const real = useMemo(() => (kommuner.state === 'ready' ? kommuner.data.filter((k) => !k.isDemo) : []), [kommuner]);
  const lan = useMemo(() => [...new Map(real.map((k) => [k.lanKod, k.lanNamn])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'sv')), [real]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = scope === 'kommun' ? { kommunkod, microdataExport: microdata } : { lanKod };
    if ((scope === 'kommun' && !kommunkod) || (scope === 'lan' && !lanKod)) return setError(scope === 'kommun' ? 'Välj kommunen.' : 'Välj länet.');
    setBusy(true);
    setError(undefined);
    try {
      onDone(await api<SetupStatus>('POST', '/api/admin/setup', body));
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <section className="panel setup-panel" aria-labelledby={`${formId}-heading`} data-testid="setup-panel">
      <h2 id={`${formId}-heading`}>Vilken kommun gäller installationen?</h2>
      <p>
        Välj en gång vilken kommun (eller vilket län) den här installationen tjänar. Du blir analytiker i kommunen; en länsinstallation gör dig till
        länsbetraktare. Demokommunen finns kvar, märkt som demo, för att öva.
      </p>
      {kommuner.state === 'loading' && <p role="status">Hämtar kommuner…</p>}
      {kommuner.state === 'error' && (
        <p className="error-box" role="alert">
          {kommuner.message}
        </p>
      )}
      {kommuner.state === 'ready' && (
        <form className="form" onSubmit={(event) => void submit(event)} noValidate>
          <fieldset>
            <legend>Installationen gäller</legend>
            <label className="check">
              <input type="radio" name={`${formId}-scope`} checked={scope === 'kommun'} onChange={() => setScope('kommun')} />
              <span>en kommun</span>
            </label>
            <label className="check">
              <input type="radio" name={`${formId}-scope`} checked={scope === 'lan'} onChange={() => setScope('lan')} />
              <span>ett län (länsstyrelsen jämför länets kommuner)</span>
            </label>
          </fieldset>
          {scope === 'kommun' ? (
            <>
              <div className="field short">
                <label htmlFor={`${formId}-kommun`}>Kommun</label>
                <select id={`${formId}-kommun`} value={kommunkod} onChange={(e) => setKommunkod(e.target.value)} data-testid="setup-kommun">
                  <option value="">Välj kommun…</option>
                  {real.map((k) => (
                    <option key={k.kod} value={k.kod}>
                      {k.namn} ({k.kod})
                    </option>
                  ))}
                </select>
              </div>
              <label className="check">
                <input type="checkbox" checked={microdata} onChange={(e) => setMicrodata(e.target.checked)} />
                <span>Ge mig också rätt att exportera svar på individnivå (mikrodata)</span>
              </label>
            </>
          ) : (
            <div className="field short">
              <label htmlFor={`${formId}-lan`}>Län</label>
              <select id={`${formId}-lan`} value={lanKod} onChange={(e) => setLanKod(e.target.value)}>
                <option value="">Välj län…</option>
                {lan.map(([kod, namn]) => (
                  <option key={kod} value={kod}>
                    {namn}
                  </option>
                ))}
              </select>
            </div>
          )}
          {error && (
            <p className="error-box" role="alert">
              {error}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="primary" disabled={busy} data-testid="setup-save">
              {busy ? 'Sparar…' : 'Spara valet'}
            </button>
            <span className="hint">Valet görs en gång och skrivs i granskningsloggen.</span>
          </div>
        </form>
      )}
    </section>
  );
}
