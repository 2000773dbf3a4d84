/** For admins: import a newer year of SCB's population table (BE0101) as Statistikdatabasen gives it. */
import { useState } from 'react';
import type { ScbPopulationImport } from '../../../../contracts/population';
import { apiBytes, errorMessage } from '../../api';

export function ScbYearImport({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<{ kind: 'idle' | 'busy' | 'done' | 'error'; message?: string }>({ kind: 'idle' });
  const upload = async () => {
    if (!file) return;
    setState({ kind: 'busy' });
    try {
      const answer = await apiBytes<ScbPopulationImport>(`/api/admin/population-years?fileName=${encodeURIComponent(file.name)}`, await file.arrayBuffer());
      setState({ kind: 'done', message: `SCB:s befolkningstal för ${answer.years.map((y) => y.year).join(', ')} är inlästa.` });
      onImported();
    } catch (error) {
      setState({ kind: 'error', message: errorMessage(error) });
    }
  };
  return (
    <details className="an-upload" data-testid="import-scb">
      <summary>Läs in ett nyare år från SCB (administratör)</summary>
      <p className="an-hint">
        Hämta tabellen Folkmängd efter region, ålder och kön (BE0101N1) i SCB:s Statistikdatabas med alla kommuner, alla åldrar (0–100+), båda könen och det år du vill
        ha, och spara den som PX eller CSV. Filen kontrolleras: alla kommuner och åldrar ska finnas och antalen vara hela tal.
      </p>
      <label className="an-field">
        <span>Fil (PX eller CSV)</span>
        <input type="file" accept=".px,.csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="import-scb-file" />
      </label>
      <button type="button" className="secondary" disabled={!file || state.kind === 'busy'} onClick={() => void upload()} data-testid="import-scb-submit">
        {state.kind === 'busy' ? 'Läser in…' : 'Läs in'}
      </button>
      <p role={state.kind === 'error' ? 'alert' : 'status'} className={state.kind === 'error' ? 'an-error' : 'an-ok'} data-testid="import-scb-status">
        {state.message ?? ''}
      </p>
    </details>
  );
}
