import type { Queryable } from '../db/database';
import type { TemplateDefinition } from '../../domain/templates/template-schema';

export interface TemplateVersionRow {
  version: number;
  title: string;
  createdAt: string;
}

/** Every stored version of one template id, newest first (no definitions). */
export async function listTemplateVersions(db: Queryable, id: string): Promise<TemplateVersionRow[]> {
  return db.query<TemplateVersionRow>(
    `select version, title, created_at as "createdAt" from templates where id = $1 order by version desc`,
    [id],
  );
}

/** The highest version of a template id, or 0 when the id has none. */
export async function latestTemplateVersion(db: Queryable, id: string): Promise<number> {
  const rows = await db.query<{ version: number | null }>('select max(version) as version from templates where id = $1', [id]);
  return rows[0]?.version ?? 0;
}

/**
 * Stores a new template version. Returns false (nothing written) when the
 * id and version already exist, i.e. another save got there first.
 */
export async function insertTemplateVersion(
  db: Queryable,
  template: TemplateDefinition,
  owner: { kommunkod: string; createdBy: string },
): Promise<boolean> {
  const rows = await db.query(
    `insert into templates (id, version, kommunkod, kind, title, definition, created_by)
     values ($1, $2, $3, $4, $5, $6, $7) on conflict (id, version) do nothing returning version`,
    [template.id, template.version, owner.kommunkod, template.kind, template.title, JSON.stringify(template), owner.createdBy],
  );
  return rows.length === 1;
}
