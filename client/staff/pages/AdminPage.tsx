/**
 * Administration (`/arbetsyta/admin`): which kommun the installation serves
 * (asked once), each kommun's settings, and the accounts with their roles.
 * Every change is written to the audit log by the server.
 */
import { useEffect, useId, useState } from 'react';
import type { KommunInfo, SetupStatus } from '../../../contracts/admin';
import { AccountsPanel } from '../components/admin/AccountsPanel';
import { AdminTabs } from '../components/admin/AdminTabs';
import { KommunSettingsPanel } from '../components/admin/KommunSettingsPanel';
import { SetupPanel } from '../components/admin/SetupPanel';
import '../components/fieldwork.css';
import './admin.css';
import type { Match } from '../router';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { formatDateTime } from './admin-api';

export function AdminPage(_props: { match: Match }) {
  const { me, refresh } = useSession();
  const setup = useApi<SetupStatus>('/api/admin/setup');
  const all = useApi<KommunInfo[]>('/api/admin/kommuner');
  const [status, setStatus] = useState<SetupStatus>();
  const [kommunkod, setKommunkod] = useState<string>();
  const id = useId();
  const loaded = setup.state === 'ready' ? setup.data : undefined;
  useEffect(() => {
    if (loaded) setStatus(loaded);
  }, [loaded]);
  useEffect(() => {
    if (status && !kommunkod) setKommunkod(status.kommuner.find((k) => !k.isDemo)?.kod ?? status.kommuner[0]?.kod);
  }, [status, kommunkod]);

  if (!me.roles.some((r) => r.role === 'admin')) {
    return (
      <section>
        <h1>Administration</h1>
        <p className="error-box" role="alert">
          Sidan är bara för administratörer.
        </p>
      </section>
    );
  }
  if (setup.state === 'error' || all.state === 'error') {
    return (
      <p className="error-box" role="alert">
        {setup.state === 'error' ? setup.message : all.state === 'error' ? all.message : ''}
      </p>
    );
  }
  if (!status || all.state !== 'ready') return <p role="status">Hämtar administrationen…</p>;

  return (
    <div className="admin-page">
      <h1>Administration</h1>
      <AdminTabs />
      {status.configured ? (
        <p className="installation-line" data-testid="installation">
          Installationen gäller <strong>{status.namn}</strong>
          {status.scope === 'lan' ? ' (län)' : ''}, vald {formatDateTime(status.configuredAt)}. Demokommunen finns kvar för övning.
        </p>
      ) : (
        <SetupPanel
          onDone={(done) => {
            setStatus(done);
            setKommunkod(done.kommuner.find((k) => !k.isDemo)?.kod);
            void refresh();
          }}
        />
      )}
      {kommunkod && (
        <section aria-labelledby={`${id}-kommun`}>
          <div className="page-heading">
            <h2 id={`${id}-kommun`}>Kommunens inställningar</h2>
            {status.kommuner.length > 1 && (
              <div className="field inline">
                <label htmlFor={`${id}-pick`}>Kommun</label>
                <select id={`${id}-pick`} value={kommunkod} onChange={(e) => setKommunkod(e.target.value)} data-testid="settings-kommun">
                  {status.kommuner.map((k) => (
                    <option key={k.kod} value={k.kod}>
                      {k.namn}
                      {k.isDemo ? ' – DEMO' : ''}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>
          <KommunSettingsPanel kommunkod={kommunkod} />
        </section>
      )}
      <section aria-labelledby={`${id}-accounts`}>
        <h2 id={`${id}-accounts`} className="section-heading">
          Konton och roller
        </h2>
        <AccountsPanel kommuner={status.kommuner} allKommuner={all.data} defaultKommun={kommunkod ?? me.user.kommunkod} />
      </section>
    </div>
  );
}
