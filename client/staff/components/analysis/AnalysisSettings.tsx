/** The analysis page's choices: indicators, groups, population and register tables (with uploads), method. */
import { textFor } from '../../../../domain/localized-text';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { apiText, errorMessage } from '../../api';
import type { AnalysisSetup } from '../../../../contracts/analysis';
import { VARIABLE_LABELS, type AnalysisForm } from './analysis-api';
import { AnalysisWeightingOptions } from './AnalysisWeightingOptions';
import { ScbYearImport } from './ScbYearImport';
import { PopulationTableList } from './PopulationTableList';
import type { PopulationTableSummary } from '../../../../contracts/population';

export function defaultRequest(setup: AnalysisSetup): AnalysisForm {
  const withRegister = setup.indicators.filter((i) => i.registerCategory !== null).map((i) => i.id);
  // Class links weigh to the pupils by skola × årskurs × kön, not to SCB's residents.
  const classes = setup.design.source === 'class';
  const newestArea = setup.populationTables.find((t) => t.active && (classes ? t.columns.includes('skola') && t.columns.includes('arskurs') : t.columns.includes('omrade')));
  return {
    indicators: withRegister.length > 0 ? withRegister : setup.indicators.map((i) => i.id),
    by: setup.variables.map((v) => [v]),
    method: 'rake',
    ci: 'logit',
    minCell: setup.defaultMinCell,
    useScb: !classes,
    populationTableIds: newestArea ? [newestArea.id] : [],
    registeredTableId: setup.registeredTables[0]?.id,
  };
}

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

