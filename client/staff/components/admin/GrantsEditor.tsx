import { useEffect, useId, useState } from 'react';
import type { KommunInfo, KommunSettings, RoleGrantInput, UnitInfo } from '../../../../contracts/admin';
import { ROLE_NAMES, type RoleName } from '../../../../domain/campaign';
import { api } from '../../api';
import { grantText } from '../../pages/admin-api';
import { roleLabels } from '../../session';

/** Units of each kommun, fetched when first needed. */
export function useUnits(kommunkods: readonly string[]): Record<string, readonly UnitInfo[]> {
  const [units, setUnits] = useState<Record<string, readonly UnitInfo[]>>({});
  const key = [...new Set(kommunkods)].sort().join(',');
  useEffect(() => {
    let cancelled = false;
    for (const kod of key.split(',').filter(Boolean)) {
      api<KommunSettings>('GET', `/api/admin/kommuner/${kod}/settings`).then(
        (settings) => !cancelled && setUnits((current) => ({ ...current, [kod]: settings.units })),
        () => undefined,
      );
    }
    return () => {
      cancelled = true;
    };
  }, [key]);
  return units;
}

/**
 * The role grants of an account: remove any, add analyst (with or without
 * the microdata right), screener of a unit, county viewer of a län, admin.
 */
export function GrantsEditor({
  grants,
  onChange,
  kommuner,
  allKommuner,
  defaultKommun,
}: {
  grants: readonly RoleGrantInput[];
  onChange: (grants: RoleGrantInput[]) => void;
  /** The installation's kommuner (served ones and the demo kommun). */
  kommuner: readonly KommunInfo[];
  /** Every kommun, for the län list. */
  allKommuner: readonly KommunInfo[];
  defaultKommun: string;
}) {
  const id = useId();
  const [role, setRole] = useState<RoleName>('analyst');
  const [kommunkod, setKommunkod] = useState(defaultKommun);
  const [unitId, setUnitId] = useState('');
  const [lanKod, setLanKod] = useState(kommuner.find((k) => k.kod === defaultKommun && !k.isDemo)?.lanKod ?? '');
  const [microdata, setMicrodata] = useState(false);
  const units = useUnits([kommunkod, ...grants.flatMap((g) => (g.role === 'screener' && g.kommunkod ? [g.kommunkod] : []))]);
  const lan = [...new Map(allKommuner.filter((k) => !k.isDemo).map((k) => [k.lanKod, k.lanNamn])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'sv'));
  const names = { kommuner: allKommuner, units: Object.values(units).flat() };
  const unitsHere = units[kommunkod] ?? [];

  const candidate: RoleGrantInput | undefined =
    role === 'admin'
      ? { role }
      : role === 'county_viewer'
        ? lanKod
          ? { role, lanKod }
          : undefined
        : role === 'screener'
          ? unitId
            ? { role, kommunkod, unitId }
            : undefined
          : { role, kommunkod, microdataExport: microdata };
  const add = () => {
    if (!candidate) return;
    const same = (g: RoleGrantInput) => g.role === candidate.role && g.kommunkod === candidate.kommunkod && g.unitId === candidate.unitId && g.lanKod === candidate.lanKod;
    onChange([...grants.filter((g) => !same(g)), candidate]);
  };

  return (
    <div className="grants-editor">
      {grants.length === 0 ? (
        <p className="muted">Inga roller ännu.</p>
      ) : (
        <ul className="grant-list" data-testid="grant-list">
          {grants.map((grant, index) => (
            <li key={`${grant.role}-${grant.kommunkod}-${grant.unitId}-${grant.lanKod}`}>
              <span>{grantText(grant, names)}</span>
              <button type="button" className="link-button" onClick={() => onChange(grants.filter((_, i) => i !== index))} aria-label={`Ta bort rollen ${grantText(grant, names)}`}>
                Ta bort
              </button>
            </li>
          ))}
        </ul>
      )}
      <fieldset className="grant-add">
        <legend>Lägg till roll</legend>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-role`}>Roll</label>
            <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as RoleName)} data-testid="grant-role">
              {ROLE_NAMES.map((name) => (
                <option key={name} value={name}>
                  {roleLabels[name] ?? name}
                </option>
              ))}
            </select>
          </div>
          {(role === 'analyst' || role === 'screener') && (
            <div className="field">
              <label htmlFor={`${id}-kommun`}>Kommun</label>
              <select id={`${id}-kommun`} value={kommunkod} onChange={(e) => setKommunkod(e.target.value)}>
                {kommuner.map((k) => (
                  <option key={k.kod} value={k.kod}>
                    {k.namn}
                  </option>
                ))}
              </select>
            </div>
          )}
          {role === 'screener' && (
            <div className="field">
              <label htmlFor={`${id}-unit`}>Enhet</label>
              <select id={`${id}-unit`} value={unitId} onChange={(e) => setUnitId(e.target.value)} data-testid="grant-unit">
                <option value="">{unitsHere.length === 0 ? 'Inga enheter – lägg till under Kommunens inställningar' : 'Välj enhet…'}</option>
                {unitsHere.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.enhet}
                  </option>
                ))}
              </select>
            </div>
          )}
          {role === 'county_viewer' && (
            <div className="field">
              <label htmlFor={`${id}-lan`}>Län</label>
              <select id={`${id}-lan`} value={lanKod} onChange={(e) => setLanKod(e.target.value)}>
                <option value="">Välj län…</option>
                {lan.map(([kod, namn]) => (
                  <option key={kod} value={kod}>
                    {namn}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        {role === 'analyst' && (
          <label className="check">
            <input type="checkbox" checked={microdata} onChange={(e) => setMicrodata(e.target.checked)} data-testid="grant-microdata" />
            <span>Får exportera svar på individnivå (mikrodata)</span>
          </label>
        )}
        <div className="button-row">
          <button type="button" className="secondary small-button" onClick={add} disabled={!candidate} data-testid="grant-add">
            Lägg till rollen
          </button>
        </div>
      </fieldset>
    </div>
  );
}
