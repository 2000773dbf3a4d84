/** The change over time in the workspace: each campaign of the kommun with the same indicators, as a chart and the change since the previous one. */
import { textFor } from '../../../../domain/localized-text';
import type { AnalysisResult } from '../../../../contracts/analysis';
import type { Trend } from '../../../../contracts/lagesbild';
import { domainLabel, percent, percentInterval } from './analysis-api';
import { TrendChart } from './TrendChart';

const points = (d: number) => `${d > 0 ? '+' : d < 0 ? '−' : '±'}${(Math.abs(d) * 100).toLocaleString('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`;

type Comparison = Trend['comparisons'][number];
const difference = (c: Comparison) => (c.difference !== null && c.differenceCi ? `${points(c.difference)} (${points(c.differenceCi[0])} till ${points(c.differenceCi[1])})` : '–');
const verdict = (c: Comparison) =>
  c.suppressed ? 'Redovisas inte (för få svarande)' : c.clearChange ? (c.difference! > 0 ? 'Statistiskt säker ökning' : 'Statistiskt säker minskning') : 'Ingen säker förändring';

export function TrendSection({ result, trend, loading, error }: { result: AnalysisResult; trend: Trend | undefined; loading: boolean; error: string | undefined }) {
  const label = (id: string) => {
    const info = result.meta.indicators.find((i) => i.id === id);
    return info ? textFor(info.label) : id;
  };
  const analysed = trend?.campaigns.filter((c) => c.estimates.length > 0) ?? [];
  const previous = trend?.campaigns.find((c) => c.id === trend.previousId);
  const year = (c: (typeof analysed)[number]) => (c.periodStart ?? c.fieldwork?.first ?? '').slice(0, 4);
  // A comparison whose groups nobody answered in this campaign (a module left out) is not shown.
  const answered = (c: Trend['comparisons'][number]) =>
    result.estimates.some((e) => e.indicator === c.indicator && e.n > 0 && JSON.stringify(Object.entries(e.domain).sort()) === JSON.stringify(Object.entries(c.domain).sort()));
  return (
    <section className="an-panel" aria-labelledby="trend-heading" data-testid="trend">
      <h2 id="trend-heading">Förändring över tid</h2>
      {loading && <p role="status">Analyserar kommunens tidigare undersökningar…</p>}
      {error && <p className="error-box">{error}</p>}
      {trend && analysed.length < 2 && <p>Kommunen har ingen tidigare undersökning med samma indikatorer och svar. När det finns en visas förändringen här.</p>}
      {trend && analysed.length >= 2 && (
        <>
          <p>
            Andelen i hela befolkningen i varje undersökning med samma indikatorer ({analysed.map((c) => `${c.title}, ${year(c)}`).join('; ')}). Varje undersökning är vägd
            med sin egen design. Skillnaden mot den förra har ett {Math.round(trend.level * 100)} % konfidensintervall (oberoende urval); den kallas statistiskt säker
            bara när intervallet inte innehåller 0.
          </p>
          <div className="an-chart-scroll" role="region" aria-label="Diagram: andel över tid" tabIndex={0}>
            <TrendChart
              testId="trend-chart"
              title="Andel över tid"
              level={trend.level}
              series={trend.indicators
                .filter((indicator) => result.estimates.some((e) => e.indicator === indicator && Object.keys(e.domain).length === 0 && e.n > 0))
                .map((indicator) => ({
                label: label(indicator),
                points: analysed.map((c) => {
                  const e = c.estimates.find((x) => x.indicator === indicator && Object.keys(x.domain).length === 0);
                  const ok = e && !e.suppressed && e.proportion !== null && e.ci;
                  return { label: year(c), proportion: ok ? e.proportion : null, ci: ok ? e.ci : null };
                }),
              }))}
            />
          </div>
          {previous && (
            <>
              <h3>Förändring från {previous.title} till denna undersökning</h3>
              <p className="an-muted">Skillnaden i procentenheter med {Math.round(trend.level * 100)} % konfidensintervall. Öppna en indikator för alla grupper.</p>
              {trend.indicators.map((indicator) => {
                const rows = trend.comparisons.filter((c) => c.indicator === indicator && answered(c));
                const overall = rows.find((c) => Object.keys(c.domain).length === 0);
                if (rows.length === 0) return null;
                return (
                  <details key={indicator} className="an-trend-indicator" data-testid={`trend-${indicator}`}>
                    <summary>
                      <strong>{label(indicator)}</strong>: {overall ? `${difference(overall)}, ${verdict(overall).toLowerCase()}` : 'ingen jämförelse för hela befolkningen'}
                    </summary>
                    <div className="table-wrap" role="region" aria-label={`Förändring: ${label(indicator)}`} tabIndex={0}>
                      <table className="data-table an-table" data-testid="trend-table">
                        <thead>
                          <tr>
                            <th scope="col">Grupp</th>
                            <th scope="col" className="an-num">Före</th>
                            <th scope="col" className="an-num">Nu</th>
                            <th scope="col" className="an-num">Skillnad (KI)</th>
                            <th scope="col">Bedömning</th>
                          </tr>
                        </thead>
                        <tbody>
                          {rows.map((c) => (
                            <tr key={JSON.stringify(c.domain)} data-testid="trend-row" data-clear={String(c.clearChange)}>
                              <th scope="row">{domainLabel(c.domain, result.meta.areas)}</th>
                              <td className="an-num">{c.before.proportion !== null && c.before.ci ? `${percent(c.before.proportion)} (${percentInterval(c.before.ci)})` : '–'}</td>
                              <td className="an-num">{c.after.proportion !== null && c.after.ci ? `${percent(c.after.proportion)} (${percentInterval(c.after.ci)})` : '–'}</td>
                              <td className="an-num">{difference(c)}</td>
                              <td className="an-notes">{verdict(c)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </details>
                );
              })}
            </>
          )}
          {trend.campaigns
            .filter((c) => c.error)
            .map((c) => (
              <p key={c.id} className="an-muted">
                {c.title} kunde inte analyseras: {c.error}
              </p>
            ))}
        </>
      )}
    </section>
  );
}
