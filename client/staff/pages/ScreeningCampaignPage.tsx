import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { BASE, Link, type Match } from '../router';
import { useApi } from '../useApi';
import { FollowUpChart } from './screening-charts';
import type { CreatedScreener, FollowUp, RotatedPin, ScreeningView } from '../../../contracts/screening';
import { formatDate, percent, VERKSAMHET_LABELS } from './screening-api';
import './screening.css';
import { retentionText } from './CampaignPage';

/** One screening month: live follow-up for everyone; units, links, PINs and screener accounts for analysts. */
export function ScreeningCampaignPage({ match }: { match: Match }) {
  const id = match.params.id;
  const view = useApi<ScreeningView>(`/api/screening/${encodeURIComponent(id)}`);
  if (view.state === 'loading') return <p role="status">Hämtar…</p>;
  if (view.state === 'error') {
    return (
      <p className="error-box" role="alert">
        {view.message}
      </p>
    );
  }
  const campaign = view.data;
  return (
    <>
      <p className="no-print">
        <Link to={`${BASE}/kartlaggning`}>← Alla kartläggningsmånader</Link>
      </p>
      <h1>{campaign.title}</h1>
      <p className="muted" data-testid="screening-period">
        {formatDate(campaign.periodStart)} – {formatDate(campaign.periodEnd)} · {campaign.status === 'open' ? 'Pågår' : 'Stängd'}
      </p>
      {campaign.form === 'inventory' && (
        <p className="lead" data-testid="inventory-intro">
          Inventering: varje enhet rapporterar en gång för perioden hur många personer den känner till som bevittnat, utsatts för eller utövat
          våld, efter kön och ålder. Bara antal, aldrig personer.
        </p>
      )}
      {campaign.canManage && (
        <p className="muted" data-testid="retention">
          Gallring av registreringarna: {retentionText(campaign.retention).toLowerCase()}.
        </p>
      )}
      <div className="button-row">
        {campaign.form === 'inventory' && (campaign.myUnitIds.length > 0 || campaign.canManage) && campaign.status === 'open' && (
          <Link to={`${BASE}/kartlaggning/${id}/inventera`} className="button-link primary" data-testid="inventory-entry-link">
            Rapportera antal
          </Link>
        )}
        {campaign.form === 'inventory' && campaign.canManage && (
          <Link to={`${BASE}/kartlaggning/${id}/inventering`} className="button-link secondary" data-testid="inventory-summary-link">
            Sammanställning för nämnden
          </Link>
        )}
        {campaign.form === 'contacts' && campaign.myUnitIds.length > 0 && campaign.status === 'open' && (
          <Link to={`${BASE}/kartlaggning/${id}/registrera`} className="button-link primary">
            Registrera kontakt
          </Link>
        )}
        {campaign.form === 'contacts' && campaign.canManage && (
          <>
            <Link to={`${BASE}/kartlaggning/${id}/analys`} className="button-link secondary">
              Analys
            </Link>
            <Link to={`${BASE}/kartlaggning/${id}/rapport`} className="button-link secondary" data-testid="report-link">
              Sammanfattning för nämnden
            </Link>
          </>
        )}
      </div>
      {campaign.form === 'contacts' && <FollowUpSection id={id} />}
      {campaign.canManage && <UnitsSection campaign={campaign} />}
      {campaign.canManage && <ScreenerSection campaign={campaign} />}
      {campaign.canManage && <CloseSection campaign={campaign} onChange={view.reload} />}
    </>
  );
}

