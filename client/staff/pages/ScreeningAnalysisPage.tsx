import { useState } from 'react';
import { BASE, Link, type Match } from '../router';
import { useApi } from '../useApi';
import { useSession } from '../session';
import { IntervalChart } from './screening-charts';
import type { Comparison, GroupResult, Share, ScreeningView, Summary } from '../../../contracts/screening';
import { groupLabel, isUncertain, MEASURE_LABELS, MEASURES, percent, percentWithInterval, suppressedShareText, type Measure } from './screening-api';
import './screening.css';

const GROUPINGS = [
  { by: 'enhet', label: 'Per enhet' },
  { by: 'kon', label: 'Per kön' },
  { by: 'aldersgrupp', label: 'Per åldersgrupp' },
  { by: 'enhet:kon', label: 'Per enhet och kön' },
] as const;

/** Tables and charts of the month (`summariseScreening` and the unit comparison, computed by the server). */
export function ScreeningAnalysisPage({ match }: { match: Match }) {
  const id = encodeURIComponent(match.params.id);
  // Until the analyst picks one, the kommun's own minimum cell applies (the server's default, shown in the view).
  const [chosenMinCell, setMinCell] = useState<number | undefined>(undefined);
  const [measure, setMeasure] = useState<Measure>('utsatt');
  const [purpose, setPurpose] = useState('');
  const { me } = useSession();
  const view = useApi<ScreeningView>(`/api/screening/${id}`);
  const kommunMinCell = view.state === 'ready' ? view.data.minCell : undefined;
  const minCell = chosenMinCell ?? kommunMinCell ?? 5;
  const minCellQuery = chosenMinCell === undefined ? '' : `&minCell=${chosenMinCell}`;
  const summary = useApi<Summary>(`/api/screening/${id}/summary?${GROUPINGS.map((g) => `by=${g.by}`).join('&')}${minCellQuery}`);
  // The comparison is suppressed as the summary beside it, so the two tables together give nothing away.
  const comparison = useApi<Comparison>(`/api/screening/${id}/comparison?measure=${measure}${minCellQuery}&${GROUPINGS.map((g) => `by=${g.by}`).join('&')}`);
  const minCellChoices = [...new Set([5, 10, 20, ...(kommunMinCell === undefined ? [] : [kommunMinCell])])].sort((a, b) => a - b);

  return (
    <>
      <p className="no-print">
        <Link to={`${BASE}/kartlaggning/${match.params.id}`}>← {view.state === 'ready' ? view.data.title : 'Kartläggningen'}</Link>
      </p>
      <h1>Analys av kartläggningsmånaden</h1>
      <p className="lead">
        Siffrorna beskriver de klienter som hade kontakt med enheterna och tillfrågades, inte kommunens befolkning. Andelarna visas med 95 %
        konfidensintervall (Wilson) inom parentes.
      </p>
      <div className="button-row no-print">
        <label>
          Minsta antal kontakter per grupp{' '}
          <select value={minCell} onChange={(e) => setMinCell(Number(e.target.value))} aria-label="Minsta antal kontakter per grupp">
            {minCellChoices.map((n) => (
              <option key={n} value={n}>
                {n === kommunMinCell ? `${n} (kommunens inställning)` : n}
              </option>
            ))}
          </select>
        </label>
        <Link to={`${BASE}/kartlaggning/${match.params.id}/rapport`} className="button-link secondary">
          Sammanfattning för nämnden
        </Link>
      </div>
      {view.state === 'ready' && me.roles.some((r) => r.role === 'analyst' && r.kommunkod === view.data.kommunkod && r.microdataExport) && (
        <div className="field-row no-print registrations-export">
          <div className="field">
            <label htmlFor="export-purpose">Syfte med exporten av registreringar (krävs, skrivs i granskningsloggen)</label>
            <input id="export-purpose" value={purpose} maxLength={500} onChange={(e) => setPurpose(e.target.value)} data-testid="export-purpose" />
          </div>
          <a
            className={purpose.trim().length >= 3 ? 'button-link secondary' : 'button-link secondary disabled-link'}
            href={purpose.trim().length >= 3 ? `/api/screening/${id}/registrations.csv?purpose=${encodeURIComponent(purpose.trim())}` : undefined}
            aria-disabled={purpose.trim().length < 3 || undefined}
            download
            data-testid="csv-export"
          >
            Exportera registreringar (CSV)
          </a>
        </div>
      )}

      {summary.state === 'loading' && <p role="status">Beräknar…</p>}
      {summary.state === 'error' && <p className="error-box">{summary.message}</p>}
      {summary.state === 'ready' && (
        <>
          <TotalSection groups={summary.data.groups} />
          <section className="panel" aria-labelledby="comparison-heading">
            <h2 id="comparison-heading">Jämförelse mellan enheter</h2>
            <label className="no-print measure-select">
              Mått{' '}
              <select value={measure} onChange={(e) => setMeasure(e.target.value as Measure)}>
                {MEASURES.map((m) => (
                  <option key={m} value={m}>
                    {MEASURE_LABELS[m]}
                  </option>
                ))}
              </select>
            </label>
            {comparison.state === 'ready' && <ComparisonView comparison={comparison.data} minCell={minCell} />}
            {comparison.state === 'error' && <p className="error-box">{comparison.message}</p>}
          </section>
          {GROUPINGS.map((grouping) => (
            <GroupTable
              key={grouping.by}
              title={grouping.label}
              groups={summary.data.groups.filter((g) => Object.keys(g.group).sort().join(':') === grouping.by.split(':').sort().join(':'))}
              minCell={minCell}
            />
          ))}
        </>
      )}
    </>
  );
}

