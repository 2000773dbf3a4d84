import { useState } from 'react';
import { api, errorMessage } from '../api';
import { CampaignFrame } from '../components/CampaignFrame';
import { ConfirmDialog } from '../components/ConfirmDialog';
import type { Match } from '../router';
import { useSession } from '../session';
import type { CampaignDetail, DeletedCodes } from '../../../contracts/fieldwork';
import { count } from './fieldwork-api';

export function DataPage({ match }: { match: Match }) {
  return (
    <CampaignFrame id={match.params.id} heading="Data">
      {(campaign, reload) => <Data campaign={campaign} reload={reload} />}
    </CampaignFrame>
  );
}

function Data({ campaign, reload }: { campaign: CampaignDetail; reload: () => Promise<void> }) {
  const { me } = useSession();
  const base = `/api/campaigns/${encodeURIComponent(campaign.id)}`;
  const canExport = me.roles.some(
    (r) => r.role === 'analyst' && r.kommunkod === campaign.kommunkod && (r as { microdataExport?: boolean }).microdataExport === true,
  );
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const closed = campaign.status === 'closed' || campaign.status === 'archived';

  const deleteCodes = async () => {
    setBusy(true);
    try {
      const result = await api<DeletedCodes>('POST', `${base}/delete-codes`);
      setMessage({ kind: 'ok', text: `${count(result.deleted)} koder är raderade. Svaren och antalen per stratum finns kvar.` });
      setConfirming(false);
      await reload();
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <section className="panel" aria-labelledby="export-heading">
        <h2 id="export-heading">Exportera svaren</h2>
        <p>
          Svaren finns i {count(campaign.counts.responses)} rader, en per respondent, utan koppling till koder eller brev. Analysfilen (CSV)
          har stratum, viktvariabler och en kolumn 0/1 per indikator och går direkt in i analysverktyget (<code>npm run analyze</code>)
          tillsammans med befolkningsfilen.
        </p>
        {!canExport && (
          <p className="warning-box" data-testid="no-export-right">
            Export av svar på individnivå (mikrodata) kräver en särskild behörighet som du inte har. Be kommunens administratör om den.
          </p>
        )}
        <p className="muted">Varje export skrivs i granskningsloggen med ditt namn och tidpunkt.</p>
        <ul className="download-list">
          <li>
            <a href={`${base}/responses.csv`} download className={canExport ? undefined : 'disabled-link'} aria-disabled={!canExport || undefined} data-testid="export-csv">
              Svar för analys (CSV)
            </a>
          </li>
          <li>
            <a href={`${base}/responses`} download={`svar-${campaign.id.slice(0, 8)}.json`} className={canExport ? undefined : 'disabled-link'} aria-disabled={!canExport || undefined} data-testid="export-json">
              Alla svar (JSON)
            </a>
          </li>
          <li>
            <a href={`${base}/population-strata.csv`} download data-testid="export-strata">
              Befolkning per stratum (CSV, antal N<sub>h</sub> från urvalsramen)
            </a>
          </li>
        </ul>
      </section>

      <section className="panel" aria-labelledby="codes-heading">
        <h2 id="codes-heading">Radera koderna</h2>
        <p>
          När insamlingen är klar behövs koderna inte längre. Radera dem för att minimera uppgifterna: efter det finns inget som kopplar ett
          brev till ett stratum eller ett svar, och inga fler svar (inte heller på papper) kan registreras. Antalet brev och svar per
          stratum sparas för bortfallsredovisningen.
        </p>
        {campaign.codesDeletedOn ? (
          <p className="notice" data-testid="codes-deleted">
            Koderna raderades {campaign.codesDeletedOn}.
          </p>
        ) : (
          <>
            {!closed && <p className="muted">Koderna kan raderas när insamlingen är stängd.</p>}
            <div className="button-row">
              <button type="button" className="danger" disabled={!closed} onClick={() => setConfirming(true)} data-testid="delete-codes">
                Radera alla koder…
              </button>
            </div>
          </>
        )}
        {message && (
          <p className={message.kind === 'ok' ? 'notice' : 'error-box'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="delete-result">
            {message.text}
          </p>
        )}
        <ConfirmDialog
          open={confirming}
          title="Radera alla koder?"
          confirmLabel="Radera koderna för alltid"
          danger
          typeToConfirm="RADERA"
          busy={busy}
          onConfirm={() => void deleteCodes()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            Alla {count(campaign.counts.invited)} koder i <strong>{campaign.title}</strong> raderas. Det går inte att ångra. Pappersenkäter som
            kommer in efter det kan inte registreras, och brevreferenser för påminnelser kan inte längre tas fram.
          </p>
        </ConfirmDialog>
      </section>
    </>
  );
}
