import { useState } from 'react';
import { api, errorMessage } from '../api';
import { CampaignFrame } from '../components/CampaignFrame';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { RateChart, type RateRow } from '../components/RateChart';
import { AnswersOverTimeChart, weeksOf, type Mailing } from '../components/AnswersOverTimeChart';
import { useRefreshingApi } from '../components/useRefreshingApi';
import { Link, type Match } from '../router';
import type { CampaignDetail, Progress, ReminderWave } from '../../../contracts/fieldwork';
import { areaName, campaignPath, count, orderVariables, rate, stratumLabel, valueLabel, variableLabel } from './fieldwork-api';

const POLL_MS = 10_000;
const timeFormat = new Intl.DateTimeFormat('sv-SE', { timeStyle: 'medium' });

export function MonitorPage({ match }: { match: Match }) {
  return (
    <CampaignFrame id={match.params.id} heading="Uppföljning">
      {(campaign) => (campaign.mode === 'classes' ? <ClassMonitor campaign={campaign} /> : <Monitor campaign={campaign} />)}
    </CampaignFrame>
  );
}

/** Response rate per class, and per school and årskurs, for a class-link campaign. */
function ClassMonitor({ campaign }: { campaign: CampaignDetail }) {
  const base = `/api/campaigns/${encodeURIComponent(campaign.id)}`;
  const progress = useRefreshingApi<Progress>(`${base}/progress`, campaign.status === 'open' ? POLL_MS : undefined);
  if (progress.state === 'loading') return <p role="status">Hämtar svarsläget…</p>;
  if (progress.state === 'error') return <p className="error-box" role="alert">{progress.message}</p>;
  const data = progress.data;
  const schools = new Map<string, RateRow>();
  for (const c of data.byClass) {
    const label = `${c.skola}, årskurs ${c.arskurs}`;
    const row = schools.get(label) ?? { label, numerator: 0, denominator: 0 };
    row.numerator += c.completed;
    row.denominator += c.elever;
    schools.set(label, row);
  }
  const schoolRows = [...schools.values()].sort((a, b) => a.label.localeCompare(b.label, 'sv'));
  return (
    <>
      <section className="panel" aria-labelledby="totals-heading">
        <h2 id="totals-heading">Svarsläget</h2>
        <div className="stat-row">
          <div className="stat">
            <span className="stat-value" data-testid="rate-total">{rate(data.totals.completed, data.totals.invited)}</span>
            <span className="stat-label">svarsfrekvens</span>
          </div>
          <div className="stat">
            <span className="stat-value" data-testid="count-completed">{count(data.totals.completed)}</span>
            <span className="stat-label">svar av {count(data.totals.invited)} elever</span>
          </div>
          <div className="stat">
            <span className="stat-value">{count(data.byClass.length)}</span>
            <span className="stat-label">klasser</span>
          </div>
        </div>
        <p className="muted" aria-live="polite">
          {campaign.status === 'open' ? 'Uppdateras var tionde sekund. ' : ''}
          {progress.updatedAt && `Senast hämtat ${timeFormat.format(progress.updatedAt)}.`} Ett svar räknas här direkt; i data och analys kommer
          det med när dess omgång har skrivits in ({count(data.waiting)} väntar nu).
        </p>
      </section>

      <section className="panel" aria-labelledby="class-chart-heading">
        <h2 id="class-chart-heading">Svarsfrekvens per klass</h2>
        {data.byClass.length === 0 ? (
          <p>
            Inga klasser ännu. Lägg till dem under <Link to={campaignPath(campaign.id, 'klasser')}>Klasser</Link>.
          </p>
        ) : (
          <RateChart
            rows={data.byClass.map((c) => ({ label: `${c.skola} ${c.klass}`, numerator: c.completed, denominator: c.elever }))}
            title="Svarsfrekvens per klass"
            testId="class-rate-chart"
          />
        )}
      </section>

      <section className="panel" aria-labelledby="class-table-heading">
        <h2 id="class-table-heading">Per klass och skola</h2>
        <div className="table-wrap" role="region" aria-label="Per klass och skola: tabell" tabIndex={0}>
          <table className="data-table compact" data-testid="class-table">
            <thead>
              <tr>
                <th scope="col">Skola</th>
                <th scope="col">Klass</th>
                <th scope="col">Årskurs</th>
                <th scope="col" className="num">Elever</th>
                <th scope="col" className="num">Svar</th>
                <th scope="col" className="num">Svarsfrekvens</th>
              </tr>
            </thead>
            <tbody>
              {data.byClass.map((c) => (
                <tr key={c.id} data-testid="class-row">
                  <td>{c.skola}</td>
                  <th scope="row">{c.klass}</th>
                  <td>{c.arskurs}</td>
                  <td className="num">{count(c.elever)}</td>
                  <td className="num">{count(c.completed)}</td>
                  <td className="num">{rate(c.completed, c.elever)}</td>
                </tr>
              ))}
            </tbody>
            <tbody>
              {schoolRows.map((row) => (
                <tr key={row.label} className="subtotal" data-testid="school-row">
                  <th scope="row" colSpan={3}>
                    {row.label}
                  </th>
                  <td className="num">{count(row.denominator)}</td>
                  <td className="num">{count(row.numerator)}</td>
                  <td className="num">{rate(row.numerator, row.denominator)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">Svaren sparas med skola och årskurs, inte med klassen: analysen redovisar aldrig en enskild klass.</p>
      </section>
    </>
  );
}

/** Sums invited and completed over strata grouped by one variable (e.g. område). */
function groupBy(progress: Progress, variable: string, names: ReadonlyMap<string, string>): RateRow[] {
  const groups = new Map<string, RateRow>();
  for (const row of progress.strata) {
    const value = row.stratum[variable];
    const label = value === undefined ? '(saknas)' : valueLabel(variable, value, names);
    const group = groups.get(label) ?? { label, numerator: 0, denominator: 0 };
    group.numerator += row.completed;
    group.denominator += row.invited;
    groups.set(label, group);
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label, 'sv'));
}

function Monitor({ campaign }: { campaign: CampaignDetail }) {
  const base = `/api/campaigns/${encodeURIComponent(campaign.id)}`;
  const progress = useRefreshingApi<Progress>(`${base}/progress`, campaign.status === 'open' ? POLL_MS : undefined);
  const [confirmWave, setConfirmWave] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();

  if (progress.state === 'loading') return <p role="status">Hämtar svarsläget…</p>;
  if (progress.state === 'error') return <p className="error-box" role="alert">{progress.message}</p>;
  const data = progress.data;
  const variables = orderVariables(data.strata.flatMap((s) => Object.keys(s.stratum)));
  const areaNames = new Map(campaign.areas.map((area) => [area.code, areaName(area)]));
  const chartVariable = variables.includes('omrade') ? 'omrade' : undefined;
  const chartRows = chartVariable
    ? groupBy(data, chartVariable, areaNames)
    : data.strata.map((s) => ({ label: stratumLabel(s.stratum, areaNames), numerator: s.completed, denominator: s.invited }));
  const notCompleted = data.totals.invited - data.totals.completed;
  const waveName = (wave: number) => (wave === 0 ? 'Första brevet' : `Påminnelse ${wave}`);
  const mailings: Mailing[] = data.byWave.flatMap((w) => (w.sentOn ? [{ label: waveName(w.wave), sentOn: w.sentOn }] : []));
  const weeks = weeksOf(data.byWeek, mailings);
  const codesDeleted = campaign.codesDeletedOn !== null;

  const recordWave = async () => {
    setBusy(true);
    try {
      const wave = await api<ReminderWave>('POST', `${base}/reminders`);
      setMessage({ kind: 'ok', text: `Påminnelseomgång ${wave.wave} är registrerad (${count(wave.codeCount)} koder utan svar).` });
      await progress.refresh();
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
      setConfirmWave(false);
    }
  };

  return (
    <>
      <section className="panel" aria-labelledby="totals-heading">
        <h2 id="totals-heading">Svarsläget</h2>
        <div className="stat-row">
          <div className="stat">
            <span className="stat-value" data-testid="rate-total">{rate(data.totals.completed, data.totals.invited)}</span>
            <span className="stat-label">svarsfrekvens</span>
          </div>
          <div className="stat">
            <span className="stat-value">{count(data.totals.completed)}</span>
            <span className="stat-label">svar av {count(data.totals.invited)} brev</span>
          </div>
          <div className="stat">
            <span className="stat-value" data-testid="count-web">{count(data.byMode.web)}</span>
            <span className="stat-label">webbsvar</span>
          </div>
          <div className="stat">
            <span className="stat-value" data-testid="count-paper">{count(data.byMode.paper)}</span>
            <span className="stat-label">pappersenkäter</span>
          </div>
          <div className="stat">
            <span className="stat-value">{count(Math.max(0, data.totals.started - data.totals.completed))}</span>
            <span className="stat-label">påbörjade, inte inskickade</span>
          </div>
        </div>
        <p className="muted" aria-live="polite">
          {campaign.status === 'open' ? 'Uppdateras var tionde sekund. ' : ''}
          {progress.updatedAt && `Senast hämtat ${timeFormat.format(progress.updatedAt)}.`}
        </p>
      </section>

      <section className="panel" aria-labelledby="chart-heading">
        <h2 id="chart-heading">Svarsfrekvens per {chartVariable ? 'område' : 'stratum'}</h2>
        {chartRows.length === 0 ? (
          <p>Inga brev ännu.</p>
        ) : (
          <div className="chart-scroll" role="region" aria-label="Diagram: svarsfrekvens" tabIndex={0}>
            <RateChart rows={chartRows} title={`Svarsfrekvens per ${chartVariable ? 'område' : 'stratum'}`} testId="rate-chart" />
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="time-heading">
        <h2 id="time-heading">Svar över tid</h2>
        {weeks.length === 0 ? (
          <p>Inga svar ännu.</p>
        ) : (
          <>
            <div className="chart-scroll" role="region" aria-label="Diagram: svar över tid" tabIndex={0}>
              <AnswersOverTimeChart weeks={weeks} mailings={mailings} testId="answers-chart" />
            </div>
            <details className="chart-table">
              <summary>Svar per vecka som tabell</summary>
              <div className="table-wrap">
                <table className="data-table compact" data-testid="weeks-table">
                  <caption className="visually-hidden">Svar per vecka</caption>
                  <thead>
                    <tr>
                      <th scope="col">Vecka från</th>
                      <th scope="col" className="num">Webb</th>
                      <th scope="col" className="num">Papper</th>
                    </tr>
                  </thead>
                  <tbody>
                    {weeks.map((week) => (
                      <tr key={week.weekStart}>
                        <th scope="row">{week.weekStart}</th>
                        <td className="num">{count(week.web)}</td>
                        <td className="num">{count(week.paper)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
            {data.waiting > 0 && (
              <p className="muted">
                {count(data.waiting)} svar väntar på att skrivas tillsammans med andra (för anonymitetens skull) och syns i diagrammet när de är
                skrivna.
              </p>
            )}
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="strata-heading">
        <h2 id="strata-heading">Per stratum</h2>
        <div className="table-wrap" role="region" aria-label="Per stratum: tabell" tabIndex={0}>
          <table className="data-table compact" data-testid="strata-table">
            <thead>
              <tr>
                {variables.map((v) => (
                  <th key={v} scope="col">
                    {variableLabel(v)}
                  </th>
                ))}
                <th scope="col" className="num">Brev</th>
                <th scope="col" className="num">Öppnade</th>
                <th scope="col" className="num">Svar</th>
                <th scope="col" className="num">Svarsfrekvens</th>
              </tr>
            </thead>
            <tbody>
              {data.strata.map((row) => (
                <tr key={stratumLabel(row.stratum)}>
                  {variables.map((v) => (
                    <td key={v}>{row.stratum[v] === undefined ? '' : valueLabel(v, row.stratum[v], v === 'omrade' ? areaNames : undefined)}</td>
                  ))}
                  <td className="num">{count(row.invited)}</td>
                  <td className="num">{count(row.started)}</td>
                  <td className="num">{count(row.completed)}</td>
                  <td className="num">{rate(row.completed, row.invited)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="panel" aria-labelledby="waves-heading">
        <h2 id="waves-heading">Utskick och påminnelser</h2>
        <div className="table-wrap">
          <table className="data-table compact" data-testid="waves-table">
            <caption className="visually-hidden">Svar per utskick</caption>
            <thead>
              <tr>
                <th scope="col">Utskick</th>
                <th scope="col">Datum</th>
                <th scope="col" className="num">Koder utan svar vid utskicket</th>
                <th scope="col" className="num">Svar efter utskicket</th>
              </tr>
            </thead>
            <tbody>
              {data.byWave.map((wave) => (
                <tr key={wave.wave}>
                  <th scope="row">{waveName(wave.wave)}</th>
                  <td>{wave.sentOn ?? '–'}</td>
                  <td className="num">{count(wave.codeCount)}</td>
                  <td className="num">{count(wave.responses)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {codesDeleted ? (
          <p data-testid="no-reminders">Koderna raderades {campaign.codesDeletedOn}, så inga fler påminnelser kan skickas.</p>
        ) : (
          <p>
            Inför en påminnelse: ladda ner brevreferenserna för de {count(notCompleted)} koder som ännu inte har använts för att svara, och
            matcha dem mot er egen brevfil på kolumnen ”ref” (brevreferens). Filen innehåller inga koder och inga personuppgifter.
            Påminnelsebreven kan också skrivas ut direkt under <Link to={campaignPath(campaign.id, 'brev')}>Brev</Link>.
          </p>
        )}
        {message && (
          <p className={message.kind === 'ok' ? 'notice' : 'error-box'} role={message.kind === 'ok' ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
        <div className="button-row">
          {!codesDeleted && (
            <a className="button-link secondary" href={`${base}/unused-codes.csv`} download data-testid="unused-codes">
              Ladda ner brevreferenser utan svar (CSV)
            </a>
          )}
          {campaign.status === 'open' && (
            <button type="button" className="secondary" onClick={() => setConfirmWave(true)} data-testid="record-wave">
              Registrera en påminnelseomgång i dag
            </button>
          )}
        </div>
        <ConfirmDialog
          open={confirmWave}
          title="Registrera påminnelseomgång?"
          confirmLabel="Registrera"
          busy={busy}
          onConfirm={() => void recordWave()}
          onCancel={() => setConfirmWave(false)}
        >
          <p>Dagens datum sparas som en påminnelseomgång, så att svaren kan följas per utskick. Gör det samma dag som påminnelsen skickas.</p>
        </ConfirmDialog>
      </section>
    </>
  );
}
