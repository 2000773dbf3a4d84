/** Results of a survey analysis: prevalence per group and mörkertal (the weighting is in AnalysisWeighting). */
import { textFor } from '../../../../domain/localized-text';
import { DarkFigureChart, PrevalenceChart } from './AnalysisCharts';
import type { AnalysisResult, Estimate } from '../../../../contracts/analysis';
import { count, countInterval, domainLabel, exact, FLAG_TEXT, percent, percentInterval, suppressionText } from './analysis-api';

function flagNotes(estimate: Estimate, minCell: number): string[] {
  if (estimate.suppressed) return [suppressionText(estimate.reason, minCell), ...(estimate.flags.includes('weighting-failed') ? [FLAG_TEXT['weighting-failed']] : [])];
  return estimate.flags.map((f) => FLAG_TEXT[f] ?? f);
}

/** One indicator: chart and table of prevalence and projected number per group. */
export function IndicatorSection({ result, indicator, index }: { result: AnalysisResult; indicator: string; index: number }) {
  const info = result.meta.indicators.find((i) => i.id === indicator);
  const label = info ? textFor(info.label) : indicator;
  const minCell = result.meta.parameters.minCell;
  const level = result.meta.parameters.level;
  const rows = result.estimates.filter((e) => e.indicator === indicator);
  const headingId = `indicator-${indicator}-heading`;
  return (
    <section className="an-panel an-indicator" aria-labelledby={headingId} data-testid={`estimates-${indicator}`}>
      <h3 id={headingId}>
        {index + 1}. {label}
      </h3>
      <PrevalenceChart
        title={`Andel: ${label}`}
        testId={`prevalence-chart-${indicator}`}
        level={level}
        rows={rows.map((e) => ({
          label: domainLabel(e.domain, result.meta.areas),
          proportion: e.proportion,
          ci: e.ci,
          overall: Object.keys(e.domain).length === 0,
          note: e.suppressed ? `– färre än ${minCell} svarande` : undefined,
        }))}
      />
      <div className="table-wrap" role="region" aria-label={`Tabell: ${label}`} tabIndex={0}>
        <table className="data-table an-table">
          <thead>
            <tr>
              <th scope="col">Grupp</th>
              <th scope="col" className="an-num">
                Andel ({Math.round(level * 100)} % KI)
              </th>
              <th scope="col" className="an-num">
                {result.meta.design.source === 'class' ? 'Antal elever' : 'Antal invånare'} ({Math.round(level * 100)} % KI)
              </th>
              <th scope="col" className="an-num">
                Svarande
              </th>
              <th scope="col">Anmärkning</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => {
              const notes = flagNotes(e, minCell);
              return (
                <tr key={JSON.stringify(e.domain)} data-testid="estimate-row" data-domain={domainLabel(e.domain, result.meta.areas)}>
                  <th scope="row">{domainLabel(e.domain, result.meta.areas)}</th>
                  {e.suppressed || e.proportion === null ? (
                    <>
                      <td className="an-num" data-testid="estimate-proportion">
                        –
                      </td>
                      <td className="an-num">–</td>
                    </>
                  ) : (
                    <>
                      <td className="an-num" data-testid="estimate-proportion">
                        {percent(e.proportion)} <span className="an-ci">({e.ci ? percentInterval(e.ci) : '–'})</span>
                      </td>
                      <td className="an-num" data-testid="estimate-total">
                        {e.total !== null ? count(e.total) : '–'} <span className="an-ci">({e.totalCi ? countInterval(e.totalCi) : '–'})</span>
                      </td>
                    </>
                  )}
                  <td className="an-num">{e.suppressed && e.n > 0 ? `färre än ${minCell}` : exact(e.n)}</td>
                  <td className="an-notes">{notes.length > 0 ? notes.join(' ') : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Mörkertal per indicator with a registered count, with the alignment caveats. */
export function DarkFigureSection({ result }: { result: AnalysisResult }) {
  const registered = result.meta.registered;
  if (!registered) {
    return (
      <section className="an-panel" aria-labelledby="dark-heading">
        <h2 id="dark-heading">Mörkertal</h2>
        <p>Välj eller ladda upp en tabell med registrerade ärenden för att jämföra enkätens skattning med registret.</p>
      </section>
    );
  }
  const minCell = result.meta.parameters.minCell;
  const indicators = [...new Set(result.darkFigure.map((d) => d.indicator))];
  return (
    <section className="an-panel" aria-labelledby="dark-heading" data-testid="dark-figure">
      <h2 id="dark-heading">Mörkertal: registrerade jämfört med uppskattat antal utsatta</h2>
      <p>
        Registret: <strong>{registered.name}</strong>
        {registered.period ? `, ${registered.period}` : ''}, räknar {registered.unit === 'persons' ? 'personer' : 'ärenden'}. T är enkätens uppskattade antal invånare
        (andelen gånger befolkningen), R antalet registrerade. Upptäcktsgraden är R ÷ T, mörkertalet T − R. Ett R större än T visas som det är: det betyder att
        jämförelsen inte är helt likvärdig.
      </p>
      {indicators.length === 0 && <p>Registertabellen har inga rader för de valda indikatorerna.</p>}
      {indicators.map((indicator) => {
        const info = result.meta.indicators.find((i) => i.id === indicator);
        const label = info ? textFor(info.label) : indicator;
        const rows = result.darkFigure.filter((d) => d.indicator === indicator);
        const caveats = result.meta.caveats.find((c) => c.indicator === indicator)?.points ?? [];
        return (
          <div key={indicator} className="an-dark" data-testid={`dark-${indicator}`}>
            <h3>{label}</h3>
            <DarkFigureChart
              title={`Mörkertal: ${label}`}
              testId={`dark-chart-${indicator}`}
              rows={rows.map((d) => ({
                label: domainLabel(d.domain, result.meta.areas),
                registered: d.registered,
                total: d.estimatedTotal,
                totalCi: d.estimatedTotalCi,
                detectionRatio: d.detectionRatio,
                detectionRatioCi: d.detectionRatioCi,
                note: d.suppressed ? (d.reason?.startsWith('registered') ? `– färre än ${minCell} registrerade` : `– färre än ${minCell} svarande`) : undefined,
              }))}
            />
            <div className="table-wrap" role="region" aria-label={`Mörkertal: ${label}`} tabIndex={0}>
              <table className="data-table an-table">
                <thead>
                  <tr>
                    <th scope="col">Grupp</th>
                    <th scope="col" className="an-num">
                      Registrerade (R)
                    </th>
                    <th scope="col" className="an-num">
                      Uppskattat antal utsatta (T, KI)
                    </th>
                    <th scope="col" className="an-num">
                      Ej registrerade (T − R, KI)
                    </th>
                    <th scope="col" className="an-num">
                      Upptäcktsgrad (R ÷ T, KI)
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((d) => (
                    <tr key={JSON.stringify(d.domain)} data-testid="dark-row" data-domain={domainLabel(d.domain, result.meta.areas)}>
                      <th scope="row">{domainLabel(d.domain, result.meta.areas)}</th>
                      {d.suppressed ? (
                        <td colSpan={4} className="an-notes">
                          – {suppressionText(d.reason, minCell)}
                        </td>
                      ) : (
                        <>
                          <td className="an-num" data-testid="dark-registered">
                            {d.registered !== null ? exact(d.registered) : '–'}
                          </td>
                          <td className="an-num" data-testid="dark-total">
                            {d.estimatedTotal !== null ? count(d.estimatedTotal) : '–'} <span className="an-ci">({d.estimatedTotalCi ? countInterval(d.estimatedTotalCi) : '–'})</span>
                          </td>
                          <td className="an-num">
                            {d.unregistered !== null ? count(d.unregistered) : '–'} <span className="an-ci">({d.unregisteredCi ? countInterval(d.unregisteredCi) : '–'})</span>
                          </td>
                          <td className="an-num" data-testid="dark-ratio">
                            {d.detectionRatio !== null ? percent(d.detectionRatio) : '–'}{' '}
                            <span className="an-ci">({d.detectionRatioCi ? percentInterval(d.detectionRatioCi) : '–'})</span>
                          </td>
                        </>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {caveats.length > 0 && (
              <div className="an-caveats" data-testid={`caveats-${indicator}`}>
                <h4>Det här skiljer enkät och register åt</h4>
                <ul>
                  {caveats.map((point) => (
                    <li key={point}>{point}</li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        );
      })}
    </section>
  );
}
