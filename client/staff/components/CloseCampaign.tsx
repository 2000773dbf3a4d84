import './close-campaign.css';
import { useId, useState } from 'react';
import { api, errorMessage } from '../api';
import type { CampaignDetail } from '../../../contracts/fieldwork';
import { count } from '../pages/fieldwork-api';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * Closing a population survey, in one place: the dialog offers "Stäng och
 * radera koder" as the default and explains what keeping them is for (the
 * last paper forms and reminders). Uses `POST …/close`, then
 * `POST …/delete-codes`.
 */
export function CloseCampaignDialog({
  campaign,
  open,
  onDone,
  onCancel,
}: {
  campaign: CampaignDetail;
  open: boolean;
  onDone: (message: { kind: 'ok' | 'error'; text: string }) => Promise<void>;
  onCancel: () => void;
}) {
  const formId = useId();
  const [deleteCodes, setDeleteCodes] = useState(true);
  const [busy, setBusy] = useState(false);
  const base = `/api/campaigns/${encodeURIComponent(campaign.id)}`;
  const hasCodes = campaign.mode === 'codes' && campaign.counts.invited > 0 && campaign.codesDeletedOn === null;

  const run = async () => {
    setBusy(true);
    try {
      await api('POST', `${base}/close`);
      if (hasCodes && deleteCodes) {
        try {
          const result = await api<{ deleted: number }>('POST', `${base}/delete-codes`);
          await onDone({ kind: 'ok', text: `Insamlingen är stängd och ${count(result.deleted)} koder är raderade.` });
        } catch (error) {
          await onDone({ kind: 'error', text: `Insamlingen är stängd, men koderna kunde inte raderas: ${errorMessage(error)}` });
        }
      } else {
        await onDone({ kind: 'ok', text: 'Insamlingen är stängd.' });
      }
    } catch (error) {
      await onDone({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      open={open}
      title="Stäng insamlingen?"
      confirmLabel={hasCodes && deleteCodes ? 'Stäng och radera koder' : 'Stäng insamlingen'}
      danger={hasCodes && deleteCodes}
      busy={busy}
      onConfirm={() => void run()}
      onCancel={onCancel}
    >
      <p>Inga fler webbsvar tas emot, och påbörjade svar som inte har skickats in raderas. Det går inte att öppna igen.</p>
      {hasCodes && (
        <fieldset className="close-choice">
          <legend>Koderna i breven</legend>
          <label className="check">
            <input type="radio" name={`${formId}-codes`} checked={deleteCodes} onChange={() => setDeleteCodes(true)} data-testid="close-delete-codes" />
            <span>
              <strong>Stäng och radera koder</strong> (rekommenderas). Efter det går det inte längre att se vilka i urvalet som har svarat.
              Pappersenkäter som kommer in senare kan inte registreras, och inga fler påminnelser kan skickas.
            </span>
          </label>
          <label className="check">
            <input type="radio" name={`${formId}-codes`} checked={!deleteCodes} onChange={() => setDeleteCodes(false)} data-testid="close-keep-codes" />
            <span>
              <strong>Stäng men behåll koderna tills vidare</strong>, om ni väntar på de sista pappersenkäterna. Radera dem på översikten så
              snart de sista är inregistrerade: så länge koderna finns går det, med databasen och kommunens brevfil, att se vilka personer som har svarat.
            </span>
          </label>
        </fieldset>
      )}
    </ConfirmDialog>
  );
}

/**
 * The warning a closed campaign shows while its codes still exist, with the
 * button to delete them (typed confirmation).
 */
export function CodesStillExist({ campaign, reload }: { campaign: CampaignDetail; reload: () => Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const closed = campaign.status === 'closed' || campaign.status === 'archived';
  if (!closed || campaign.mode !== 'codes' || campaign.codesDeletedOn !== null || campaign.counts.invited === 0) return null;

  const remove = async () => {
    setBusy(true);
    try {
      await api('POST', `/api/campaigns/${encodeURIComponent(campaign.id)}/delete-codes`);
      setConfirming(false);
      await reload();
    } catch (e) {
      setError(errorMessage(e));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="warning-box codes-warning" role="region" aria-labelledby="codes-warning-heading" data-testid="codes-warning">
      <h2 id="codes-warning-heading">Koderna finns kvar</h2>
      <p>
        Insamlingen är stängd men de {count(campaign.counts.invited)} koderna är inte raderade. Så länge de finns går det, med databasen
        och kommunens brevfil, att se vilka personer som har svarat. Radera dem när de sista pappersenkäterna är inregistrerade.
      </p>
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="danger" onClick={() => setConfirming(true)} data-testid="delete-codes">
          Radera koderna…
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Radera alla koder?"
        confirmLabel="Radera koderna för alltid"
        danger
        typeToConfirm="RADERA"
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          Alla {count(campaign.counts.invited)} koder i <strong>{campaign.title}</strong> raderas. Det går inte att ångra. Pappersenkäter som
          kommer in efter det kan inte registreras, och inga fler påminnelser kan skickas. Svaren och antalen per stratum finns kvar.
        </p>
      </ConfirmDialog>
    </section>
  );
}
