import { useEffect, useId, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api';
import { BASE, Link, type Match } from '../router';
import { useApi } from '../useApi';
import type { InventoryCountInput, InventoryReportView, ScreeningView } from '../../../contracts/screening';
import {
  AGE_UNKNOWN,
  INVENTORY_CATEGORIES,
  INVENTORY_CATEGORY_LABELS,
  INVENTORY_KON,
  INVENTORY_KON_LABELS,
  inventoryAgeGroups,
  type InventoryCategory,
  type InventoryKon,
} from '../../../domain/inventory';
import { formatDate } from './screening-api';
import './screening.css';

/** "Rapportera antal" of an inventory month (the unit link lands here too). */
export function InventoryEntryPage({ match }: { match: Match }) {
  const view = useApi<ScreeningView>(`/api/screening/${encodeURIComponent(match.params.id)}`);
  if (view.state === 'loading') return <p role="status">Hämtar…</p>;
  if (view.state === 'error') {
    return (
      <p className="error-box" role="alert">
        {view.message}
      </p>
    );
  }
  return <InventoryEntry campaign={view.data} />;
}

const ageLabel = (group: string) => (group === AGE_UNKNOWN ? 'Ålder okänd' : group === '65+' ? '65 år eller äldre' : `${group.replace('-', '–')} år`);
const key = (kategori: string, kon: string, aldersgrupp: string) => `${kategori}|${kon}|${aldersgrupp}`;

/** The unit's report form: one table per category, age groups by kön, each cell a count (empty = 0). */
export function InventoryEntry({ campaign }: { campaign: ScreeningView }) {
  const id = useId();
  const units = campaign.canManage ? campaign.units : campaign.units.filter((unit) => campaign.myUnitIds.includes(unit.unitId));
  const [unitId, setUnitId] = useState(units[0]?.unitId ?? '');
  const [report, setReport] = useState<InventoryReportView>();
  const [cells, setCells] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  const base = `/api/screening/${encodeURIComponent(campaign.id)}/units/${encodeURIComponent(unitId)}/inventory`;

  useEffect(() => {
    if (!unitId) return;
    let cancelled = false;
    setReport(undefined);
    api<InventoryReportView>('GET', base).then(
      (loaded) => {
        if (cancelled) return;
        setReport(loaded);
        setCells(Object.fromEntries(loaded.counts.map((c) => [key(c.kategori, c.kon, c.aldersgrupp), String(c.antal)])));
      },
      (error: unknown) => !cancelled && setMessage({ kind: 'error', text: errorMessage(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [base, unitId]);

  if (units.length === 0) {
    return (
      <>
        <h1>Rapportera antal</h1>
        <p>Du har ingen enhet i den här inventeringen.</p>
      </>
    );
  }

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!report) return;
    const counts: InventoryCountInput[] = [];
    for (const kategori of INVENTORY_CATEGORIES) {
      for (const kon of INVENTORY_KON) {
        for (const aldersgrupp of inventoryAgeGroups(kategori)) {
          const raw = (cells[key(kategori, kon, aldersgrupp)] ?? '').trim();
          if (raw === '') continue;
          const antal = Number(raw);
          if (!Number.isInteger(antal) || antal < 0) {
            setMessage({ kind: 'error', text: `${INVENTORY_CATEGORY_LABELS[kategori]}, ${INVENTORY_KON_LABELS[kon].toLowerCase()}, ${ageLabel(aldersgrupp).toLowerCase()}: skriv ett heltal (0 eller mer).` });
            return;
          }
          if (antal > 0) counts.push({ kategori, kon, aldersgrupp, antal });
        }
      }
    }
    setBusy(true);
    setMessage(undefined);
    try {
      const saved = await api<InventoryReportView>('PUT', base, { version: report.version, counts });
      setReport(saved);
      setMessage({ kind: 'ok', text: `Rapporten för ${saved.enhet} är sparad (${counts.reduce((s, c) => s + c.antal, 0)} personer sammanlagt).` });
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const sum = (kategori: InventoryCategory, kon?: InventoryKon) =>
    inventoryAgeGroups(kategori).reduce(
      (total, group) => total + (kon ? [kon] : [...INVENTORY_KON]).reduce((s: number, k: string) => s + (Number(cells[key(kategori, k, group)]) || 0), 0),
      0,
    );

  return (
    <>
      <p className="no-print">
        <Link to={`${BASE}/kartlaggning/${campaign.id}`}>← {campaign.title}</Link>
      </p>
      <h1>Rapportera antal</h1>
      <p className="lead">
        Ange hur många <strong>personer</strong> enheten känner till i varje grupp under perioden {formatDate(campaign.periodStart)} –{' '}
        {formatDate(campaign.periodEnd)}. Räkna varje person en gång per grupp. Lämna tomt eller skriv 0 där ni inte känner till någon. Skriv
        aldrig namn eller personnummer: bara antal rapporteras.
      </p>
      {units.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-unit`}>Enhet</label>
          <select id={`${id}-unit`} value={unitId} onChange={(e) => setUnitId(e.target.value)} data-testid="inventory-unit">
            {units.map((unit) => (
              <option key={unit.unitId} value={unit.unitId}>
                {unit.enhet}
              </option>
            ))}
          </select>
        </div>
      )}
      {!report && <p role="status">Hämtar enhetens rapport…</p>}
      {report && (
        <form className="form inventory-form" onSubmit={(event) => void save(event)} noValidate data-testid="inventory-form">
          <p className="muted" data-testid="inventory-version">
            {report.version === 0 ? 'Enheten har inte rapporterat ännu.' : `Senast sparad ${formatDate(report.reportedOn)} (version ${report.version}). Sparar du igen ersätts rapporten.`}
          </p>
          {INVENTORY_CATEGORIES.map((kategori) => (
            <fieldset key={kategori} className="panel inventory-category">
              <legend>
                {INVENTORY_CATEGORY_LABELS[kategori]} <span className="muted">(sammanlagt {sum(kategori)})</span>
              </legend>
              <div className="table-wrap">
                <table className="data-table compact inventory-table">
                  <thead>
                    <tr>
                      <th scope="col">Ålder</th>
                      {INVENTORY_KON.map((kon) => (
                        <th key={kon} scope="col" className="num">
                          {INVENTORY_KON_LABELS[kon]}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {inventoryAgeGroups(kategori).map((group) => (
                      <tr key={group}>
                        <th scope="row">{ageLabel(group)}</th>
                        {INVENTORY_KON.map((kon) => {
                          const cellKey = key(kategori, kon, group);
                          return (
                            <td key={kon} className="num">
                              <input
                                type="number"
                                inputMode="numeric"
                                min={0}
                                step={1}
                                className="count-input"
                                aria-label={`${INVENTORY_CATEGORY_LABELS[kategori]}, ${INVENTORY_KON_LABELS[kon].toLowerCase()}, ${ageLabel(group).toLowerCase()}`}
                                value={cells[cellKey] ?? ''}
                                onChange={(e) => setCells({ ...cells, [cellKey]: e.target.value })}
                                data-testid={`count-${cellKey}`}
                              />
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </fieldset>
          ))}
          {message && (
            <p className={message.kind === 'ok' ? 'notice' : 'error-box'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="inventory-result">
              {message.text}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="primary" disabled={busy || campaign.status !== 'open'} data-testid="save-inventory">
              {busy ? 'Sparar…' : 'Spara rapporten'}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