function TotalSection({ groups }: { groups: readonly GroupResult[] }) {
  const total = groups.find((g) => Object.keys(g.group).length === 0);
  if (!total) return null;
  if (total.suppressed) {
    return <p className="notice">Färre kontakter än gränsen har registrerats, så inga siffror visas ännu.</p>;
  }
  return (
    <section className="panel" aria-labelledby="total-heading">
      <h2 id="total-heading">Hela månaden</h2>
      <p data-testid="analysis-total">
        {total.contacts} kontakter{total.asked === null ? '' : `, varav ${total.asked} tillfrågade`}; täckning {percentWithInterval(total.coverage)}. Utsatt för våld av närstående
        någon gång: {shareText(total.disclosure.utsatt)}. Inte kända för verksamheten: {shareText(total.unknownToUnit)}.
      </p>
      <p data-testid="analysis-children">
        Barn berördes av våldet (bland dem som berättade om våld och där det antecknades):{' '}
        {!total.childrenAffected.suppressed && total.childrenAffected.n === 0 ? 'inte antecknat.' : `${shareText(total.childrenAffected)}.`}
      </p>
    </section>
  );
}

/** "7 av 11, 64 % (35–85 %)", or "redovisas inte" for a suppressed share. */
function shareText(value: Share): string {
  if (value.suppressed) return 'redovisas inte (för små antal)';
  return `${value.x} av ${value.n}, ${percentWithInterval(value)}`;
}

