import { useId, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import { useApi } from '../useApi';
import type { TemplateSummary } from '../../../contracts/templates';
import { campaignPath } from './fieldwork-api';
import type { CreatedResponse } from '../../../contracts/common';

/** "Ny undersökning": choose a questionnaire, a title and how respondents get in. */
export function NewCampaignPage() {
  const { me } = useSession();
  const templates = useApi<TemplateSummary[]>('/api/templates');
  const formId = useId();
  const analystKommuner = me.kommuner.filter((k) => me.roles.some((r) => r.role === 'analyst' && r.kommunkod === k.kod));
  const [templateKey, setTemplateKey] = useState('');
  const [title, setTitle] = useState('');
  const [mode, setMode] = useState<'codes' | 'open' | 'classes'>('codes');
  const [kommunkod, setKommunkod] = useState(analystKommuner[0]?.kod ?? '');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const population = templates.state === 'ready' ? templates.data.filter((t) => t.kind === 'population') : [];
  const chosen = population.find((t) => `${t.id}@${t.version}` === templateKey) ?? population[0];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return setError('Välj en enkät.');
    if (title.trim() === '') return setError('Ge undersökningen en titel.');
    setBusy(true);
    setError(undefined);
    try {
      const created = await api<CreatedResponse>('POST', '/api/campaigns', {
        templateId: chosen.id,
        templateVersion: chosen.version,
        title: title.trim(),
        mode,
        ...(kommunkod ? { kommunkod } : {}),
      });
      navigate(campaignPath(created.id));
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to="/arbetsyta/">Alla undersökningar</Link>
      </p>
      <h1>Ny undersökning</h1>
      {templates.state === 'loading' && <p role="status">Hämtar enkäter…</p>}
      {templates.state === 'error' && (
        <p className="error-box" role="alert">
          {templates.message}
        </p>
      )}
      {templates.state === 'ready' && (
        <form className="form panel narrow" onSubmit={(event) => void submit(event)} noValidate>
          <div className="field">
            <label htmlFor={`${formId}-template`}>Enkät</label>
            <select id={`${formId}-template`} value={chosen ? `${chosen.id}@${chosen.version}` : ''} onChange={(e) => setTemplateKey(e.target.value)}>
              {population.map((t) => (
                <option key={`${t.id}@${t.version}`} value={`${t.id}@${t.version}`}>
                  {t.title} ({t.id}, version {t.version})
                </option>
              ))}
            </select>
            <p className="hint">Undersökningen behåller den här versionen av enkäten även om mallen ändras senare.</p>
          </div>
          <div className="field">
            <label htmlFor={`${formId}-title`}>Titel</label>
            <input
              id={`${formId}-title`}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              maxLength={200}
              placeholder="t.ex. Befolkningsenkät om trygghet 2026"
              aria-describedby={`${formId}-title-hint`}
            />
            <p className="hint" id={`${formId}-title-hint`}>
              Syns bara i arbetsytan. De svarande ser mallens neutrala titel, som du kan ändra under Inställningar.
            </p>
          </div>
          {analystKommuner.length > 1 && (
            <div className="field">
              <label htmlFor={`${formId}-kommun`}>Kommun</label>
              <select id={`${formId}-kommun`} value={kommunkod} onChange={(e) => setKommunkod(e.target.value)}>
                {analystKommuner.map((k) => (
                  <option key={k.kod} value={k.kod}>
                    {k.namn}
                  </option>
                ))}
              </select>
            </div>
          )}
          <fieldset>
            <legend>Hur kommer respondenterna in?</legend>
            <label className="check">
              <input type="radio" name={`${formId}-mode`} checked={mode === 'codes'} onChange={() => setMode('codes')} />
              <span>
                <strong>Personliga koder i brev</strong> (slumpmässigt urval ur befolkningsregistret; ger vikter och svarsfrekvens)
              </span>
            </label>
            <label className="check">
              <input type="radio" name={`${formId}-mode`} checked={mode === 'open'} onChange={() => setMode('open')} />
              <span>
                <strong>Öppen länk</strong> (vem som helst med länken kan svara; inget urval, går inte att vikta till befolkningen)
              </span>
            </label>
            <label className="check">
              <input type="radio" name={`${formId}-mode`} checked={mode === 'classes'} onChange={() => setMode('classes')} data-testid="mode-classes" />
              <span>
                <strong>En länk per skolklass</strong> (skolenkät: läraren visar länken i klassrummet; svarsfrekvens per klass; vägs till elever per
                skola, årskurs och kön)
              </span>
            </label>
          </fieldset>
          {error && (
            <p className="error-box" role="alert">
              {error}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Skapar…' : 'Skapa undersökning'}
            </button>
            <Link to="/arbetsyta/" className="button-link">
              Avbryt
            </Link>
          </div>
        </form>
      )}
    </>
  );
}
