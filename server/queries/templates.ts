import type { CampaignKind } from '../../domain/campaign';
import type { Queryable } from '../db/database';
import type { TemplateDefinition } from '../../domain/templates/template-schema';

export interface TemplateSummary {
  id: string;
  version: number;
  kind: CampaignKind;
  title: string;
  kommunkod: string | null;
}

export async function insertTemplate(
  db: Queryable,
  template: TemplateDefinition,
  owner: { kommunkod: string | null; createdBy: string | null },
): Promise<void> {
  await db.query(
    `insert into templates (id, version, kommunkod, kind, title, definition, created_by)
     values ($1, $2, $3, $4, $5, $6, $7) on conflict (id, version) do nothing`,
    [template.id, template.version, owner.kommunkod, template.kind, template.title, JSON.stringify(template), owner.createdBy],
  );
}

/** The latest version of every template visible to these kommuner (built-in ones and their own). */
export async function listLatestTemplates(db: Queryable, kommunkods: readonly string[]): Promise<TemplateSummary[]> {
  return db.query<TemplateSummary>(
    `select distinct on (id) id, version, kind, title, kommunkod
       from templates
      where kommunkod is null or kommunkod = any($1::text[])
      order by id, version desc`,
    [kommunkods],
  );
}

export async function findTemplate(
  db: Queryable,
  id: string,
  version?: number,
): Promise<{ definition: TemplateDefinition; kommunkod: string | null; version: number } | undefined> {
  const rows = await db.query<{ definition: TemplateDefinition; kommunkod: string | null; version: number }>(
    version === undefined
      ? 'select definition, kommunkod, version from templates where id = $1 order by version desc limit 1'
      : 'select definition, kommunkod, version from templates where id = $1 and version = $2',
    version === undefined ? [id] : [id, version],
  );
  return rows[0];
}
