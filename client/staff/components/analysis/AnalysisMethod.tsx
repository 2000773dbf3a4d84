/** The method section of the analysis and of the nämnd report: weighting, intervals, suppression, sources, caveats. */
import type { AnalysisResult } from '../../../../contracts/analysis';
import { CI_TEXT, decimal, exact, marginsText, METHOD_TEXT } from './analysis-api';
import { sourcesText } from './AnalysisWeighting';

/** `appendixOpen`: the technical appendix unfolded (the printed report for the nämnd). */
export function MethodSection({ result, appendixOpen = false }: { result: AnalysisResult; appendixOpen?: boolean }) {
  const m = result.meta;
  const p = m.parameters;
  const level = Math.round(p.level * 100);
  const stratified = result.weighting.baseWeights === 'N_h/n_h';
  return (
    <section className="an-panel an-method" aria-labelledby="method-heading" data-testid="method">
      <h2 id="method-heading">Så har siffrorna räknats fram</h2>
      <h3>Vägning</h3>
      <p data-testid="method-weighting">
        Alla som fick enkäten svarade inte, och vissa grupper svarar oftare än andra. Därför räknas varje svar om (vägs) så att svaren tillsammans
        {p.margins.length > 0 ? ` har samma fördelning som befolkningen efter ${marginsText(p.margins)}` : ' motsvarar befolkningen'}. {sourcesText(result)}{' '}
        {stratified ? 'Urvalet drogs i grupper (strata) av olika storlek, och vägningen tar hänsyn till det. ' : ''}
        {m.analysed < m.responses
          ? `${exact(m.responses - m.analysed)} svar saknade kön, ålder eller område, som behövs för vägningen, och ingår inte; andelarna bland dem redovisas för jämförelse.`
          : ''}
      </p>
      <h3>Osäkerhet</h3>
      <p>
        Siffrorna bygger på dem som svarade, inte på alla invånare, och är därför osäkra. Intervallen inom parentes visar inom vilka gränser den sanna andelen med
        stor sannolikhet ({level} %) ligger: ett brett intervall är en osäker siffra. Antal invånare är andelen gånger gruppens befolkning, med ett intervall på
        samma sätt. Siffror som bygger på få svar eller har breda intervall är markerade.
      </p>
      <h3>Skydd av små grupper</h3>
      <p>
        Grupper med färre än {p.minCell} svarande redovisas inte, och inte heller registersiffror under {p.minCell}, eftersom små tal kan peka ut enskilda personer.
        Sådana celler visas som "–".
      </p>
      <h3>Befolkningstal</h3>
      <ul>
        {m.population.map((s) => (
          <li key={s.id ?? s.kind}>
            {s.name}: {exact(s.total)} invånare. {s.source}
          </li>
        ))}
      </ul>
      {m.registered && (
        <>
          <h3>Jämförelse med registret</h3>
          <p>
            Registertabellen "{m.registered.name}" {m.registered.period ? `(${m.registered.period})` : ''} räknar {m.registered.unit === 'persons' ? 'personer' : 'ärenden'}.
            Enkät och register mäter inte exakt samma sak; skillnaderna anges under varje mörkertal ovan: period (senaste 12 månaderna jämfört med ärenden per
            kalenderår), åldrar, definition (aktualiseringsorsak) samt personer jämfört med ärenden.
          </p>
        </>
      )}
      <details className="an-appendix" data-testid="method-appendix" open={appendixOpen}>
        <summary>Bilaga: metoden i fackspråk, för granskning</summary>
        <p>
          Vägning: {METHOD_TEXT[result.weighting.method as keyof typeof METHOD_TEXT] ?? p.method}
          {p.margins.length > 0 ? ` på ${marginsText(p.margins)}` : ''}.{' '}
          {stratified
            ? `Stratifierat urval: utgångsvikten är stratumets storlek i urvalsramen delad med antalet svarande i stratumet (${exact(m.design.strata)} strata).`
            : 'Utgångsvikten är befolkningen delad med antalet svarande.'}
          {p.bounds ? ` Kalibreringsfaktorn begränsades till ${decimal(p.bounds[0])}–${decimal(p.bounds[1])}.` : ''}
          {p.trim ? ` Vikterna trimmades till ${p.trim.lower ?? 0}–${p.trim.upper ?? '∞'} invånare per svar med marginalerna bevarade (kalibrering med gränser på vikterna).` : ''}
        </p>
        <p>
          Osäkerhet: designbaserade standardfel som tar hänsyn till kalibreringen{stratified ? ' och stratifieringen' : ''} (Taylorlinjärisering på
          kalibreringsresidualer, som R-paketet survey). Intervallen är {level} % {CI_TEXT[p.ci] ?? p.ci} och ligger alltid mellan 0 och 100 %; frihetsgraderna
          räknas {p.df === 'answered' ? 'på dem som svarat på frågan' : 'som i R, på alla i gruppen'}. När en grupps storlek själv är skattad räknas antalets
          intervall med dess eget standardfel. Markeringarna följer NCHS-standarden för andelar.
        </p>
        <p className="an-muted">
          Formler och referenser finns i verktygets dokumentation (docs/analysis.md). Beräknat med verktygets analysmotor, som stäms av mot R-paketet survey
          (Lumley).
        </p>
      </details>
    </section>
  );
}
