import { useId, useState } from 'react';
import { api, apiText, downloadText, errorMessage } from '../api';
import { navigate } from '../router';
import { useRefreshingApi } from './useRefreshingApi';
import type { TemplateLanguage, TemplateLanguages, TranslationImport } from '../../../contracts/locales';
import './translations.css';

/** "Granskad av X (2025-11-03)" or why not. */
function reviewText(review: TemplateLanguage['template']['review']): string {
  if (!review) return 'Inte granskad av en kvalificerad översättare';
  return review.shipped ? review.reviewer : `Granskad av ${review.reviewer}${review.reviewedOn ? ` (${review.reviewedOn})` : ''}`;
}

/**
 * The template's languages (docs/template-editing.md, "Translations"): per
 * language how much of the questionnaire is translated and which strings are
 * not, whether the translation and the respondent UI's strings are reviewed,
 * and the translator workflow: export a spreadsheet, import it back as a new
 * version, mark a reviewed translation so respondents are offered it.
 */
export function TranslationsPanel({ templateId, version }: { templateId: string; version: number }) {
  const id = useId();
  const path = `/api/templates/${encodeURIComponent(templateId)}`;
  const languages = useRefreshingApi<TemplateLanguages>(`${path}/languages?version=${version}`);
  const [newLang, setNewLang] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<string | void>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      const text = await work();
      if (text) setMessage({ kind: 'ok', text });
      await languages.refresh();
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const exportCsv = (lang: string) =>
    run(async () => {
      const response = await apiText('GET', `${path}/translations/${encodeURIComponent(lang)}.csv?version=${version}`);
      downloadText(response.text, `oversattning-${templateId}-v${version}-${lang}.csv`);
    });

  const importCsv = (lang: string, file: File) =>
    run(async () => {
      const text = await file.text();
      const translator = window.prompt('Vem översatte texterna? (visas i arbetsytan)') ?? '';
      const query = new URLSearchParams({ version: String(version), fileName: file.name, ...(translator.trim() ? { translator: translator.trim() } : {}) });
      const response = await apiText('POST', `${path}/translations/${encodeURIComponent(lang)}?${query}`, { body: text, contentType: 'text/csv' });
      const saved = JSON.parse(response.text) as TranslationImport;
      navigate(`/arbetsyta/mallar/${encodeURIComponent(saved.id)}?version=${saved.version}`);
      return `Översättningen är sparad som ${saved.id} version ${saved.version}: ${saved.translated} av ${saved.total} texter på ${lang}. Den är inte granskad än.`;
    });

  const review = (lang: string, subject: 'template' | 'ui') =>
    run(async () => {
      const reviewer = window.prompt('Vilken kvalificerad översättare granskade texterna? Ange namn (och gärna auktorisationsnummer).') ?? '';
      if (reviewer.trim().length < 2) return 'Ingen granskning registrerades.';
      if (subject === 'template') await api('POST', `${path}/translations/${encodeURIComponent(lang)}/review`, { version, reviewer: reviewer.trim() });
      else await api('POST', `/api/locales/ui/${encodeURIComponent(lang)}/review`, { reviewer: reviewer.trim() });
      return subject === 'template' ? 'Enkätens översättning är markerad som granskad.' : 'Gränssnittets översättning är markerad som granskad.';
    });

  return (
    <section className="panel translations" aria-labelledby={`${id}-heading`} data-testid="translations">
      <h2 id={`${id}-heading`}>Språk och översättningar</h2>
      <p className="hint">
        Svenska är mallens eget språk. Ett annat språk visas för de svarande först när enkäten och respondentgränssnittet är helt översatta
        och en kvalificerad översättare har granskat texterna. Ändras en text efter granskningen behöver den granskas igen.
      </p>
      {languages.state === 'loading' && <p role="status">Hämtar språken…</p>}
      {languages.state === 'error' && (
        <p className="error-box" role="alert">
          {languages.message}
        </p>
      )}
      {message && (
        <p className={message.kind === 'ok' ? 'notice' : 'error-box'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="translation-result">
          {message.text}
        </p>
      )}
      {languages.state === 'ready' && (
        <div className="table-wrap">
          <table className="data-table compact" data-testid="languages-table">
            <thead>
              <tr>
                <th scope="col">Språk</th>
                <th scope="col">Enkätens texter</th>
                <th scope="col">Gränssnittet</th>
                <th scope="col">Till de svarande</th>
                <th scope="col">Åtgärder</th>
              </tr>
            </thead>
            <tbody>
              {languages.data.languages
                .filter((lang) => lang.code !== 'sv')
                .map((lang) => (
                  <tr key={lang.code} data-testid={`language-row-${lang.code}`}>
                    <th scope="row">
                      <span lang={lang.code} dir={lang.dir}>
                        {lang.name}
                      </span>{' '}
                      ({lang.code})
                    </th>
                    <td>
                      {lang.template.translated} av {lang.template.total} översatta
                      {lang.template.translator && <div className="muted">Översättare: {lang.template.translator}</div>}
                      <div className={lang.template.review ? 'muted' : 'warning-text'} data-testid={`template-review-${lang.code}`}>
                        {lang.template.translated === 0 ? '' : reviewText(lang.template.review)}
                      </div>
                      {lang.template.missing.length > 0 && lang.template.missing.length < lang.template.total && (
                        <details>
                          <summary>Oöversatta texter ({lang.template.missing.length})</summary>
                          <ul className="untranslated" data-testid={`untranslated-${lang.code}`}>
                            {lang.template.missing.slice(0, 200).map((s) => (
                              <li key={s.id}>
                                <code>{s.id}</code>: {s.sv.replace(/<[^>]+>/g, ' ')}
                              </li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </td>
                    <td>
                      {!lang.ui.exists
                        ? 'Saknas (ingen språkfil)'
                        : lang.ui.problems.length > 0
                          ? `Ofullständig: ${lang.ui.problems.slice(0, 2).join('; ')}`
                          : lang.ui.review
                            ? lang.ui.review.shipped
                              ? 'Granskad före leverans'
                              : `Granskad av ${lang.ui.review.reviewer}`
                            : 'Inte granskad av en kvalificerad översättare'}
                    </td>
                    <td data-testid={`language-offered-${lang.code}`}>{lang.offered ? 'Erbjuds' : lang.reasons.join(' ')}</td>
                    <td>
                      <div className="button-column">
                        <button type="button" className="secondary small" disabled={busy} onClick={() => void exportCsv(lang.code)}>
                          Exportera för översättning (CSV)
                        </button>
                        <label className="secondary small file-button">
                          Importera översättning (CSV)
                          <input
                            type="file"
                            accept=".csv,text/csv"
                            className="visually-hidden"
                            disabled={busy}
                            onChange={(e) => {
                              const file = e.target.files?.[0];
                              e.target.value = '';
                              if (file) void importCsv(lang.code, file);
                            }}
                            data-testid={`import-${lang.code}`}
                          />
                        </label>
                        {lang.template.translated === lang.template.total && lang.template.source === 'translation' && !lang.template.review && (
                          <button type="button" className="secondary small" disabled={busy} onClick={() => void review(lang.code, 'template')} data-testid={`review-template-${lang.code}`}>
                            Markera enkätens översättning som granskad
                          </button>
                        )}
                        {lang.ui.exists && lang.ui.problems.length === 0 && !lang.ui.review && (
                          <button type="button" className="secondary small" disabled={busy} onClick={() => void review(lang.code, 'ui')} data-testid={`review-ui-${lang.code}`}>
                            Markera gränssnittets översättning som granskad
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        className="field-row"
        onSubmit={(event) => {
          event.preventDefault();
          if (/^[a-z]{2,3}$/.test(newLang)) void exportCsv(newLang);
          else setMessage({ kind: 'error', text: 'Skriv en språkkod med två eller tre små bokstäver, till exempel so eller ti.' });
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-new`}>Nytt språk (kod)</label>
          <input id={`${id}-new`} value={newLang} onChange={(e) => setNewLang(e.target.value.trim().toLowerCase())} maxLength={3} placeholder="so" />
        </div>
        <button type="submit" className="secondary" disabled={busy}>
          Exportera för översättning (CSV)
        </button>
      </form>
    </section>
  );
}
