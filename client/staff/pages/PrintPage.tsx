import { lazy, Suspense, useId, useState } from 'react';
import { CampaignFrame } from '../components/CampaignFrame';
import type { Match } from '../router';
import type { CampaignDetail } from '../../../contracts/fieldwork';
import { useCampaignSurvey } from './PaperEntryPage';

const PrintableSurvey = lazy(() => import('../components/PrintableSurvey').then((m) => ({ default: m.PrintableSurvey })));

export function PrintPage({ match }: { match: Match }) {
  return (
    <CampaignFrame id={match.params.id} heading="Utskrift av enkäten">
      {(campaign) => <Print campaign={campaign} />}
    </CampaignFrame>
  );
}

function Print({ campaign }: { campaign: CampaignDetail }) {
  const formId = useId();
  const { survey, error } = useCampaignSurvey(campaign);
  const [locale, setLocale] = useState('sv');
  return (
    <>
      <div className="panel no-print">
        <p>
          Hela enkäten för pappersutskick: alla sidor och frågor, med hoppen skrivna i ord. Skriv ut eller spara som PDF i webbläsarens
          utskriftsdialog (välj ”Spara som PDF” som skrivare). Respondenten skriver koden från brevet i rutan överst.
        </p>
        <div className="button-row">
          <div className="field inline">
            <label htmlFor={`${formId}-locale`}>Språk</label>
            <select id={`${formId}-locale`} value={locale} onChange={(e) => setLocale(e.target.value)}>
              <option value="sv">Svenska</option>
              <option value="en">Engelska</option>
            </select>
          </div>
          <button type="button" className="primary" onClick={() => window.print()} disabled={!survey} data-testid="print">
            Skriv ut / spara som PDF
          </button>
        </div>
      </div>
      {error && (
        <p className="error-box" role="alert">
          Enkäten kunde inte hämtas: {error}
        </p>
      )}
      {!survey && !error && <p role="status">Hämtar enkäten…</p>}
      {survey && (
        <Suspense fallback={<p role="status">Förbereder utskriften…</p>}>
          <PrintableSurvey
            survey={survey}
            title={(locale === 'en' ? campaign.publicTitle.en : undefined) ?? campaign.publicTitle.sv}
            locale={locale}
            contact={campaign.contact}
          />
        </Suspense>
      )}
    </>
  );
}
