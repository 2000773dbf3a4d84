/** The weighting of an analysis in plain Swedish: who is weighted and from which sources, the design, diagnostics, trimming, and any failure. */
import type { AnalysisResult, VariableSource, Weighting, WeightingProblem } from '../../../../contracts/analysis';
import { textFor } from '../../../../domain/localized-text';
import { count, decimal, exact, marginsText, METHOD_TEXT, percent, percentInterval, VARIABLE_LABELS } from './analysis-api';

const EXCLUDED_VALUE: Record<string, string> = { '': 'uppgift saknas', annat: 'annat', vill_inte_svara: 'vill inte svara', vet_inte: 'vet inte' };
const VARIABLE_TEXT: Record<string, string> = { kon: 'kön', aldersgrupp: 'ålder', omrade: 'område', skola: 'skola', arskurs: 'årskurs' };
const number = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

/** "kön, åldersgrupp och område" */
export function listText(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

/** Which variables came from the register and which from the answers, as one sentence. */
export function sourcesText(result: AnalysisResult): string {
  const named = (source: VariableSource) =>
    result.meta.variableSources.filter((v) => v.source === source).map((v) => (VARIABLE_LABELS[v.variable] ?? v.variable).toLowerCase());
  const register = named('register');
  const answers = named('answers');
  const fromClass = named('class');
  if (fromClass.length > 0) {
    const first = `${listText(fromClass)} kommer från klasslänken som eleven svarade via`.replace(/^./, (c) => c.toUpperCase());
    return answers.length === 0 ? `${first}.` : `${first}; ${listText(answers)} från svaren.`;
  }
  if (register.length === 0) return `${listText(answers)} kommer från svaren.`.replace(/^./, (c) => c.toUpperCase());
  const first = `${listText(register)} kommer från registret (urvalsramen, via svarskoden)`.replace(/^./, (c) => c.toUpperCase());
  return answers.length === 0 ? `${first}.` : `${first}; ${listText(answers)} från svaren.`;
}

/** What went wrong with the weights, in one sentence per problem. */
export function problemText(problem: WeightingProblem, weighting: Weighting): string {
  const cell = problem.cell ? Object.entries(problem.cell).map(([k, v]) => `${VARIABLE_TEXT[k] ?? k} ${v}`).join(', ') : '';
  const where = problem.margin ? ` Gruppen ${cell} avviker från befolkningstalet med ${number.format(Math.abs(problem.error))} personer.` : '';
  if (problem.kind === 'calibration') return `Kalibreringen konvergerade inte efter ${problem.iterations} varv.${where} Slå ihop små grupper eller vidga gränserna.`;
  const bounds = `${weighting.trim?.lower ?? 0}–${weighting.trim?.upper ?? '∞'}`;
  if (!problem.margin) return `Vikterna kan inte trimmas till ${bounds}: den mest avvikande vikten ligger ${number.format(problem.error)} utanför.`;
  return `Vikterna kan inte hållas inom ${bounds} och samtidigt stämma med befolkningen.${where} Vidga gränserna.`;
}

export function WeightingSummary({ result }: { result: AnalysisResult }) {
  const w = result.weighting;
  const m = result.meta;
  const overall = (indicator: string) => result.estimates.find((e) => e.indicator === indicator && Object.keys(e.domain).length === 0);
  return (
    <section className="an-panel" aria-labelledby="weighting-heading" data-testid="weighting">
      <h2 id="weighting-heading">Vägning</h2>
      {w.problems.length > 0 && (
        <div className="an-alert" role="alert" data-testid="weighting-problem">
          <strong>Vikterna nådde inte sitt mål: siffrorna nedan ska inte användas.</strong>
          {w.problems.map((p) => (
            <p key={`${p.kind}-${p.margin}`}>{problemText(p, w)}</p>
          ))}
        </div>
      )}
      <ul className="an-facts">
        <li>
          <strong data-testid="analysed">{exact(m.analysed)}</strong> av {exact(m.responses)} svar ingår.{' '}
          {m.excluded.length > 0 && (
            <span data-testid="excluded">
              Övriga kan inte vägas eftersom befolkningstalen saknar deras uppgift:{' '}
              {m.excluded.map((e) => `${VARIABLE_TEXT[e.variable] ?? e.variable} ${EXCLUDED_VALUE[e.value] ?? `"${e.value}"`} (${e.count})`).join(', ')}.
            </span>
          )}
        </li>
        <li data-testid="variable-sources">{sourcesText(result)}</li>
        <li data-testid="design">
          {w.baseWeights === 'N_h/n_h'
            ? `Utgångsvikten är varje stratums befolkning delad med antalet svarande i stratumet (N_h/n_h), i ${exact(w.strata)} strata; osäkerheten räknas per stratum${
                w.lonelyStrata > 0 ? ` (${w.lonelyStrata} ${w.lonelyStrata === 1 ? 'stratum har' : 'strata har'} bara en svarande och centreras på totalmedelvärdet)` : ''
              }.`
            : w.baseWeights === 'given'
              ? 'Utgångsvikterna är givna.'
              : 'Utgångsvikten är befolkningen delad med antalet svarande (N/n).'}
        </li>
        <li>
          Metod: {METHOD_TEXT[w.method]}
          {m.parameters.margins.length > 0 ? ` till befolkningen efter ${marginsText(m.parameters.margins)}` : ''}.{' '}
          {w.method === 'none' ? null : w.converged ? <>Vikterna stämmer med befolkningstalen (efter {w.iterations} varv).</> : null}
          {w.bounds ? ` Kalibreringen får ändra utgångsvikten med en faktor mellan ${decimal(w.bounds[0])} och ${decimal(w.bounds[1])}.` : ''}
        </li>
        <li>
          <span data-testid="weight-range">
            Vikterna ligger mellan <strong>{decimal(w.weightMin)}</strong> och <strong>{decimal(w.weightMax)}</strong> invånare per svar: ett svar räknas som så
            många invånare i befolkningen.
          </span>
        </li>
        {w.beforeTrim && (
          <li data-testid="trim">
            Trimning till {w.trim?.lower ?? 0}–{w.trim?.upper ?? '∞'} invånare per svar: före trimning {decimal(w.beforeTrim.weightMin)}–{decimal(w.beforeTrim.weightMax)},
            effektivt antal svarande {count(w.beforeTrim.nEffective)} och designeffekt {decimal(w.beforeTrim.weightingDesignEffect)}; efter {decimal(w.weightMin)}–
            {decimal(w.weightMax)}, {count(w.nEffective)} och {decimal(w.weightingDesignEffect)}.
          </li>
        )}
        <li>
          Effektivt antal svarande (Kish): <strong data-testid="kish-n">{count(w.nEffective)}</strong> av {exact(w.respondents)}. Designeffekten av vägningen är{' '}
          <strong>{decimal(w.weightingDesignEffect)}</strong>: vägningen gör resultaten lika säkra som ett obundet urval av {count(w.nEffective)} personer.
        </li>
        <li>Befolkningen som resultaten räknas upp till: {exact(Math.round(w.populationSize))} invånare {m.parameters.ageGroups.length > 0 ? `i åldrarna ${ageSpan(m.parameters.ageGroups)}` : ''}.</li>
      </ul>
      {m.excludedEstimates.some((e) => !e.suppressed) && (
        <div className="table-wrap" role="region" aria-label="Jämförelse med de som inte kunde vägas" tabIndex={0} data-testid="excluded-estimates">
          <p>
            Kontroll: andelen bland de {exact(m.responses - m.analysed)} som inte kunde vägas (ovägd, Wilsons intervall), bredvid den vägda andelen. En stor skillnad
            tyder på att de som inte uppgav kön, ålder eller område skiljer sig från övriga.
          </p>
          <table className="data-table an-table">
            <thead>
              <tr>
                <th scope="col">Indikator</th>
                <th scope="col" className="an-num">Ej vägda (andel, KI)</th>
                <th scope="col" className="an-num">Svarande</th>
                <th scope="col" className="an-num">Vägd andel (KI)</th>
              </tr>
            </thead>
            <tbody>
              {m.excludedEstimates.map((e) => {
                const weighted = overall(e.indicator);
                const info = m.indicators.find((i) => i.id === e.indicator);
                return (
                  <tr key={e.indicator}>
                    <th scope="row">{info ? textFor(info.label) : e.indicator}</th>
                    <td className="an-num">{e.suppressed || e.proportion === null ? '–' : `${percent(e.proportion)} (${e.ci ? percentInterval(e.ci) : '–'})`}</td>
                    <td className="an-num">{e.suppressed && e.n > 0 ? `färre än ${m.parameters.minCell}` : exact(e.n)}</td>
                    <td className="an-num">{weighted?.proportion != null && weighted.ci ? `${percent(weighted.proportion)} (${percentInterval(weighted.ci)})` : '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ageSpan(groups: readonly string[]): string {
  const first = groups[0]?.split('-')[0];
  const last = groups[groups.length - 1];
  const end = last?.endsWith('+') ? `${last.slice(0, -1)} år och äldre` : `${last?.split('-')[1]} år`;
  return `${first}–${end}`;
}
