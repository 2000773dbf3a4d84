import type { CampaignSummary } from '../../../contracts/campaigns';
import type { CampaignStatus } from '../../../domain/campaign';
import { Link } from '../router';
import { useApi } from '../useApi';

export const statusLabels: Record<CampaignStatus, string> = {
  draft: 'Utkast',
  open: 'Öppen',
  closed: 'Stängd',
  archived: 'Arkiverad',
};

const modeLabels: Record<CampaignSummary['mode'], string> = {
  codes: 'Personliga koder',
  open: 'Öppen länk',
  classes: 'Klasslänkar',
};

const dateFormat = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short' });

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
}

export function CampaignListPage() {
  const campaigns = useApi<CampaignSummary[]>('/api/campaigns');
  return (
    <>
      <div className="page-heading">
        <h1>Undersökningar</h1>
        <Link to="/arbetsyta/undersokningar/ny" className="button-link primary" data-testid="new-campaign">
          Ny undersökning
        </Link>
      </div>
      {campaigns.state === 'loading' && <p role="status">Hämtar undersökningar…</p>}
      {campaigns.state === 'error' && (
        <div className="error-box" role="alert">
          <p>{campaigns.message}</p>
          <button type="button" className="secondary" onClick={campaigns.reload}>
            Försök igen
          </button>
        </div>
      )}
      {campaigns.state === 'ready' && campaigns.data.length === 0 && <p>Det finns inga undersökningar ännu.</p>}
      {campaigns.state === 'ready' && campaigns.data.length > 0 && <CampaignTable campaigns={campaigns.data} />}
    </>
  );
}

function CampaignTable({ campaigns }: { campaigns: CampaignSummary[] }) {
  return (
    <div className="table-wrap" role="region" aria-labelledby="campaign-caption" tabIndex={0}>
      <table className="data-table" data-testid="campaign-table">
        <caption id="campaign-caption" className="visually-hidden">
          Undersökningar som du har tillgång till
        </caption>
        <thead>
          <tr>
            <th scope="col">Titel</th>
            <th scope="col">Kommun</th>
            <th scope="col">Status</th>
            <th scope="col">Insamling</th>
            <th scope="col">Skapad</th>
          </tr>
        </thead>
        <tbody>
          {campaigns.map((campaign) => (
            <tr key={campaign.id} data-testid="campaign-row">
              <th scope="row">
                <Link
                  className="campaign-title"
                  to={campaign.kind === 'screening' ? `/arbetsyta/kartlaggning/${campaign.id}` : `/arbetsyta/undersokningar/${campaign.id}`}
                >
                  {campaign.title}
                </Link>
                {campaign.isDemo && (
                  <span className="badge badge-demo" data-testid="demo-badge" title="Demoundersökning med påhittade uppgifter">
                    DEMO
                  </span>
                )}
              </th>
              <td>{campaign.kommunNamn || campaign.kommunkod}</td>
              <td>
                <span className={`status status-${campaign.status}`}>{statusLabels[campaign.status] ?? campaign.status}</span>
              </td>
              <td data-testid="campaign-kind">
                {campaign.kind === 'screening' ? 'Kartläggningsmånad' : modeLabels[campaign.mode]}
                {campaign.kind === 'population' && campaign.mode === 'open' && campaign.openSlug && (
                  <>
                    <br />
                    <a
                      href={`/o/${encodeURIComponent(campaign.openSlug)}`}
                      className="respondent-link"
                      data-testid="open-link"
                    >
                      {`${location.origin}/o/${campaign.openSlug}`}
                    </a>
                  </>
                )}
              </td>
              <td>
                <time dateTime={campaign.createdAt}>{formatDate(campaign.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
