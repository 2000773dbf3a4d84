import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api, errorMessage } from '../api';
import { BASE, Link, type Match } from '../router';
import { useApi } from '../useApi';
import type { Choice, Registration, RegistrationFields, ScreeningView } from '../../../contracts/screening';
import { SCREENING_QUESTIONS, SCREENING_REGISTRATION_FIELDS } from '../../../domain/screening-contact';
import { formatDate, localToday } from './screening-api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { valueLabel } from '../../../domain/value-labels';
import './screening.css';
import { InventoryEntry } from './InventoryEntryPage';

type Draft = { [K in keyof RegistrationFields]: RegistrationFields[K] | null };

const EMPTY = Object.fromEntries(SCREENING_REGISTRATION_FIELDS.filter((name) => name !== 'datum').map((name) => [name, null])) as Omit<Draft, 'datum'>;

const YES_NO: Choice[] = [
  { value: 'ja', text: 'Ja' },
  { value: 'nej', text: 'Nej' },
];
const ANSWERS: Choice[] = [...YES_NO, { value: 'vill_ej_svara', text: 'Vill inte svara' }];
const FALLBACK: Record<string, readonly Choice[]> = {
  kon: [
    { value: 'kvinna', text: 'Kvinna' },
    { value: 'man', text: 'Man' },
    { value: 'annat', text: 'Annat' },
  ],
  aldersgrupp: [
    { value: '18-29', text: '18–29 år' },
    { value: '30-44', text: '30–44 år' },
    { value: '45-64', text: '45–64 år' },
    { value: '65+', text: '65 år eller äldre' },
  ],
  orsak_ej_tillfragad: [
    { value: 'tredje_person_narvarande', text: 'En annan person var närvarande' },
    { value: 'tolk_saknades', text: 'Tolk saknades' },
    { value: 'bedomdes_olampligt', text: 'Det bedömdes olämpligt i situationen' },
    { value: 'klienten_avbojde', text: 'Klienten avböjde' },
    { value: 'annat', text: 'Annat skäl' },
  ],
};

const VIOLENCE = [
  { name: 'psykiskt', label: 'Psykiskt våld: hotad, kontrollerad eller förnedrad av någon närstående?' },
  { name: 'fysiskt', label: 'Fysiskt våld: slagen, knuffad, fasthållen eller skadad av någon närstående?' },
  { name: 'sexuellt', label: 'Sexuellt våld: tvingad eller pressad till sexuella handlingar av någon närstående?' },
  { name: 'radd', label: 'Rädd för någon närstående nu?' },
] as const;

/** Registration of one client contact: about 30 seconds, keyboard- and touch-friendly, never a name or personnummer. */
export function RegistrationPage({ match }: { match: Match }) {
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
  // A unit link of an inventory month lands here after the PIN: its form is the counts.
  if (campaign.form === 'inventory') return <InventoryEntry campaign={campaign} />;
  const units = campaign.units.filter((unit) => campaign.myUnitIds.includes(unit.unitId));
  if (units.length === 0) {
    return (
      <>
        <h1>Registrera kontakt</h1>
        <p>Du har ingen enhet i den här kartläggningen. Registrering görs av personal på enheterna.</p>
      </>
    );
  }
  return <RegistrationForm campaign={campaign} units={units} />;
}

