import { useState } from 'react';
import { BASE, Link, type Match } from '../router';
import { useApi } from '../useApi';
import type { CampaignSummary } from '../../../contracts/campaigns';
import type { InventorySummaryView, ShownCountView } from '../../../contracts/screening';
import { AGE_UNKNOWN, INVENTORY_KON_LABELS } from '../../../domain/inventory';
import { formatDate } from './screening-api';
import './screening.css';

const number = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const pct = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 1 });
const shown = (count: ShownCountView | null) => (count === null ? '–' : count.suppressed ? `färre än ${count.reason.replace(/^n</, '')}` : number.format(count.antal));
const ageLabel = (group: string) => (group === AGE_UNKNOWN ? 'okänd' : group === '65+' ? '65+' : group.replace('-', '–'));

/** The inventory month's printable summary for the nämnd, optionally set against a population survey. */
export function InventorySummaryPage({ match }: { match: Match }) {
  const id = encodeURIComponent(match.params.id);
  const [compare, setCompare] = useState('');
  const summary = useApi<InventorySummaryView>(`/api/screening/${id}/inventory${compare ? `?compare=${encodeURIComponent(compare)}` : ''}`);
  const campaigns = useApi<CampaignSummary[]>('/api/campaigns');
  if (summary.state === 'loading') return <p role="status">Sammanställer…</p>;
  if (summary.state === 'error') {
    return (
      <p className="error-box" role="alert">
        {summary.message}
      </p>
    );
  }
  const { campaign, units, summary: data, comparison, text, minCell, generatedOn } = summary.data;
  const surveys = campaigns.state === 'ready' ? campaigns.data.filter((c) => c.kind === 'population' && c.kommunkod === campaign.kommunkod) : [];
  return (
    <>
      <div className="button-row no-print" style={{ marginBottom: '1rem' }}>
        <Link to={`${BASE}/kartlaggning/${campaign.id}`}>← Tillbaka</Link>
        <button type="button" className="primary" onClick={() => window.print()}>
          Skriv ut / spara som PDF
        </button>
      </div>
      <div className="field no-print">
        <label htmlFor="compare">Jämför med en befolkningsenkät</label>
        <select id="compare" value={compare} onChange={(e) => setCompare(e.target.value)} data-testid="inventory-compare">
          <option value="">Ingen jämförelse</option>
          {surveys.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </div>
      <article className="report" data-testid="inventory-report">
        <p className="meta">{campaign.kommunNamn} · Socialtjänsten · Inventering av kända fall</p>
        <h1>{campaign.title}</h1>
        <p className="meta">
          Period {campaign.period ?? '–'}. {units.filter((u) => u.reported).length} av {units.length} enheter har rapporterat. Underlaget
          sammanställt {formatDate(generatedOn)}
          {campaign.status === 'open' ? ' medan inventeringen pågår; siffrorna kan ändras.' : '.'}
        </p>
        <h2>Resultat</h2>
        <ul className="findings" data-testid="inventory-findings">
          {text.findings.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
        {data.categories.map((category) => (
          <section key={category.kategori} className="inventory-summary-category">
            <h3>
              {category.label}: {shown(category.total)}
            </h3>
            <div className="table-wrap">
              <table className="data-table compact" data-testid={`inventory-table-${category.kategori}`}>
                <caption className="visually-hidden">{category.label} efter kön och ålder</caption>
                <thead>
                  <tr>
                    <th scope="col">Kön</th>
                    {category.byAldersgrupp.map((a) => (
                      <th key={a.aldersgrupp} scope="col" className="num">
                        {ageLabel(a.aldersgrupp)}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      Totalt
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {category.byKon.map((k) => (
                    <tr key={k.kon}>
                      <th scope="row">{INVENTORY_KON_LABELS[k.kon]}</th>
                      {category.byAldersgrupp.map((a) => {
                        const cell = category.cells.find((c) => c.kon === k.kon && c.aldersgrupp === a.aldersgrupp);
                        return (
                          <td key={a.aldersgrupp} className="num">
                            {shown(cell?.count ?? null)}
                          </td>
                        );
                      })}
                      <td className="num">{shown(k.count)}</td>
                    </tr>
                  ))}
                  <tr className="subtotal">
                    <th scope="row">Totalt</th>
                    {category.byAldersgrupp.map((a) => (
                      <td key={a.aldersgrupp} className="num">
                        {shown(a.count)}
                      </td>
                    ))}
                    <td className="num">{shown(category.total)}</td>
                  </tr>
                </tbody>
              </table>
            </div>
          </section>
        ))}
        {comparison && (
          <section data-testid="inventory-comparison">
            <h2>Jämförelse med {comparison.campaign.title}</h2>
            <table className="data-table compact">
              <thead>
                <tr>
                  <th scope="col">Grupp</th>
                  <th scope="col">Enkätens indikator</th>
                  <th scope="col" className="num">
                    Kända av enheterna
                  </th>
                  <th scope="col" className="num">
                    Skattat antal enligt enkäten (95 % KI)
                  </th>
                </tr>
              </thead>
              <tbody>
                {comparison.rows.map((row) => (
                  <tr key={row.kategori}>
                    <th scope="row">{row.label}</th>
                    <td>{row.indicator ? `${row.indicator.label} (${row.indicator.id})` : '–'}</td>
                    <td className="num">{row.known ? `${shown(row.known)} (${row.knownAgeGroups.map(ageLabel).join(', ')} år)` : '–'}</td>
                    <td className="num">
                      {row.estimate
                        ? `${number.format(row.estimate.total)} (${number.format(row.estimate.totalCi[0])}–${number.format(row.estimate.totalCi[1])}); ${pct.format(row.estimate.proportion)} av ${number.format(row.estimate.n)} svarande`
                        : (row.reason ?? '–')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {comparison.rows
              .filter((row) => row.estimate)
              .map((row) => (
                <div key={row.kategori}>
                  <h3>Det här skiljer {row.label.toLowerCase()} i enkäten och inventeringen åt</h3>
                  <ul>
                    {row.caveats.map((caveat) => (
                      <li key={caveat}>{caveat}</li>
                    ))}
                  </ul>
                </div>
              ))}
          </section>
        )}
        <h2>Metod</h2>
        <div data-testid="inventory-method">
          {text.method.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </div>
        <p className="muted">Antal från 1 till {minCell - 1} visas som ”färre än {minCell}”.</p>
      </article>
    </>
  );
}
