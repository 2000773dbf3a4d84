import type { Queryable } from '../db/database';

export interface InstallationRow {
  scope: 'kommun' | 'lan';
  kommunkod: string | null;
  lanKod: string | null;
  configuredAt: string;
}

/** The kommun or län the installation serves; undefined until the first admin has chosen. */
export async function findInstallation(db: Queryable): Promise<InstallationRow | undefined> {
  const rows = await db.query<InstallationRow>(
    `select scope, kommunkod, lan_kod as "lanKod", configured_at as "configuredAt" from installation`,
  );
  return rows[0];
}

/** Records the choice once; false if it had been made already. */
export async function insertInstallation(
  db: Queryable,
  choice: { scope: 'kommun' | 'lan'; kommunkod: string | null; lanKod: string | null; configuredBy: string },
): Promise<boolean> {
  const rows = await db.query(
    `insert into installation (scope, kommunkod, lan_kod, configured_by) values ($1, $2, $3, $4)
     on conflict (id) do nothing returning id`,
    [choice.scope, choice.kommunkod, choice.lanKod, choice.configuredBy],
  );
  return rows.length === 1;
}