function FollowUpSection({ id }: { id: string }) {
  const followUp = useApi<FollowUp>(`/api/screening/${encodeURIComponent(id)}/follow-up`);
  return (
    <section className="panel" aria-labelledby="follow-up-heading">
      <div className="button-row" style={{ justifyContent: 'space-between' }}>
        <h2 id="follow-up-heading">Uppföljning under månaden</h2>
        <button type="button" className="secondary small-button" onClick={followUp.reload}>
          Uppdatera
        </button>
      </div>
      {followUp.state === 'loading' && <p role="status">Hämtar…</p>}
      {followUp.state === 'error' && <p className="error-box">{followUp.message}</p>}
      {followUp.state === 'ready' && (
        <>
          <p data-testid="follow-up-total">
            Totalt {followUp.data.total.contacts} registrerade kontakter
            {followUp.data.total.coverage !== null && `, varav ${followUp.data.total.asked} (${percent(followUp.data.total.coverage)}) tillfrågades`}.
          </p>
          <FollowUpChart
            title="Registrerade kontakter per enhet och andel som tillfrågades"
            rows={followUp.data.units.map((unit) => ({ label: unit.enhet, contacts: unit.contacts, asked: unit.asked }))}
          />
          <div className="table-wrap">
            <table className="data-table" data-testid="follow-up-table">
              <caption className="visually-hidden">Uppföljning per enhet</caption>
              <thead>
                <tr>
                  <th scope="col">Enhet</th>
                  <th scope="col" className="num">
                    Kontakter
                  </th>
                  <th scope="col" className="num">
                    Tillfrågade
                  </th>
                  <th scope="col" className="num">
                    Andel tillfrågade
                  </th>
                  <th scope="col">Senaste registrering</th>
                </tr>
              </thead>
              <tbody>
                {followUp.data.units.map((unit) => (
                  <tr key={unit.unitId}>
                    <th scope="row">{unit.enhet}</th>
                    <td className="num">{unit.contacts}</td>
                    <td className="num">{unit.asked}</td>
                    <td className="num">{unit.coverage === null ? '–' : percent(unit.coverage)}</td>
                    <td>{formatDate(unit.lastDate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function UnitsSection({ campaign }: { campaign: ScreeningView }) {
  const [pins, setPins] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const rotate = async (unitId: string) => {
    setError(undefined);
    try {
      const { pin } = await api<RotatedPin>('POST', `/api/screening/${campaign.id}/units/${unitId}/pin`);
      // Not reloading the view: the PIN is shown only here, once.
      setPins((current) => ({ ...current, [unitId]: pin }));
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <section className="panel" aria-labelledby="units-heading">
      <h2 id="units-heading">Enheter och registreringslänkar</h2>
      <p className="hint">
        Varje enhet kan registrera via en egen länk som skyddas av en PIN-kod. PIN-koden visas bara en gång; en ny kod gör den gamla ogiltig och
        loggar ut dem som använde den.
      </p>
      {error && <p className="error-box">{error}</p>}
      <div className="table-wrap">
        <table className="data-table" data-testid="units-table">
          <caption className="visually-hidden">Deltagande enheter</caption>
          <thead>
            <tr>
              <th scope="col">Enhet</th>
              <th scope="col">Verksamhet</th>
              <th scope="col">Länk</th>
              <th scope="col">PIN-kod</th>
            </tr>
          </thead>
          <tbody>
            {campaign.units.map((unit) => (
              <tr key={unit.unitId} data-testid="unit-row">
                <th scope="row">{unit.enhet}</th>
                <td>{VERKSAMHET_LABELS[unit.verksamhet] ?? unit.verksamhet}</td>
                <td className="link-text">{unit.linkToken && `${location.origin}${BASE}/registrera/${unit.linkToken}`}</td>
                <td>
                  {pins[unit.unitId] ? (
                    <span>
                      Ny PIN: <span className="secret" data-testid="new-pin">{pins[unit.unitId]}</span>
                    </span>
                  ) : (
                    <span className="muted">{unit.hasPin ? `Satt ${formatDate(unit.pinSetAt?.slice(0, 10) ?? null)}` : 'Ingen ännu'}</span>
                  )}{' '}
                  <button type="button" className="secondary small-button" onClick={() => void rotate(unit.unitId)}>
                    {unit.hasPin || pins[unit.unitId] ? 'Byt PIN-kod' : 'Skapa PIN-kod'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ScreenerSection({ campaign }: { campaign: ScreeningView }) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [created, setCreated] = useState<{ email: string; password: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const result = await api<CreatedScreener>('POST', `/api/screening/${campaign.id}/screeners`, { email, displayName, unitIds });
      setCreated(result);
      setEmail('');
      setDisplayName('');
      setUnitIds([]);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="screeners-heading">
      <h2 id="screeners-heading">Konton för personal</h2>
      <p className="hint">Ett konto ser och registrerar bara för de enheter du väljer.</p>
      {created && (
        <p className="notice" role="status" data-testid="screener-created">
          Kontot {created.email} är skapat. Engångslösenord: <span className="secret" data-testid="screener-password">{created.password}</span>{' '}
          Lämna det till personen på ett säkert sätt; det visas inte igen.
        </p>
      )}
      <form className="form" onSubmit={onSubmit} data-testid="screener-form">
        <div className="field-row">
          <div className="field">
            <label htmlFor="screener-email">E-postadress</label>
            <input id="screener-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="screener-name">Namn</label>
            <input id="screener-name" required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          </div>
        </div>
        <fieldset className="field">
          <legend>Enheter</legend>
          {campaign.units.map((unit) => (
            <label key={unit.unitId} className="unit-check">
              <input
                type="checkbox"
                checked={unitIds.includes(unit.unitId)}
                onChange={(e) => setUnitIds(e.target.checked ? [...unitIds, unit.unitId] : unitIds.filter((u) => u !== unit.unitId))}
              />{' '}
              {unit.enhet}
            </label>
          ))}
        </fieldset>
        {error && (
          <p className="error-box" role="alert">
            {error}
          </p>
        )}
        <div>
          <button type="submit" className="primary" disabled={busy || unitIds.length === 0}>
            Skapa konto
          </button>
        </div>
      </form>
    </section>
  );
}

function CloseSection({ campaign, onChange }: { campaign: ScreeningView; onChange: () => void }) {
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const next = campaign.status === 'open' ? 'closed' : 'open';
  const toggle = async () => {
    setConfirming(false);
    try {
      await api('PATCH', `/api/screening/${campaign.id}`, { status: next });
      onChange();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <section className="panel" aria-labelledby="close-heading">
      <h2 id="close-heading">{campaign.status === 'open' ? 'Avsluta månaden' : 'Öppna igen'}</h2>
      {error && <p className="error-box">{error}</p>}
      <button type="button" className="secondary" onClick={() => (next === 'closed' ? setConfirming(true) : void toggle())} data-testid="screening-close">
        {campaign.status === 'open' ? 'Stäng kartläggningen' : 'Öppna kartläggningen igen'}
      </button>
      <ConfirmDialog
        open={confirming}
        title="Stänga kartläggningen?"
        confirmLabel="Stäng kartläggningen"
        onConfirm={() => void toggle()}
        onCancel={() => setConfirming(false)}
      >
        <p>Därefter kan inga kontakter registreras, rättas eller återkallas. Den kan öppnas igen.</p>
      </ConfirmDialog>
    </section>
  );
}
