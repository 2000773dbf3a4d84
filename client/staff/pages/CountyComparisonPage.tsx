/**
 * Länsjämförelse: the län's kommuner compared on one indicator of the same
 * questionnaire, age–sex standardised, with a funnel plot, intervals sorted
 * by name (not a league table), a table and the method. Aggregates only.
 */
import { useState } from 'react';
import type { Match } from '../router';
import { useApi } from '../useApi';
import type { CountyComparison, CountyKommunComparison, CountyKommuner } from '../../../contracts/county';
import { byName, integer, percent, percentWithCi, POSITION_LABELS, rate, STANDARD_LABELS, STANDARD_PHRASES } from '../components/county/county-api';
import { DotWhiskerChart } from '../components/county/DotWhiskerChart';
import { FunnelPlot } from '../components/county/FunnelPlot';
import '../components/county/county.css';

/** A value on one line and its interval below it, or "–". */
function ValueCell({ value, ci, format }: { value: number | undefined; ci: readonly [number, number] | null | undefined; format: (v: number) => string }) {
  if (value === undefined) return <td className="num">–</td>;
  return (
    <td className="num">
      {format(value)}
      {ci && <span className="ci">({format(ci[0]).replace(' %', '')}–{format(ci[1])})</span>}
    </td>
  );
}

function noteOf(row: CountyKommunComparison): string {
  const notes = [row.reason, row.standardisedNote, row.registered?.reason].filter((n): n is string => !!n);
  return notes.join(' ');
}

export function CountyComparisonPage({ match }: { match: Match }) {
  const lanKod = match.params.lanKod;
  const overview = useApi<CountyKommuner>(`/api/county/${encodeURIComponent(lanKod)}/kommuner`);
  if (overview.state === 'error') return <p className="error-box" role="alert">{overview.message}</p>;
  if (overview.state === 'loading') return <p aria-live="polite">Hämtar länets kommuner …</p>;
  return <ComparisonForLan lanKod={lanKod} overview={overview.data} />;
}

