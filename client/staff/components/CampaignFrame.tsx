import './fieldwork.css';
import type { ReactNode } from 'react';
import { statusLabels } from '../pages/CampaignListPage';
import type { CampaignDetail } from '../../../contracts/fieldwork';
import { campaignPath } from '../pages/fieldwork-api';
import { Link, usePathname } from '../router';
import { useRefreshingApi } from './useRefreshingApi';

export const campaignSteps = [
  { step: '', label: 'Översikt' },
  { step: 'urval', label: 'Urval' },
  { step: 'brev', label: 'Brev' },
  { step: 'uppfoljning', label: 'Uppföljning' },
  { step: 'pappersenkater', label: 'Pappersenkäter' },
  { step: 'utskrift', label: 'Utskrift' },
  { step: 'data', label: 'Data' },
  { step: 'analys', label: 'Analys' },
] as const;

/** A class-link campaign has classes instead of a sample, letters and paper forms. */
export const classCampaignSteps = [
  { step: '', label: 'Översikt' },
  { step: 'klasser', label: 'Klasser' },
  { step: 'uppfoljning', label: 'Uppföljning' },
  { step: 'utskrift', label: 'Utskrift' },
  { step: 'data', label: 'Data' },
  { step: 'analys', label: 'Analys' },
] as const;

/**
 * Loads a campaign and shows its title, status and the step navigation
 * around a page; the page gets the campaign and a reload function.
 */
export function CampaignFrame({
  id,
  heading,
  children,
}: {
  id: string;
  heading: string;
  children: (campaign: CampaignDetail, reload: () => Promise<void>) => ReactNode;
}) {
  const campaign = useRefreshingApi<CampaignDetail>(`/api/campaigns/${encodeURIComponent(id)}`);
  const pathname = usePathname();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/arbetsyta/">Alla undersökningar</Link>
      </p>
      {campaign.state === 'loading' && <p role="status">Hämtar undersökningen…</p>}
      {campaign.state === 'error' && (
        <div className="error-box" role="alert">
          <p>{campaign.message}</p>
          <button type="button" className="secondary" onClick={() => void campaign.refresh()}>
            Försök igen
          </button>
        </div>
      )}
      {campaign.state === 'ready' && (
        <>
          <div className="campaign-heading">
            <h1>
              {campaign.data.title}
              <span className="campaign-subtitle">{heading}</span>
            </h1>
            <span className={`status status-${campaign.data.status}`} data-testid="campaign-status">
              {statusLabels[campaign.data.status]}
            </span>
          </div>
          <nav className="step-nav" aria-label="Undersökningens delar">
            <ul>
              {(campaign.data.mode === 'classes' ? classCampaignSteps : campaignSteps).map(({ step, label }) => {
                const href = campaignPath(id, step);
                return (
                  <li key={step}>
                    <Link to={href} aria-current={pathname.replace(/\/+$/, '') === href ? 'page' : undefined}>
                      {label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          {children(campaign.data, campaign.refresh)}
        </>
      )}
    </>
  );
}
