/**
 * The kommun's own population tables on the analysis page: choose them for
 * the analysis, switch a table off (kept, never chosen) or on again, or
 * delete it. A bad table can so always be put aside.
 */
import { useState } from 'react';
import { api, errorMessage } from '../../api';
import type { PopulationTableSummary } from '../../../../contracts/population';
import { ConfirmDialog } from '../ConfirmDialog';
import { variableLabel } from '../../../../domain/value-labels';

export function PopulationTableList({
  kommunkod,
  tables,
  chosen,
  onChoose,
  onChanged,
}: {
  kommunkod: string;
  tables: readonly PopulationTableSummary[];
  chosen: readonly string[];
  onChoose: (id: string, on: boolean) => void;
  /** After a table was switched or deleted: reload the set-up (and drop it from the choice). */
  onChanged: (table: PopulationTableSummary, change: 'off' | 'on' | 'deleted') => void;
}) {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [deleting, setDeleting] = useState<PopulationTableSummary>();
  const base = `/api/kommuner/${encodeURIComponent(kommunkod)}/population-tables`;

  const switchTable = async (table: PopulationTableSummary, active: boolean) => {
    setBusy(table.id);
    setError(undefined);
    try {
      await api('PATCH', `${base}/${encodeURIComponent(table.id)}`, { active });
      onChanged(table, active ? 'on' : 'off');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };
  const remove = async (table: PopulationTableSummary) => {
    setBusy(table.id);
    setError(undefined);
    try {
      await api('DELETE', `${base}/${encodeURIComponent(table.id)}`);
      setDeleting(undefined);
      onChanged(table, 'deleted');
    } catch (e) {
      setError(errorMessage(e));
      setDeleting(undefined);
    } finally {
      setBusy(undefined);
    }
  };

  if (tables.length === 0) return null;
  return (
    <div className="an-table-list" data-testid="population-tables">
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      <ul>
        {tables.map((table) => (
          <li key={table.id} className={table.active ? undefined : 'an-table-off'} data-testid="population-table">
            <label className="an-check">
              <input
                type="checkbox"
                checked={table.active && chosen.includes(table.id)}
                disabled={!table.active}
                onChange={(e) => onChoose(table.id, e.target.checked)}
              />
              <span>
                {table.name}{' '}
                <span className="an-muted">
                  ({table.columns.filter((c) => c !== 'antal').map(variableLabel).join(' × ')}, {table.total.toLocaleString('sv-SE')} invånare
                  {table.source ? `; ${table.source}` : ''}){table.active ? '' : ' – avstängd, används inte'}
                </span>
              </span>
            </label>
            <span className="an-table-actions">
              <button
                type="button"
                className="link-button"
                disabled={busy === table.id}
                onClick={() => void switchTable(table, !table.active)}
                data-testid={table.active ? 'table-off' : 'table-on'}
              >
                {table.active ? 'Stäng av' : 'Slå på'}
              </button>
              <button type="button" className="link-button danger-link" disabled={busy === table.id} onClick={() => setDeleting(table)} data-testid="table-delete">
                Radera
              </button>
            </span>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={deleting !== undefined}
        title="Radera befolkningstabellen?"
        confirmLabel="Radera tabellen"
        danger
        busy={busy !== undefined}
        onConfirm={() => deleting && void remove(deleting)}
        onCancel={() => setDeleting(undefined)}
      >
        <p>
          Tabellen <strong>{deleting?.name}</strong> raderas från kommunens befolkningstabeller. Den kan laddas upp igen. Vill du bara sluta använda den,
          välj <strong>Stäng av</strong> i stället.
        </p>
      </ConfirmDialog>
    </div>
  );
}
