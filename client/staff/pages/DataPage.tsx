import { useId, useState } from 'react';
import { CampaignFrame } from '../components/CampaignFrame';
import { PublishedFiguresSection } from '../components/PublishedFigures';
import { Link, type Match } from '../router';
import { useSession } from '../session';
import type { CampaignDetail } from '../../../contracts/fieldwork';
import { campaignPath, count } from './fieldwork-api';

export function DataPage({ match }: { match: Match }) {
  return (
    <CampaignFrame id={match.params.id} heading="Data">
      {(campaign) => <Data campaign={campaign} />}
    </CampaignFrame>
  );
}

function Data({ campaign }: { campaign: CampaignDetail }) {
  const { me } = useSession();
  const base = `/api/campaigns/${encodeURIComponent(campaign.id)}`;
  const hasRight = me.roles.some((r) => r.role === 'analyst' && r.kommunkod === campaign.kommunkod && r.microdataExport);
  const [purpose, setPurpose] = useState('');
  const purposeId = useId();
  const deleted = campaign.retention.deletedOn !== null;
  // Microdata leave only with a stated purpose, which the audit log keeps with the export.
  const canExport = hasRight && !deleted && purpose.trim().length >= 3;
  const withPurpose = `?purpose=${encodeURIComponent(purpose.trim())}`;
  return (
    <>
      <section className="panel" aria-labelledby="export-heading">
        <h2 id="export-heading">Exportera svaren</h2>
        <p>
          Svaren finns i {count(campaign.counts.responses)} rader, en per respondent, utan koppling till koder eller brev. Analysfilen (CSV)
          har en rad per svar med urvalsgrupp, kön, ålder och område och en kolumn per mått (1 = ja, 0 = nej). Den går att öppna i Excel eller
          ett statistikprogram, och tillsammans med befolkningsfilen kan den analyseras på samma sätt som under{' '}
          <Link to={campaignPath(campaign.id, 'analys')}>Analys</Link>, även utanför arbetsytan.
        </p>
        {deleted && (
          <p className="warning-box" data-testid="microdata-deleted">
            Svaren gallrades {campaign.retention.deletedOn} enligt kommunens beslut. De publicerade siffrorna nedan finns kvar.
          </p>
        )}
        {!hasRight && (
          <p className="warning-box" data-testid="no-export-right">
            Export av svar på individnivå (mikrodata) kräver en särskild behörighet som du inte har. Be kommunens administratör om den.
          </p>
        )}
        {hasRight && !deleted && (
          <div className="field">
            <label htmlFor={purposeId}>Syfte med exporten (krävs)</label>
            <textarea
              id={purposeId}
              rows={2}
              maxLength={500}
              value={purpose}
              onChange={(e) => setPurpose(e.target.value)}
              aria-describedby={`${purposeId}-hint`}
              data-testid="export-purpose"
            />
            <p className="hint" id={`${purposeId}-hint`}>
              Till exempel "Viktad analys till socialnämndens rapport". Syftet skrivs i granskningsloggen tillsammans med exporten.
            </p>
          </div>
        )}
        <p className="muted">Varje export skrivs i granskningsloggen med ditt namn och tidpunkt.</p>
        <ul className="download-list">
          <li>
            <a href={canExport ? `${base}/responses.csv${withPurpose}` : undefined} download className={canExport ? undefined : 'disabled-link'} aria-disabled={!canExport || undefined} data-testid="export-csv">
              Svar för analys (CSV)
            </a>
          </li>
          <li>
            <a href={canExport ? `${base}/responses${withPurpose}` : undefined} download={`svar-${campaign.id.slice(0, 8)}.json`} className={canExport ? undefined : 'disabled-link'} aria-disabled={!canExport || undefined} data-testid="export-json">
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

      <PublishedFiguresSection campaignId={campaign.id} />

      <section className="panel" aria-labelledby="codes-heading">
        <h2 id="codes-heading">Koderna</h2>
        {campaign.codesDeletedOn ? (
          <p className="notice" data-testid="codes-deleted">
            Koderna raderades {campaign.codesDeletedOn}.
          </p>
        ) : (
          <p>
            Koderna raderas när insamlingen stängs, på <Link to={campaignPath(campaign.id)}>översikten</Link>.
          </p>
        )}
      </section>
    </>
  );
}
