import { BASE, Link, type Match } from '../router';
import { useApi } from '../useApi';
import { IntervalChart } from './screening-charts';
import type { Report } from '../../../contracts/screening';
import { formatDate, groupLabel, percent, percentWithInterval, VERKSAMHET_LABELS } from './screening-api';
import './screening.css';

/** Printable summary for the nämnd: findings in plain Swedish with their uncertainty, and the method. */
export function ScreeningReportPage({ match }: { match: Match }) {
  const report = useApi<Report>(`/api/screening/${encodeURIComponent(match.params.id)}/report`);
  if (report.state === 'loading') return <p role="status">Sammanställer…</p>;
  if (report.state === 'error') {
    return (
      <p className="error-box" role="alert">
        {report.message}
      </p>
    );
  }
  const { campaign, units, summary, comparison, text, minCell, generatedOn } = report.data;
  const unitGroups = summary.groups.filter((g) => Object.keys(g.group).length === 1 && g.group.enhet);
  const totalContacts = units.reduce((sum, unit) => sum + unit.contacts, 0);
  const totalAsked = units.reduce((sum, unit) => sum + unit.asked, 0);
  return (
    <>
      <div className="button-row no-print" style={{ marginBottom: '1rem' }}>
        <Link to={`${BASE}/kartlaggning/${campaign.id}`}>← Tillbaka</Link>
        <button type="button" className="primary" onClick={() => window.print()} data-testid="print">
          Skriv ut / spara som PDF
        </button>
      </div>
      <article className="report" data-testid="report">
        <p className="meta">
          {campaign.kommunNamn} · Socialtjänsten · Kartläggning av våld i nära relationer
        </p>
        <h1>{campaign.title}</h1>
        <p className="meta">
          Kartläggningsmånad {campaign.period ?? `${formatDate(campaign.periodStart)} – ${formatDate(campaign.periodEnd)}`}. Underlaget sammanställt{' '}
          {formatDate(generatedOn)}
          {campaign.status === 'open' ? ' medan kartläggningen pågår; siffrorna kan ändras.' : '.'}
        </p>

        <h2>Resultat</h2>
        <ul className="findings" data-testid="findings">
          {text.findings.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>

        {unitGroups.length > 0 && (
          <>
            <h2>Andel som uppgav våld, per enhet</h2>
            <IntervalChart
              testId="report-chart"
              title="Andel av tillfrågade som uppgav att de någon gång utsatts för våld av närstående, per enhet, med 95 % konfidensintervall"
              rows={comparison.units.map((unit) => ({
                label: unit.enhet,
                value: unit.suppressed ? null : unit.disclosure,
                note: unit.suppressed ? `– (färre än ${minCell} kontakter)` : undefined,
              }))}
            />
            <div className="table-wrap" role="region" aria-label="Resultat per enhet: tabell" tabIndex={0}>
            <table className="data-table" data-testid="report-table">
              <caption className="visually-hidden">Resultat per enhet</caption>
              <thead>
                <tr>
                  <th scope="col">Enhet</th>
                  <th scope="col" className="num">
                    Kontakter
                  </th>
                  <th scope="col" className="num">
                    Täckning
                  </th>
                  <th scope="col" className="num">
                    Uppgav våld (95 % KI)
                  </th>
                  <th scope="col" className="num">
                    Inte kända för enheten
                  </th>
                  <th scope="col" className="num">
                    Barn berörda
                  </th>
                </tr>
              </thead>
              <tbody>
                {unitGroups.map((group) => (
                  <tr key={groupLabel(group.group)}>
                    <th scope="row">{groupLabel(group.group)}</th>
                    {group.suppressed ? (
                      <td className="num" colSpan={5}>
                        – (färre än {minCell} kontakter)
                      </td>
                    ) : (
                      <>
                        <td className="num">{group.contacts}</td>
                        <td className="num">{group.coverage.p === null ? '–' : percent(group.coverage.p)}</td>
                        <td className="num">{percentWithInterval(group.disclosure.utsatt)}</td>
                        <td className="num">
                          {group.unknownToUnit.n === 0 ? '–' : `${group.unknownToUnit.x} av ${group.unknownToUnit.n}`}
                        </td>
                        <td className="num">
                          {group.childrenAffected.n === 0 ? '–' : `${group.childrenAffected.x} av ${group.childrenAffected.n}`}
                        </td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          </>
        )}

        <h2>Metod</h2>
        <p>
          Under perioden {campaign.period ?? `${formatDate(campaign.periodStart)} – ${formatDate(campaign.periodEnd)}`} ombads personalen vid{' '}
          {units.length} {units.length === 1 ? 'enhet' : 'enheter'} att i enrum ställa några korta frågor om våld i nära relationer till alla klienter
          de träffade, och att registrera varje kontakt utan namn eller personnummer.
        </p>
        <div className="table-wrap" role="region" aria-label="Deltagande enheter: tabell" tabIndex={0}>
        <table className="data-table" data-testid="method-units">
          <caption className="visually-hidden">Deltagande enheter och täckning</caption>
          <thead>
            <tr>
              <th scope="col">Enhet</th>
              <th scope="col">Verksamhet</th>
              <th scope="col" className="num">
                Kontakter
              </th>
              <th scope="col" className="num">
                Tillfrågade
              </th>
              <th scope="col" className="num">
                Täckning
              </th>
            </tr>
          </thead>
          <tbody>
            {units.map((unit) => (
              <tr key={unit.enhet + unit.verksamhet}>
                <th scope="row">{unit.enhet}</th>
                <td>{VERKSAMHET_LABELS[unit.verksamhet] ?? unit.verksamhet}</td>
                <td className="num">{unit.contacts}</td>
                <td className="num">{unit.asked}</td>
                <td className="num">{unit.coverage === null ? '–' : percent(unit.coverage)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Totalt</th>
              <td />
              <td className="num">{totalContacts}</td>
              <td className="num">{totalAsked}</td>
              <td className="num">{totalContacts === 0 ? '–' : percent(totalAsked / totalContacts)}</td>
            </tr>
          </tbody>
        </table>
        </div>
        <div data-testid="method">
          {text.method.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </div>
        <h3>Vad siffrorna inte säger</h3>
        <p>
          Kartläggningen visar hur vanligt det var att de klienter som tillfrågades hade utsatts för våld, och hur ofta våldet var okänt för
          verksamheten. Den visar inte hur många i kommunen som utsätts för våld (mörkertalet i befolkningen); för det krävs en
          befolkningsundersökning.
        </p>
      </article>
    </>
  );
}
