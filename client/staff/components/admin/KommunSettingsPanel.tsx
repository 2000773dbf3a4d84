import { useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import type { KommunSettings, RetentionSettings, UnitInfo } from '../../../../contracts/admin';
import { textFor } from '../../../../domain/localized-text';
import { SCREENING_VERKSAMHETER } from '../../../../domain/screening-contact';
import { api, apiText, errorMessage } from '../../api';
import { monthsText } from '../../pages/admin-api';
import { VERKSAMHET_LABELS } from '../../pages/screening-api';
import { useApi } from '../../useApi';

type Message = { kind: 'ok' | 'error'; text: string } | undefined;

function Status({ message, testId }: { message: Message; testId?: string }) {
  if (!message) return null;
  return (
    <p className={message.kind === 'ok' ? 'notice' : 'error-box'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid={testId}>
      {message.text}
    </p>
  );
}

/** A kommun's settings: områden (CSV), contact for respondents, suppression threshold, retention, units. */
export function KommunSettingsPanel({ kommunkod }: { kommunkod: string }) {
  const settings = useApi<KommunSettings>(`/api/admin/kommuner/${encodeURIComponent(kommunkod)}/settings`);
  const [current, setCurrent] = useState<KommunSettings>();
  const loaded = settings.state === 'ready' ? settings.data : undefined;
  useEffect(() => {
    if (loaded) setCurrent(loaded);
  }, [loaded]);
  if (settings.state === 'error') {
    return (
      <p className="error-box" role="alert">
        {settings.message}
      </p>
    );
  }
  if (!current || current.kommunkod !== kommunkod) return <p role="status">Hämtar inställningarna…</p>;
  return (
    <div className="admin-settings" data-testid="kommun-settings">
      {current.isDemo && <p className="warning-box">Demokommunen är till för att öva. Inställningarna här gäller bara demoundersökningar.</p>}
      <AreasSection settings={current} onSaved={setCurrent} />
      <DefaultsSection key={current.kommunkod} settings={current} onSaved={setCurrent} />
      <UnitsSection settings={current} onAdded={(unit) => setCurrent({ ...current, units: [...current.units, unit] })} />
    </div>
  );
}

function AreasSection({ settings, onSaved }: { settings: KommunSettings; onSaved: (s: KommunSettings) => void }) {
  const id = useId();
  const [message, setMessage] = useState<Message>();
  const [busy, setBusy] = useState(false);
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const text = await file.text();
      const path = `/api/admin/kommuner/${encodeURIComponent(settings.kommunkod)}/areas.csv?fileName=${encodeURIComponent(file.name)}`;
      const saved = JSON.parse((await apiText('POST', path, { body: text, contentType: 'text/csv; charset=utf-8' })).text) as KommunSettings;
      onSaved(saved);
      setMessage({ kind: 'ok', text: `${saved.areas.length} områden sparade från ${file.name}.` });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Områden</h2>
      <p>
        Kommunens egen lista över områden (stadsdelar, bostadsområden, RegSO). Nya undersökningar får dem som svarsalternativ. Ladda upp en CSV-fil med
        kolumnen <code>kod</code> och gärna <code>namn</code> (och <code>namn_en</code> för engelska), med komma eller semikolon.
      </p>
      <div className="field">
        <label htmlFor={`${id}-file`}>CSV-fil med områden</label>
        <input id={`${id}-file`} type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void upload(e)} disabled={busy} data-testid="areas-file" />
      </div>
      <Status message={message} testId="areas-message" />
      {settings.areas.length > 0 ? (
        <div className="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
          <table className="data-table compact" data-testid="areas-table">
            <caption id={`${id}-caption`}>{settings.areas.length} områden</caption>
            <thead>
              <tr>
                <th scope="col">Kod</th>
                <th scope="col">Namn</th>
              </tr>
            </thead>
            <tbody>
              {settings.areas.map((area) => (
                <tr key={area.code}>
                  <td>
                    <code>{area.code}</code>
                  </td>
                  <td>{textFor(area.name)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">Inga områden ännu.</p>
      )}
    </section>
  );
}

const RETENTION_FIELDS: { key: keyof RetentionSettings; label: string; hint: string }[] = [
  { key: 'responsesMonths', label: 'Enkätsvar (mikrodata)', hint: 'månader efter att insamlingen stängts' },
  { key: 'registrationsMonths', label: 'Registreringar i kartläggningsmånader', hint: 'månader efter att månaden stängts' },
  { key: 'tablesMonths', label: 'Uppladdade tabeller', hint: 'registertabeller: efter stängning; befolkningstabeller: efter uppladdning' },
  { key: 'auditMonths', label: 'Granskningsloggen', hint: 'månader efter att posten skrevs' },
];

function DefaultsSection({ settings, onSaved }: { settings: KommunSettings; onSaved: (s: KommunSettings) => void }) {
  const id = useId();
  const [contact, setContact] = useState({
    name: settings.contact.name ?? '',
    phone: settings.contact.phone ?? '',
    email: settings.contact.email ?? '',
    url: settings.contact.url ?? '',
  });
  const [minCell, setMinCell] = useState(String(settings.minCell));
  const [retention, setRetention] = useState<Record<keyof RetentionSettings, string>>({
    responsesMonths: settings.retention.responsesMonths?.toString() ?? '',
    registrationsMonths: settings.retention.registrationsMonths?.toString() ?? '',
    tablesMonths: settings.retention.tablesMonths?.toString() ?? '',
    auditMonths: settings.retention.auditMonths?.toString() ?? '',
  });
  const [message, setMessage] = useState<Message>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const months = Object.fromEntries(RETENTION_FIELDS.map(({ key }) => [key, retention[key].trim() === '' ? null : Number(retention[key])]));
    const bad = RETENTION_FIELDS.find(({ key }) => months[key] !== null && (!Number.isInteger(months[key]) || (months[key] as number) < 0));
    if (bad) return setMessage({ kind: 'error', text: `${bad.label}: ange ett helt antal månader, eller lämna tomt.` });
    const body = {
      ...(contact.name.trim()
        ? {
            contact: {
              name: contact.name.trim(),
              ...(contact.phone.trim() ? { phone: contact.phone.trim() } : {}),
              ...(contact.email.trim() ? { email: contact.email.trim() } : {}),
              ...(contact.url.trim() ? { url: contact.url.trim() } : {}),
            },
          }
        : {}),
      minCell: Number(minCell),
      retention: months,
    };
    setBusy(true);
    setMessage(undefined);
    try {
      onSaved(await api<KommunSettings>('PUT', `/api/admin/kommuner/${encodeURIComponent(settings.kommunkod)}/settings`, body));
      setMessage({ kind: 'ok', text: 'Inställningarna är sparade.' });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel form" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-heading`} noValidate>
      <h2 id={`${id}-heading`}>Kontakt, gräns för små tal och gallring</h2>
      <fieldset>
        <legend>Kommunens kontakt för de svarande</legend>
        <p className="hint">Visas på varje sida i enkäten, bredvid Kvinnofridslinjen och 112. Nya undersökningar får den här kontakten.</p>
        <div className="field-grid">
          <div className="field">
            <label htmlFor={`${id}-name`}>Namn</label>
            <input id={`${id}-name`} value={contact.name} onChange={(e) => setContact({ ...contact, name: e.target.value })} data-testid="contact-name" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-phone`}>Telefon</label>
            <input id={`${id}-phone`} value={contact.phone} onChange={(e) => setContact({ ...contact, phone: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-email`}>E-post</label>
            <input id={`${id}-email`} type="email" value={contact.email} onChange={(e) => setContact({ ...contact, email: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-url`}>Webbsida</label>
            <input id={`${id}-url`} type="url" value={contact.url} onChange={(e) => setContact({ ...contact, url: e.target.value })} />
          </div>
        </div>
      </fieldset>
      <div className="field short">
        <label htmlFor={`${id}-mincell`}>Minsta antal i en redovisad cell</label>
        <input id={`${id}-mincell`} type="number" min={3} max={1000} value={minCell} onChange={(e) => setMinCell(e.target.value)} aria-describedby={`${id}-mincell-hint`} />
        <p className="hint" id={`${id}-mincell-hint`}>
          Rapporter döljer grupper med färre svarande eller registrerade än så (förval 5).
        </p>
      </div>
      <fieldset>
        <legend>Gallring: hur länge uppgifterna sparas</legend>
        <p className="hint">Ange antal månader enligt kommunens gallringsbeslut. Tomt betyder att uppgifterna sparas tills ett beslut finns. Ett dagligt jobb raderar det som har passerat gränsen och skriver det i loggen; publicerade siffror sparas.</p>
        <div className="field-grid">
          {RETENTION_FIELDS.map(({ key, label, hint }) => (
            <div className="field" key={key}>
              <label htmlFor={`${id}-${key}`}>{label}</label>
              <input
                id={`${id}-${key}`}
                type="number"
                min={0}
                max={1200}
                inputMode="numeric"
                value={retention[key]}
                onChange={(e) => setRetention({ ...retention, [key]: e.target.value })}
                aria-describedby={`${id}-${key}-hint`}
                data-testid={`retention-${key}`}
              />
              <p className="hint" id={`${id}-${key}-hint`}>
                {hint}. Nu: {monthsText(settings.retention[key])}.
              </p>
            </div>
          ))}
        </div>
      </fieldset>
      <Status message={message} testId="settings-message" />
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy} data-testid="settings-save">
          {busy ? 'Sparar…' : 'Spara inställningarna'}
        </button>
      </div>
    </form>
  );
}

function UnitsSection({ settings, onAdded }: { settings: KommunSettings; onAdded: (unit: UnitInfo) => void }) {
  const id = useId();
  const [verksamhet, setVerksamhet] = useState<string>(SCREENING_VERKSAMHETER[0]);
  const [enhet, setEnhet] = useState('');
  const [message, setMessage] = useState<Message>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!enhet.trim()) return setMessage({ kind: 'error', text: 'Ge enheten ett namn.' });
    try {
      const unit = await api<UnitInfo>('POST', `/api/admin/kommuner/${encodeURIComponent(settings.kommunkod)}/units`, { verksamhet, enhet: enhet.trim() });
      if (!settings.units.some((u) => u.id === unit.id)) onAdded(unit);
      setEnhet('');
      setMessage({ kind: 'ok', text: `Enheten ${unit.enhet} finns nu.` });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorMessage(caught) });
    }
  };
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Socialtjänstens enheter</h2>
      <p>Enheterna används när du ger en kartläggare behörighet och i kartläggningsmånader.</p>
      {settings.units.length > 0 ? (
        <ul className="unit-list" data-testid="unit-list">
          {settings.units.map((unit) => (
            <li key={unit.id}>
              {unit.enhet} <span className="muted">({VERKSAMHET_LABELS[unit.verksamhet] ?? unit.verksamhet})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Inga enheter ännu.</p>
      )}
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-verksamhet`}>Verksamhet</label>
            <select id={`${id}-verksamhet`} value={verksamhet} onChange={(e) => setVerksamhet(e.target.value)}>
              {SCREENING_VERKSAMHETER.map((v) => (
                <option key={v} value={v}>
                  {VERKSAMHET_LABELS[v] ?? v}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-enhet`}>Enhetens namn</label>
            <input id={`${id}-enhet`} value={enhet} onChange={(e) => setEnhet(e.target.value)} maxLength={80} data-testid="unit-name" />
          </div>
        </div>
        <Status message={message} />
        <div className="button-row">
          <button type="submit" className="secondary" data-testid="unit-add">
            Lägg till enhet
          </button>
        </div>
      </form>
    </section>
  );
}