function ComparisonForLan({ lanKod, overview }: { lanKod: string; overview: CountyKommuner }) {
  const templates = overview.templates;
  // The instrument most kommuner have used, unless the user picks another.
  const [template, setTemplate] = useState(templates[0]?.id ?? 'befolkningsenkat');
  const [indicator, setIndicator] = useState<string | undefined>(undefined);
  const [standard, setStandard] = useState<'lan' | 'riket'>('lan');
  const params = new URLSearchParams({ template, standard, ...(indicator ? { indicator } : {}) });
  const comparison = useApi<CountyComparison>(`/api/county/${encodeURIComponent(lanKod)}/comparison?${params.toString()}`);
  const lanNamn = overview.lan.namn;
  const data = comparison.state === 'ready' ? comparison.data : undefined;

  return (
    <div className="county-page">
      <h1>Jämförelse mellan kommuner – {lanNamn}</h1>
      <p className="lead">
        Kommunerna jämförs med samma enkät, åldersstandardiserat till samma befolkning och med osäkerheten utsatt. Länsstyrelsen ser bara
        sammanställda värden, aldrig enskilda svar.
      </p>

      <form className="county-controls" onSubmit={(e) => e.preventDefault()} aria-label="Välj vad som jämförs">
        {templates.length > 1 && (
          <label>
            Enkät (samma mall i alla kommuner)
            <select
              value={template}
              onChange={(e) => {
                setTemplate(e.target.value);
                setIndicator(undefined);
              }}
              data-testid="template-select"
            >
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title} ({t.kommuner} kommuner)
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Indikator
          <select value={data?.indicator.id ?? indicator ?? ''} onChange={(e) => setIndicator(e.target.value)} data-testid="indicator-select">
            {(data?.indicators ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {i.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Standardbefolkning
          <select value={standard} onChange={(e) => setStandard(e.target.value as 'lan' | 'riket')} data-testid="standard-select">
            <option value="lan">{STANDARD_LABELS.lan}</option>
            <option value="riket">{STANDARD_LABELS.riket}</option>
          </select>
        </label>
      </form>

      {comparison.state === 'loading' && <p aria-live="polite">Hämtar jämförelsen …</p>}
      {comparison.state === 'error' && (
        <p className="error-box" role="alert">
          {comparison.message}
        </p>
      )}
      {data && <ComparisonView data={data} />}
    </div>
  );
}

/** When a campaign ended: the day it was closed, else its planned end. */
function periodText(campaign: NonNullable<CountyKommunComparison['campaign']>): string {
  if (campaign.closedOn) return `${campaign.title}, stängd ${campaign.closedOn}`;
  return campaign.periodEnd ? `${campaign.title}, planerad t.o.m. ${campaign.periodEnd}` : campaign.title;
}

/** The län's value, as what it is: a population-weighted estimate over the kommuner that have answers. */
function LanEstimate({ data }: { data: CountyComparison }) {
  const lan = data.lanEstimate;
  if (!lan) return null;
  const share = lan.populationInLan > 0 ? Math.round((lan.population / lan.populationInLan) * 100) : 0;
  return (
    <p className="county-lan-estimate" data-testid="lan-estimate">
      <strong>
        Länet: {percentWithCi(lan)}
      </strong>{' '}
      – åldersstandardiserat och vägt efter befolkningen i de <strong>{lan.kommuner} av länets {lan.kommunerInLan} kommuner</strong> som har en
      avslutad enkät med tillräckligt många svar ({share} % av länets invånare {data.ageRange[0]}–{data.ageRange[1]} år). Kommunerna utan enkät ingår
      inte, så värdet gäller de deltagande kommunerna{lan.kommuner < lan.kommunerInLan ? ', inte hela länet' : ''}.
    </p>
  );
}

function ComparisonView({ data }: { data: CountyComparison }) {
  const rows = [...data.kommuner].sort(byName);
  const withData = rows.filter((r) => r.standardised);
  return (
    <>
      <LanEstimate data={data} />
      <div className="county-explain" data-testid="county-explain">
        <p>
          <strong>Så läser du diagrammen.</strong> Skillnader inom trattens gränser kan bero på slumpen. En liten kommun har få svarande och
          därför en bred tratt och ett brett intervall: ett lågt värde där betyder inte att det förekommer lite våld.
        </p>
        <p>
          En kommun utanför 95 %-gränsen skiljer sig från länet mer än slumpen brukar ge (ungefär 1 gång av 20 av en slump), utanför 99,8
          %-gränsen mycket mer (ungefär 1 gång av 500). Kommunerna visas i bokstavsordning, inte som en rangordning.
        </p>
      </div>

      <h2>Trattdiagram</h2>
      <p className="muted">
        {data.indicator.label}. Åldersstandardiserad till {STANDARD_PHRASES[data.standard]}, {data.ageRange[0]}–{data.ageRange[1]} år.
      </p>
      <div className="county-funnel">
        <FunnelPlot data={data} />
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Trattdiagrammets värden">
          <table className="data-table county-table" data-testid="funnel-table">
            <caption>Trattdiagrammets värden</caption>
            <thead>
              <tr>
                <th scope="col">Kommun</th>
                <th scope="col" className="num">
                  <abbr title="Effektivt antal svarande">Eff. n</abbr>
                </th>
                <th scope="col" className="num">
                  Andel
                </th>
                <th scope="col">Läge</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.kod}>
                  <th scope="row">{r.namn}</th>
                  <td className="num">{r.standardised?.effectiveN ? integer(r.standardised.effectiveN) : '–'}</td>
                  <td className="num">{r.standardised ? percent(r.standardised.estimate) : '–'}</td>
                  <td>{r.funnel ? POSITION_LABELS[r.funnel.position] : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <h2>Andel med 95 % konfidensintervall</h2>
      {withData.length === 0 ? <p className="muted">Ingen kommun har ett åldersstandardiserat värde för indikatorn.</p> : <DotWhiskerChart data={data} />}

      <h2>Alla kommuner</h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Alla kommuner">
        <table className="data-table county-table" data-testid="county-table">
          <caption>
            {data.indicator.label}, per kommun i bokstavsordning
          </caption>
          <thead>
            <tr>
              <th scope="col">Kommun</th>
              <th scope="col" className="num">
                Befolkning {data.ageRange[0]}–{data.ageRange[1]} år
              </th>
              <th scope="col" className="num">
                Svarande
              </th>
              <th scope="col" className="num">
                Andel, vägd på kön × åldersgrupp (95 % KI)
              </th>
              <th scope="col" className="num">
                Andel, åldersstandardiserad (95 % KI)
              </th>
              <th scope="col" className="num">
                Registrerade per 1 000, standardiserat (95 % KI)
              </th>
              <th scope="col">Anmärkning</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.kod} data-testid={`county-row-${r.kod}`}>
                <th scope="row">{r.namn}</th>
                <td className="num">{integer(r.population)}</td>
                <td className="num">{r.n === null ? '–' : r.campaign ? integer(r.n) : '–'}</td>
                <ValueCell value={r.crude?.estimate} ci={r.crude?.ci} format={percent} />
                <ValueCell value={r.standardised?.estimate} ci={r.standardised?.ci} format={percent} />
                <ValueCell value={r.registered?.standardised?.estimate} ci={r.registered?.standardised?.ci} format={rate} />
                <td className="reason">{[r.campaign ? periodText(r.campaign) : '', noteOf(r)].filter(Boolean).join('. ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted" data-testid="weighting-note">
        Alla kommuner vägs här på samma sätt, bara på kön × åldersgrupp till SCB:s befolkning, så att siffrorna går att jämföra. Kommunens egen rapport
        kan vara vägd även på område eller med kommunens egna befolkningstal och visar då en något annan andel för samma enkät.
      </p>
      <p className="muted">{data.registeredNote}</p>

      <h2>Metod</h2>
      <dl className="county-method" data-testid="county-method">
        <dt>Samma instrument</dt>
        <dd>
          Varje kommun ingår med sin senaste avslutade befolkningsenkät med mallen ”{data.template.title}”. Kommuner utan en sådan enkät
          visas med ”–”.
        </dd>
        <dt>Andel, vägd på kön × åldersgrupp</dt>
        <dd>
          Svaren vägs (efterstratifieras) på kön × åldersgrupp till kommunens befolkning ({data.ageRange[0]}–{data.ageRange[1]} år), samma vägning för
          alla kommuner. Kommunens egen analys kan också väga på område; den siffran är rätt för kommunen, men i en jämförelse måste alla vägas lika. Intervallet
          är ett 95 % logit-intervall med designbaserat standardfel (Taylorlinjärisering, som R-paketet survey).
        </dd>
        <dt>Åldersstandardisering</dt>
        <dd>
          Direkt standardisering: andelen i varje cell kön × åldersgrupp vägs med standardbefolkningens andel i cellen, Σ wₖ·pₖ, med
          standardfelet √(Σ wₖ²·SEₖ²) och ett 95 % intervall på logitskalan. Då jämförs kommunerna som om de hade samma ålders- och
          könsfördelning. Standardbefolkning: {STANDARD_PHRASES[data.standard]} ({integer(data.standardPopulation.cells.reduce((a, c) => a + c.antal, 0))} personer).
          Registrerade personer per 1 000 standardiseras likadant, med gammaintervall enligt Fay &amp; Feuer (1997).
        </dd>
        <dt>Länets värde</dt>
        <dd>
          Andelen i varje cell kön × åldersgrupp för de deltagande kommunerna tillsammans (kommunernas andelar vägda med deras befolkning i cellen),
          standardiserad som en kommun; standardfelet kombinerar kommunernas standardfel (oberoende urval). Kommuner utan enkät ingår inte.
        </dd>
        <dt>Trattdiagram</dt>
        <dd>
          Mittlinjen är länets värde.
          Gränserna är länets värde ± 1,96 respektive 3,09 standardavvikelser vid varje effektivt antal svarande (normalapproximation,
          Spiegelhalter 2005). Effektivt n = p(1 − p)/SE² tar hänsyn till vägningen.
        </dd>
        <dt>Små tal</dt>
        <dd>
          Kommuner med färre än {data.minCell} svarande, och registrerade uppgifter med färre än {data.minCell} personer, visas inte (”–”), eftersom små tal
          kan peka ut enskilda personer.
        </dd>
        <dt>Källa</dt>
        <dd>{data.standardPopulation.source}. Källa: SCB.</dd>
      </dl>
    </>
  );
}