function RegistrationForm({ campaign, units }: { campaign: ScreeningView; units: ScreeningView['units'] }) {
  const storageKey = `screening-unit-${campaign.id}`;
  const [unitId, setUnitId] = useState(() => {
    const remembered = localStorage.getItem(storageKey);
    return units.some((unit) => unit.unitId === remembered) ? remembered! : units[0].unitId;
  });
  const [draft, setDraft] = useState<Draft>({ datum: localToday(), ...EMPTY });
  const [editing, setEditing] = useState<{ id: string; version: number }>();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [listVersion, setListVersion] = useState(0);
  // "Vet inte" on the optional question is stored as not recorded (null).
  const [redanVetEj, setRedanVetEj] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const choices = (name: string) => campaign.choices[name] ?? FALLBACK[name] ?? [];
  const unit = units.find((u) => u.unitId === unitId) ?? units[0];
  const closed = campaign.status !== 'open';

  useEffect(() => {
    localStorage.setItem(storageKey, unitId);
  }, [storageKey, unitId]);

  const set = <K extends keyof Draft>(name: K, value: Draft[K]) => {
    setSaved(undefined);
    setDraft((current) => {
      const next = { ...current, [name]: value };
      // Clear answers that no longer apply, so hidden questions never carry stale values.
      if (next.tillfragad !== 'nej') {
        next.orsak_ej_tillfragad = null;
        next.orsak_annat_text = null;
      }
      if (next.orsak_ej_tillfragad !== 'annat') next.orsak_annat_text = null;
      if (next.tillfragad !== 'ja') {
        for (const field of [...SCREENING_QUESTIONS, 'kand_sedan_tidigare', 'stod_erbjudet', 'stod_accepterat', 'barn_berorda'] as const) {
          next[field] = null;
        }
      }
      if (!disclosed(next)) {
        next.pagaende = null;
        next.kand_sedan_tidigare = null;
        next.stod_erbjudet = null;
        next.stod_accepterat = null;
        next.barn_berorda = null;
      }
      if (next.stod_erbjudet !== 'ja') next.stod_accepterat = null;
      return next;
    });
  };

  const reset = () => {
    setDraft((current) => ({ datum: current.datum, ...EMPTY }));
    setEditing(undefined);
    setRedanVetEj(false);
    setTimeout(() => formRef.current?.querySelector<HTMLInputElement>('input[name="kon"]')?.focus(), 0);
  };

  const missing = (): string | undefined => {
    if (!draft.datum) return 'datum';
    if (!draft.kon) return 'kon';
    if (!draft.aldersgrupp) return 'aldersgrupp';
    if (!draft.tillfragad) return 'tillfragad';
    if (draft.tillfragad === 'nej' && !draft.orsak_ej_tillfragad) return 'orsak_ej_tillfragad';
    if (draft.tillfragad === 'ja') return (['psykiskt', 'fysiskt', 'sexuellt'] as const).find((field) => !draft[field]);
    return undefined;
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const gap = missing();
    if (gap) {
      setError(`Fyll i: ${FIELD_NAMES[gap] ?? gap}.`);
      formRef.current?.querySelector<HTMLInputElement>(`[name="${gap}"]`)?.focus();
      return;
    }
    setBusy(true);
    const fields = { ...draft, orsak_annat_text: draft.orsak_annat_text?.trim() || null };
    try {
      if (editing) {
        await api<Registration>('PUT', `/api/screening/${campaign.id}/registrations/${editing.id}`, { version: editing.version, ...fields });
        setSaved('Rättelsen är sparad.');
      } else {
        await api<Registration>('POST', `/api/screening/${campaign.id}/registrations`, { unitId, ...fields });
        setSaved(`Sparad: ${KON_SINGULAR[draft.kon!] ?? draft.kon}, ${draft.aldersgrupp} år, ${formatDate(draft.datum)}. Registrera nästa kontakt.`);
      }
      setListVersion((v) => v + 1);
      reset();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  // Enter in any field (radio buttons included) saves, as in a one-line form.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && target instanceof HTMLInputElement) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  };

  const edit = (registration: Registration) => {
    const { id, version, unitId: regUnit, enhet: _enhet, status: _status, ...fields } = registration;
    setUnitId(regUnit);
    setDraft(fields);
    setEditing({ id, version });
    setSaved(undefined);
    setError(undefined);
    window.scrollTo(0, 0);
  };

  return (
    <>
      <p className="no-print">
        <Link to={`${BASE}/kartlaggning/${campaign.id}`}>← {campaign.title}</Link>
      </p>
      <h1>{editing ? 'Rätta registrering' : 'Registrera kontakt'}</h1>
      <p className="hint">
        Skriv aldrig klientens namn, personnummer eller annat som kan identifiera klienten. Tryck Enter eller ”Spara” när du är klar.
      </p>
      {closed && <p className="error-box">Kartläggningen är stängd. Inga fler registreringar tas emot.</p>}
      {saved && (
        <p className="notice" role="status" data-testid="saved">
          {saved}
        </p>
      )}
      <form ref={formRef} className="registration-form" onSubmit={onSubmit} onKeyDown={onKeyDown} data-testid="registration-form" noValidate>
        {units.length > 1 && !editing ? (
          <ChoiceGroup
            name="unit"
            legend="Enhet"
            choices={units.map((u) => ({ value: u.unitId, text: u.enhet }))}
            value={unitId}
            onChange={(value) => setUnitId(value)}
          />
        ) : (
          <p>
            <strong>Enhet:</strong> <span data-testid="unit-name">{unit.enhet}</span>
          </p>
        )}
        <div className="field" style={{ maxWidth: '14rem', marginBottom: '1rem' }}>
          <label htmlFor="datum">Datum för kontakten</label>
          <input
            id="datum"
            name="datum"
            type="date"
            value={draft.datum ?? ''}
            min={campaign.periodStart ?? undefined}
            max={campaign.periodEnd ?? undefined}
            onChange={(e) => set('datum', e.target.value)}
          />
        </div>
        <ChoiceGroup name="kon" legend="Klientens kön" choices={choices('kon')} value={draft.kon} onChange={(v) => set('kon', v as Draft['kon'])} />
        <ChoiceGroup name="aldersgrupp" legend="Åldersgrupp" choices={choices('aldersgrupp')} value={draft.aldersgrupp} onChange={(v) => set('aldersgrupp', v)} />
        <ChoiceGroup
          name="tillfragad"
          legend="Ställdes frågorna om våld?"
          choices={YES_NO}
          value={draft.tillfragad}
          onChange={(v) => set('tillfragad', v as Draft['tillfragad'])}
        />
        {draft.tillfragad === 'nej' && (
          <div className="sub-questions">
            <ChoiceGroup
              name="orsak_ej_tillfragad"
              legend="Varför inte?"
              choices={choices('orsak_ej_tillfragad')}
              value={draft.orsak_ej_tillfragad}
              onChange={(v) => set('orsak_ej_tillfragad', v)}
            />
            {draft.orsak_ej_tillfragad === 'annat' && (
              <div className="field" style={{ marginBottom: '1rem' }}>
                <label htmlFor="orsak_annat_text">Annat skäl (kort, inga uppgifter om klienten)</label>
                <input
                  id="orsak_annat_text"
                  name="orsak_annat_text"
                  maxLength={200}
                  value={draft.orsak_annat_text ?? ''}
                  onChange={(e) => set('orsak_annat_text', e.target.value)}
                />
              </div>
            )}
          </div>
        )}
        {draft.tillfragad === 'ja' && (
          <div className="sub-questions">
            {VIOLENCE.map((question) => (
              <ChoiceGroup
                key={question.name}
                name={question.name}
                legend={question.label}
                choices={ANSWERS}
                value={draft[question.name]}
                onChange={(v) => set(question.name, v as Draft['psykiskt'])}
              />
            ))}
            {disclosed(draft) && (
              <>
                <ChoiceGroup name="pagaende" legend="Pågår våldet fortfarande?" choices={ANSWERS} value={draft.pagaende} onChange={(v) => set('pagaende', v as Draft['pagaende'])} />
                <ChoiceGroup
                  name="kand_sedan_tidigare"
                  legend="Kände enheten till våldet sedan tidigare?"
                  choices={YES_NO}
                  value={draft.kand_sedan_tidigare}
                  onChange={(v) => set('kand_sedan_tidigare', v as Draft['kand_sedan_tidigare'])}
                />
                <ChoiceGroup
                  name="stod_erbjudet"
                  legend="Erbjöds stöd eller hänvisning?"
                  choices={YES_NO}
                  value={draft.stod_erbjudet}
                  onChange={(v) => set('stod_erbjudet', v as Draft['stod_erbjudet'])}
                />
                {draft.stod_erbjudet === 'ja' && (
                  <ChoiceGroup
                    name="stod_accepterat"
                    legend="Tog klienten emot stödet?"
                    choices={YES_NO}
                    value={draft.stod_accepterat}
                    onChange={(v) => set('stod_accepterat', v as Draft['stod_accepterat'])}
                  />
                )}
                <ChoiceGroup
                  name="barn_berorda"
                  legend="Finns barn i hushållet som berörs av våldet?"
                  choices={YES_NO}
                  value={draft.barn_berorda}
                  onChange={(v) => set('barn_berorda', v as Draft['barn_berorda'])}
                />
              </>
            )}
          </div>
        )}
        <ChoiceGroup
          name="redan_tillfragad"
          legend="Redan tillfrågad denna månad i annan verksamhet? (frivillig)"
          choices={[...YES_NO, { value: 'vet_ej', text: 'Vet inte' }]}
          value={draft.redan_tillfragad ?? (redanVetEj ? 'vet_ej' : null)}
          onChange={(v) => {
            setRedanVetEj(v === 'vet_ej');
            set('redan_tillfragad', v === 'vet_ej' ? null : (v as Draft['redan_tillfragad']));
          }}
        />
        {error && (
          <p className="error-box" role="alert" data-testid="registration-error">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || closed} data-testid="save-registration">
            {editing ? 'Spara rättelsen' : 'Spara'}
          </button>
          {editing && (
            <button type="button" className="secondary" onClick={reset}>
              Avbryt rättelsen
            </button>
          )}
          <span className="hint">Enter sparar</span>
        </div>
      </form>
      <UnitRegistrations campaign={campaign} unitId={unitId} enhet={unit.enhet} version={listVersion} onEdit={edit} onChanged={() => setListVersion((v) => v + 1)} />
    </>
  );
}

const KON_SINGULAR: Record<string, string> = { kvinna: 'kvinna', man: 'man', annat: 'annat kön' };

const FIELD_NAMES: Record<string, string> = {
  datum: 'datum',
  kon: 'kön',
  aldersgrupp: 'åldersgrupp',
  tillfragad: 'om frågorna ställdes',
  orsak_ej_tillfragad: 'varför frågorna inte ställdes',
  psykiskt: 'psykiskt våld',
  fysiskt: 'fysiskt våld',
  sexuellt: 'sexuellt våld',
};

function shortDate(iso: string): string {
  const [, month, day] = iso.split('-').map(Number);
  return `${day}/${month}`;
}

function disclosed(draft: Draft): boolean {
  return draft.psykiskt === 'ja' || draft.fysiskt === 'ja' || draft.sexuellt === 'ja';
}

function ChoiceGroup({
  name,
  legend,
  choices,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  choices: readonly Choice[];
  value: string | null;
  onChange: (value: string) => void;
}) {
  return (
    <fieldset className="question" data-testid={`question-${name}`}>
      <legend>{legend}</legend>
      <div className="choices">
        {choices.map((choice) => (
          <label key={choice.value} className="choice">
            <input type="radio" name={name} value={choice.value} checked={value === choice.value} onChange={() => onChange(choice.value)} />
            <span>{choice.text}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function UnitRegistrations({
  campaign,
  unitId,
  enhet,
  version,
  onEdit,
  onChanged,
}: {
  campaign: ScreeningView;
  unitId: string;
  enhet: string;
  version: number;
  onEdit: (registration: Registration) => void;
  onChanged: () => void;
}) {
  const list = useApi<Registration[]>(`/api/screening/${campaign.id}/units/${unitId}/registrations?v=${version}`);
  const [error, setError] = useState<string>();
  const [withdrawing, setWithdrawing] = useState<Registration>();
  const [busy, setBusy] = useState(false);
  const withdraw = async (registration: Registration) => {
    setBusy(true);
    try {
      await api('POST', `/api/screening/${campaign.id}/registrations/${registration.id}/withdraw`, { version: registration.version });
      onChanged();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
      setWithdrawing(undefined);
    }
  };
  const active = list.state === 'ready' ? list.data.filter((r) => r.status === 'active').length : 0;
  return (
    <section className="panel" aria-labelledby="unit-registrations">
      <h2 id="unit-registrations">
        Registrerade kontakter vid {enhet}
        {list.state === 'ready' && <span className="muted"> ({active})</span>}
      </h2>
      {error && <p className="error-box">{error}</p>}
      {list.state === 'error' && <p className="error-box">{list.message}</p>}
      {list.state === 'ready' && list.data.length === 0 && <p>Inga registreringar ännu.</p>}
      {list.state === 'ready' && list.data.length > 0 && (
        <div className="table-wrap">
          <table className="data-table registration-table" data-testid="unit-registrations">
            <caption className="visually-hidden">Enhetens registreringar, senaste först</caption>
            <thead>
              <tr>
                <th scope="col">Datum</th>
                <th scope="col">Kön</th>
                <th scope="col">Ålder</th>
                <th scope="col">Tillfrågad</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Åtgärder</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...list.data].reverse().map((registration) => (
                <tr key={registration.id} className={registration.status === 'withdrawn' ? 'status-withdrawn' : undefined} data-testid="registration-row">
                  <td>{shortDate(registration.datum)}</td>
                  <td>{KON_SINGULAR[registration.kon] ?? registration.kon}</td>
                  <td>{valueLabel('aldersgrupp', registration.aldersgrupp)}</td>
                  <td>{registration.tillfragad === 'ja' ? 'Ja' : 'Nej'}</td>
                  <td>{registration.status === 'active' ? `Aktiv${registration.version > 1 ? ' (rättad)' : ''}` : 'Återkallad'}</td>
                  <td>
                    {registration.status === 'active' && campaign.status === 'open' && (
                      <span className="button-row">
                        <button type="button" className="secondary small-button" onClick={() => onEdit(registration)}>
                          Rätta
                        </button>
                        <button type="button" className="secondary small-button" onClick={() => setWithdrawing(registration)}>
                          Återkalla
                        </button>
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={withdrawing !== undefined}
        title="Återkalla registreringen?"
        confirmLabel="Återkalla"
        danger
        busy={busy}
        onConfirm={() => withdrawing && void withdraw(withdrawing)}
        onCancel={() => setWithdrawing(undefined)}
      >
        <p>
          Kontakten {withdrawing ? `den ${shortDate(withdrawing.datum)} (${KON_SINGULAR[withdrawing.kon] ?? withdrawing.kon}, ${valueLabel('aldersgrupp', withdrawing.aldersgrupp)})` : ''}{' '}
          räknas då inte med i kartläggningen. Återkallandet sparas i ändringsloggen.
        </p>
      </ConfirmDialog>
    </section>
  );
}
