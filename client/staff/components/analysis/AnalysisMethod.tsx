/** The method section of the analysis and of the nämnd report: weighting, intervals, suppression, sources, caveats. */
import type { AnalysisResult } from '../../../../contracts/analysis';
import { CI_TEXT, decimal, exact, marginsText, METHOD_TEXT } from './analysis-api';
import { sourcesText } from './AnalysisWeighting';

export function MethodSection({ result }: { result: AnalysisResult }) {
  const m = result.meta;
  const p = m.parameters;
  const level = Math.round(p.level * 100);
  return (
    <section className="an-panel an-method" aria-labelledby="method-heading" data-testid="method">
      <h2 id="method-heading">Metod</h2>
      <h3>Vägning</h3>
      <p data-testid="method-weighting">
        Svaren har vägts med {METHOD_TEXT[result.weighting.method as keyof typeof METHOD_TEXT] ?? p.method}
        {p.margins.length > 0 ? ` så att de tillsammans motsvarar befolkningen efter ${marginsText(p.margins)}` : ''}. {sourcesText(result)}{' '}
        {result.weighting.baseWeights === 'N_h/n_h'
          ? `Urvalet var stratifierat: utgångsvikten är stratumets storlek i urvalsramen delad med antalet svarande i stratumet (N_h/n_h, ${exact(m.design.strata)} strata)`
          : 'Utgångsvikten är befolkningen delad med antalet svarande (N/n)'}
        ; kalibreringen rättar för att grupper svarar olika ofta.{' '}
        {m.analysed < m.responses ? `${exact(m.responses - m.analysed)} svar saknade kön, ålder eller område som behövs för vägningen och ingår inte; deras ovägda andelar redovisas för jämförelse.` : ''}
        {p.bounds ? ` Kalibreringsfaktorn begränsades till ${decimal(p.bounds[0])}–${decimal(p.bounds[1])}.` : ''}
        {p.trim ? ` Vikterna trimmades till ${p.trim.lower ?? 0}–${p.trim.upper ?? '∞'} invånare per svar med marginalerna bevarade (kalibrering med gränser på vikterna).` : ''}
      </p>
      <h3>Osäkerhet</h3>
      <p>
        Standardfelen är designbaserade och tar hänsyn till kalibreringen{result.weighting.baseWeights === 'N_h/n_h' ? ' och stratifieringen' : ''} (Taylorlinjärisering
        på kalibreringsresidualer, som R-paketet survey). Intervallen är {level} % {CI_TEXT[p.ci] ?? p.ci} och ligger alltid mellan 0 och 100 %; frihetsgraderna räknas{' '}
        {p.df === 'answered' ? 'på dem som svarat på frågan' : 'som i R, på alla i gruppen'}. Antal invånare är andelen gånger gruppens befolkning; när gruppens storlek
        själv är skattad räknas intervallet med antalets eget standardfel. Skattningar med få svarande eller breda intervall markeras (NCHS-standarden för andelar).
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
      <p className="an-muted">
        Formler och referenser: docs/analysis.md i verktygets dokumentation (vägning, kalibrering, varians, konfidensintervall, mörkertal). Beräknat med verktygets
        analysmotor, som stäms av mot R-paketet survey (Lumley).
      </p>
    </section>
  );
}