function ComparisonView({ comparison, minCell }: { comparison: Comparison; minCell: number }) {
  const rows = comparison.units.map((unit) => ({
    label: unit.enhet,
    value: unit.suppressed ? null : unit.disclosure,
    note: unit.suppressed ? (unit.reason === 'secondary' ? '– (dold, sekundär sekretess)' : `– (färre än ${minCell})`) : undefined,
  }));
  const test = comparison.test;
  const format = (n: number, digits: number) => n.toLocaleString('sv-SE', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return (
    <>
      <IntervalChart rows={rows} title={`${MEASURE_LABELS[comparison.measure]} per enhet, andel av tillfrågade med 95 % konfidensintervall`} testId="comparison-chart" />
      {test ? (
        <p data-testid="comparison-test">
          Test av om andelen är lika i alla enheter (Pearsons χ²): χ² = {format(test.statistic, 2)}, frihetsgrader {test.df}, p ={' '}
          {test.pValue < 0.001 ? '< 0,001' : format(test.pValue, 3)}.{' '}
          {test.minExpected < 5 && 'Något förväntat antal är under 5, så testet är osäkert. '}
          Skillnader mellan enheter speglar vilka klienter som tillfrågades, inte nödvändigtvis hur enheterna arbetar.
        </p>
      ) : (
        <p className="muted">
          {comparison.testNotDone === 'no-variation'
            ? 'Inget test: andelen är densamma (0 % eller 100 %) i alla enheter.'
            : 'Inget test: minst två enheter med tillräckligt många kontakter behövs.'}
        </p>
      )}
    </>
  );
}

function GroupTable({ title, groups, minCell }: { title: string; groups: readonly GroupResult[]; minCell: number }) {
  if (groups.length === 0) return null;
  const anySuppressed = groups.some((g) => g.suppressed || [g.coverage, ...MEASURES.map((m) => g.disclosure[m]), g.unknownToUnit, g.supportOffered, g.childrenAffected].some((v) => v.suppressed));
  const anyUncertain = groups.some((g) => !g.suppressed && [g.coverage, ...MEASURES.map((m) => g.disclosure[m]), g.unknownToUnit, g.supportOffered, g.childrenAffected].some(isUncertain));
  // The count (x av n) is printed in the cell, so it reads the same with a mouse, a finger, a keyboard or a screen reader.
  const cell = (value: Share, key?: string) => (
    <td key={key} className="num share-cell" data-suppressed={value.suppressed ? value.reason : undefined} title={value.suppressed ? suppressedShareText(value.reason, minCell) : undefined}>
      {value.suppressed || value.p === null || value.ci === null ? (
        '–'
      ) : (
        <>
          <span className="share">
            {percent(value.p)}
            {isUncertain(value) && <sup aria-label="osäker">*</sup>}
          </span>
          <span className="share-ci">({Math.round(value.ci[0] * 100 + 1e-9)}–{percent(value.ci[1])})</span>
          <span className="share-count" data-testid="share-count">
            {value.x} av {value.n}
          </span>
        </>
      )}
    </td>
  );
  const headingId = `group-table-${title.replace(/\W+/g, '-')}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <div className="table-wrap" role="region" aria-label={`${title}: tabell`} tabIndex={0}>
        <table className="data-table analysis-table" data-testid={`table-${title}`}>
          <thead>
            <tr>
              <th scope="col">Grupp</th>
              <th scope="col" className="num">
                Kontakter
              </th>
              <th scope="col" className="num">
                Tillfrågade
              </th>
              <th scope="col" className="num">
                Täckning
              </th>
              {MEASURES.map((m) => (
                <th key={m} scope="col" className="num">
                  {MEASURE_LABELS[m]}
                </th>
              ))}
              <th scope="col" className="num">
                Inte kända för enheten
              </th>
              <th scope="col" className="num">
                Stöd erbjudet
              </th>
              <th scope="col" className="num">
                Barn berörda
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) =>
              group.suppressed ? (
                <tr key={groupLabel(group.group)} data-testid="suppressed-row">
                  <th scope="row">{groupLabel(group.group)}</th>
                  {Array.from({ length: 3 + MEASURES.length + 3 }, (_, i) => (
                    <td key={i} className="num" title={group.reason === 'secondary' ? suppressedShareText('secondary', minCell) : `Färre än ${minCell} kontakter`}>
                      –
                    </td>
                  ))}
                </tr>
              ) : (
                <tr key={groupLabel(group.group)}>
                  <th scope="row">{groupLabel(group.group)}</th>
                  <td className="num">{group.contacts}</td>
                  <td className="num">{group.asked ?? '–'}</td>
                  {cell(group.coverage)}
                  {MEASURES.map((m) => cell(group.disclosure[m], m))}
                  {cell(group.unknownToUnit)}
                  {cell(group.supportOffered)}
                  {cell(group.childrenAffected)}
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      <p className="footnote">
        Andel med 95 % konfidensintervall inom parentes, och under dem antalet (x av n).
        {anySuppressed &&
          ` – = visas inte: färre än ${minCell} kontakter i gruppen, en täljare eller nämnare under ${minCell}, eller dold så att ett sådant litet antal inte kan räknas fram ur summan och de andra grupperna (sekundär sekretess).`}{' '}
        {anyUncertain && '* = osäker: färre än 30 i nämnaren eller ett brett intervall (NCHS-standarden). '}
        Utsatt = ja på minst en av frågorna om psykiskt, fysiskt eller sexuellt våld, bland dem som besvarade frågorna. Inte kända, stöd
        erbjudet och barn berörda räknas bland dem som berättade om våld.
      </p>
    </section>
  );
}
