/** Advanced weighting choices: bounds on the calibration factor, trimming of the weights, the degrees-of-freedom rule. */
import { useState } from 'react';
import { parseLocaleNumber } from '../../../../domain/csv';
import type { AnalysisForm } from './analysis-api';

const shown = (value: number | undefined) => (value === undefined ? '' : String(value).replace('.', ','));

export function AnalysisWeightingOptions({ request, onChange }: { request: AnalysisForm; onChange: (request: AnalysisForm) => void }) {
  const [text, setText] = useState({
    boundLower: shown(request.bounds?.[0]),
    boundUpper: shown(request.bounds?.[1]),
    trimLower: shown(request.trim?.lower),
    trimUpper: shown(request.trim?.upper),
  });
  const update = (next: typeof text) => {
    setText(next);
    const [lower, upper] = [parseLocaleNumber(next.boundLower), parseLocaleNumber(next.boundUpper)];
    const [trimLower, trimUpper] = [parseLocaleNumber(next.trimLower), parseLocaleNumber(next.trimUpper)];
    onChange({
      ...request,
      bounds: lower !== undefined && upper !== undefined ? [lower, upper] : undefined,
      trim: trimLower !== undefined || trimUpper !== undefined ? { ...(trimLower !== undefined ? { lower: trimLower } : {}), ...(trimUpper !== undefined ? { upper: trimUpper } : {}) } : undefined,
    });
  };
  return (
    <>
      <fieldset className="an-fieldset an-subfields" data-testid="weight-bounds">
        <legend>Gränser för vikterna</legend>
        <p className="an-hint">
          Begränsa hur mycket kalibreringen får ändra utgångsvikten (faktor, t.ex. 0,5 och 2), eller trimma vikterna till ett intervall: hur många invånare ett svar
          högst och minst får representera. Marginalerna hålls exakt; går det inte inom gränserna visas en varning vid varje siffra.
        </p>
        <div className="an-advanced-grid">
          <label className="an-field">
            <span>Minsta faktor</span>
            <input type="text" inputMode="decimal" value={text.boundLower} placeholder="t.ex. 0,5" onChange={(e) => update({ ...text, boundLower: e.target.value })} data-testid="bound-lower" />
          </label>
          <label className="an-field">
            <span>Största faktor</span>
            <input type="text" inputMode="decimal" value={text.boundUpper} placeholder="t.ex. 2" onChange={(e) => update({ ...text, boundUpper: e.target.value })} data-testid="bound-upper" />
          </label>
          <label className="an-field">
            <span>Minsta vikt (invånare per svar)</span>
            <input type="text" inputMode="decimal" value={text.trimLower} placeholder="ingen" onChange={(e) => update({ ...text, trimLower: e.target.value })} data-testid="trim-lower" />
          </label>
          <label className="an-field">
            <span>Största vikt (invånare per svar)</span>
            <input type="text" inputMode="decimal" value={text.trimUpper} placeholder="ingen" onChange={(e) => update({ ...text, trimUpper: e.target.value })} data-testid="trim-upper" />
          </label>
        </div>
      </fieldset>
      <label className="an-field">
        <span>Frihetsgrader för intervallen</span>
        <select value={request.df ?? 'design'} onChange={(e) => onChange({ ...request, df: e.target.value as 'design' | 'answered' })} data-testid="df-rule">
          <option value="design">Som R (alla i gruppen, även de som inte svarat på frågan)</option>
          <option value="answered">Bara de som svarat på frågan</option>
        </select>
      </label>
    </>
  );
}