export function AnalysisSettings({
  setup,
  request,
  onChange,
  onRun,
  running,
  onUploaded,
  onTableChanged,
}: {
  setup: AnalysisSetup;
  request: AnalysisForm;
  onChange: (request: AnalysisForm) => void;
  onRun: () => void;
  running: boolean;
  onUploaded: () => void;
  /** A population table was switched off, on or deleted. */
  onTableChanged: (table: PopulationTableSummary, change: 'off' | 'on' | 'deleted') => void;
}) {
  const crossings = setup.variables.includes('kon') && setup.variables.includes('aldersgrupp') ? [['kon', 'aldersgrupp']] : [];
  const domainOptions = [...setup.variables.map((v) => [v]), ...crossings];
  const key = (d: readonly string[]) => d.join(':');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onRun();
  };
  return (
    <form className="an-settings no-print" onSubmit={submit} aria-label="Analysens inställningar">
      <fieldset className="an-fieldset">
        <legend>Indikatorer</legend>
        <div className="an-checks an-checks-wide">
          {setup.indicators.map((indicator) => (
            <label key={indicator.id} className="an-check">
              <input
                type="checkbox"
                checked={request.indicators.includes(indicator.id)}
                onChange={(e) => onChange({ ...request, indicators: setup.indicators.map((i) => i.id).filter((id) => (id === indicator.id ? e.target.checked : request.indicators.includes(id))) })}
                data-testid={`indicator-${indicator.id}`}
              />
              <span>
                {textFor(indicator.label)} <span className="an-muted">({indicator.period})</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="an-fieldset">
        <legend>Redovisa även per</legend>
        <div className="an-checks">
          {domainOptions.map((domain) => (
            <label key={key(domain)} className="an-check">
              <input
                type="checkbox"
                checked={request.by.some((d) => key(d) === key(domain))}
                onChange={(e) =>
                  onChange({ ...request, by: domainOptions.filter((d) => (key(d) === key(domain) ? e.target.checked : request.by.some((b) => key(b) === key(d)))) })
                }
                data-testid={`by-${key(domain)}`}
              />
              <span>{domain.map((v) => VARIABLE_LABELS[v] ?? v).join(' × ')}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="an-fieldset">
        <legend>Befolkningstal som svaren vägs till</legend>
        <p className="an-hint" data-testid="design-source">
          {setup.design.source === 'register'
            ? `Kön, åldersgrupp och område hämtas från urvalsramen (registret) via svarskoden, så alla svar kan vägas. Utgångsvikten är ${
                setup.design.stratified ? 'stratumets befolkning delad med antalet svarande i stratumet (N_h/n_h)' : 'befolkningen delad med antalet svarande'
              }.`
            : setup.design.source === 'class'
              ? 'Skola och årskurs hämtas från klasslänken, kön från svaren. Svaren vägs till kommunens tabell över elever per skola, årskurs och kön (ladda upp den under Befolkningstabeller). Den som inte angett kön, eller svarat "annat", kan inte vägas och redovisas för sig.'
              : 'Kön, ålder och område hämtas från svaren. Den som inte angett dem, eller svarat "annat", kan inte vägas och redovisas för sig.'}
        </p>
        <label className="an-check">
          <input type="checkbox" checked={request.useScb} onChange={(e) => onChange({ ...request, useScb: e.target.checked })} data-testid="use-scb" />
          <span>
            Kön × åldersgrupp från SCB, folkmängd 31 december
            {setup.campaign.isDemo || setup.campaign.kommunkod === '9999' ? (
              <span className="an-muted"> (demokommunen: Örebros tal skalade till en tiondel, inte en verklig befolkning)</span>
            ) : null}
          </span>
        </label>
        <label className="an-field an-indent">
          <span>År för SCB:s befolkningstal</span>
          <select
            value={request.populationYear ?? ''}
            onChange={(e) => onChange({ ...request, populationYear: e.target.value === '' ? undefined : Number(e.target.value) })}
            disabled={!request.useScb}
            data-testid="population-year"
          >
            <option value="">Närmast fältarbetet</option>
            {setup.populationYears.map((y) => (
              <option key={y.year} value={y.year}>
                31 december {y.year}
                {y.builtIn ? ' (inbyggd)' : ''}
              </option>
            ))}
          </select>
        </label>
        {setup.isAdmin && <ScbYearImport onImported={onUploaded} />}
        <PopulationTableList
          kommunkod={setup.campaign.kommunkod}
          tables={setup.populationTables}
          chosen={request.populationTableIds}
          onChoose={(id, on) => onChange({ ...request, populationTableIds: toggle(request.populationTableIds, id, on), scaleScbToTable: undefined })}
          onChanged={onTableChanged}
        />
        <UploadForm
          title="Ladda upp kommunens egen tabell"
          hint={
            setup.design.source === 'class' ? (
              <>
                CSV med kolumnerna <code>skola</code>, <code>arskurs</code>, <code>kon</code> och <code>antal</code>: antalet elever per skola,
                årskurs och kön, med skolorna och årskurserna skrivna som i klasslistan.
              </>
            ) : (
              <>
                CSV med kolumnerna <code>omrade</code> och <code>antal</code>, eller <code>kon</code>, <code>aldersgrupp</code>, <code>omrade</code> och{' '}
                <code>antal</code>. Område anges med samma koder som i enkäten. Summan bör stämma med SCB:s tal för samma åldrar, annars kan vikterna inte beräknas.
              </>
            )
          }
          path={`/api/kommuner/${encodeURIComponent(setup.campaign.kommunkod)}/population-tables`}
          extra={[{ name: 'source', label: 'Källa', placeholder: 't.ex. Kommunens statistik, 31 dec 2024' }]}
          onUploaded={onUploaded}
          testId="upload-population"
        />
      </fieldset>

      <fieldset className="an-fieldset">
        <legend>Registrerade ärenden (för mörkertal)</legend>
        <label className="an-field">
          <span>Registertabell</span>
          <select
            value={request.registeredTableId ?? ''}
            onChange={(e) => onChange({ ...request, registeredTableId: e.target.value || undefined })}
            data-testid="registered-select"
          >
            <option value="">Ingen jämförelse med registret</option>
            {setup.registeredTables.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
                {t.period ? `, ${t.period}` : ''} ({t.unit === 'persons' ? 'personer' : 'ärenden'})
              </option>
            ))}
          </select>
        </label>
        <UploadForm
          title="Ladda upp registrerade (REG.csv)"
          hint={
            <>
              CSV med kolumnerna <code>indikator</code>, eventuellt <code>kon</code>, <code>aldersgrupp</code> eller <code>omrade</code>, och <code>antal</code>. Indikator
              anges som indikatorns id eller registerkategori, t.ex. <code>vald_i_nara_relation</code>. Bara antal, aldrig personuppgifter.
            </>
          }
          path={`/api/campaigns/${encodeURIComponent(setup.campaign.id)}/registered-tables`}
          extra={[{ name: 'period', label: 'Period', placeholder: 't.ex. kalenderåret 2024' }]}
          unit
          onUploaded={onUploaded}
          testId="upload-registered"
        />
      </fieldset>

      <details className="an-advanced">
        <summary>Metod och skydd av små grupper</summary>
        <div className="an-advanced-grid">
          <label className="an-field">
            <span>Vägningsmetod</span>
            <select value={request.method} onChange={(e) => onChange({ ...request, method: e.target.value as AnalysisForm['method'] })}>
              <option value="rake">Rakning (rekommenderas)</option>
              <option value="poststrat">Efterstratifiering</option>
              <option value="linear">Linjär kalibrering (GREG)</option>
            </select>
          </label>
          <label className="an-field">
            <span>Konfidensintervall</span>
            <select value={request.ci} onChange={(e) => onChange({ ...request, ci: e.target.value as AnalysisForm['ci'] })}>
              <option value="logit">Logit (standard)</option>
              <option value="beta">Korn–Graubard</option>
              <option value="wilson">Wilson</option>
            </select>
          </label>
          <label className="an-field">
            <span>Minsta antal per cell</span>
            <input
              type="number"
              min={setup.minCellFloor}
              max={100}
              value={request.minCell}
              onChange={(e) => onChange({ ...request, minCell: Math.max(setup.minCellFloor, Number(e.target.value) || setup.defaultMinCell) })}
              data-testid="min-cell"
            />
          </label>
        </div>
        <AnalysisWeightingOptions request={request} onChange={onChange} />
      </details>

      <div className="an-actions">
        <button type="submit" className="primary" disabled={running || request.indicators.length === 0} data-testid="run-analysis">
          {running ? 'Beräknar…' : 'Beräkna'}
        </button>
        {request.indicators.length === 0 && <span className="an-muted">Välj minst en indikator.</span>}
      </div>
    </form>
  );
}

function UploadForm({
  title,
  hint,
  path,
  extra,
  unit,
  onUploaded,
  testId,
}: {
  title: string;
  hint: ReactNode;
  path: string;
  extra: { name: string; label: string; placeholder: string }[];
  unit?: boolean;
  onUploaded: () => void;
  testId: string;
}) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [unitValue, setUnitValue] = useState<'persons' | 'cases'>('persons');
  const [state, setState] = useState<{ kind: 'idle' | 'busy' | 'done' | 'error'; message?: string }>({ kind: 'idle' });
  const upload = async () => {
    if (!file) return;
    setState({ kind: 'busy' });
    try {
      const params = new URLSearchParams({ fileName: file.name, name: name.trim() || file.name });
      for (const field of extra) if (values[field.name]?.trim()) params.set(field.name, values[field.name].trim());
      if (unit) params.set('unit', unitValue);
      await apiText('POST', `${path}?${params}`, { body: await file.text(), contentType: 'text/csv; charset=utf-8' });
      setState({ kind: 'done', message: `${file.name} är uppladdad.` });
      onUploaded();
    } catch (error) {
      setState({ kind: 'error', message: errorMessage(error) });
    }
  };
  return (
    <details className="an-upload" data-testid={testId}>
      <summary>{title}</summary>
      <p className="an-hint">{hint}</p>
      <div className="an-upload-grid">
        <label className="an-field">
          <span>Fil (CSV)</span>
          <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid={`${testId}-file`} />
        </label>
        <label className="an-field">
          <span>Namn</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="t.ex. Områden 2024" />
        </label>
        {extra.map((field) => (
          <label key={field.name} className="an-field">
            <span>{field.label}</span>
            <input type="text" value={values[field.name] ?? ''} placeholder={field.placeholder} onChange={(e) => setValues({ ...values, [field.name]: e.target.value })} />
          </label>
        ))}
        {unit && (
          <label className="an-field">
            <span>Räknar</span>
            <select value={unitValue} onChange={(e) => setUnitValue(e.target.value as 'persons' | 'cases')}>
              <option value="persons">personer</option>
              <option value="cases">ärenden</option>
            </select>
          </label>
        )}
      </div>
      <button type="button" className="secondary" disabled={!file || state.kind === 'busy'} onClick={() => void upload()} data-testid={`${testId}-submit`}>
        {state.kind === 'busy' ? 'Laddar upp…' : 'Ladda upp'}
      </button>
      <p id={`${id}-status`} role={state.kind === 'error' ? 'alert' : 'status'} className={state.kind === 'error' ? 'an-error' : 'an-ok'} data-testid={`${testId}-status`}>
        {state.message ?? ''}
      </p>
    </details>
  );
}
