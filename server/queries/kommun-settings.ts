import type { Queryable } from '../db/database';
import type { CampaignArea } from '../../domain/templates/prepare-survey';

export interface KommunSettingsRow {
  kommunkod: string;
  areas: CampaignArea[];
  contact: Record<string, string>;
  minCell: number;
  responsesMonths: number | null;
  registrationsMonths: number | null;
  tablesMonths: number | null;
  auditMonths: number | null;
  updatedAt: string;
}

const columns = `kommunkod, areas, contact, min_cell as "minCell",
  retention_responses_months as "responsesMonths", retention_registrations_months as "registrationsMonths",
  retention_tables_months as "tablesMonths", retention_audit_months as "auditMonths", updated_at as "updatedAt"`;

export async function findKommunSettings(db: Queryable, kommunkod: string): Promise<KommunSettingsRow | undefined> {
  const rows = await db.query<KommunSettingsRow>(`select ${columns} from kommun_settings where kommunkod = $1`, [kommunkod]);
  return rows[0];
}

/** Every kommun that has settings (the retention job reads them all). */
export async function listKommunSettings(db: Queryable): Promise<KommunSettingsRow[]> {
  return db.query<KommunSettingsRow>(`select ${columns} from kommun_settings order by kommunkod`);
}

export interface KommunSettingsChange {
  areas?: CampaignArea[];
  contact?: Record<string, string>;
  minCell?: number;
  /** A key present with null clears that retention period. */
  retention?: Partial<Record<'responsesMonths' | 'registrationsMonths' | 'tablesMonths' | 'auditMonths', number | null>>;
  updatedBy: string;
}

/** Creates or changes a kommun's settings; absent fields keep their value. */
export async function upsertKommunSettings(db: Queryable, kommunkod: string, change: KommunSettingsChange): Promise<void> {
  const retention = change.retention ?? {};
  const has = (key: keyof typeof retention) => key in retention;
  await db.query(
    `insert into kommun_settings as s (kommunkod, areas, contact, min_cell, retention_responses_months, retention_registrations_months,
                                       retention_tables_months, retention_audit_months, updated_by)
     values ($1, coalesce($2::jsonb, '[]'), coalesce($3::jsonb, '{}'), coalesce($4, 5), $6, $8, $10, $12, $13)
     on conflict (kommunkod) do update set
       areas = coalesce($2::jsonb, s.areas),
       contact = coalesce($3::jsonb, s.contact),
       min_cell = coalesce($4, s.min_cell),
       retention_responses_months = case when $5 then $6::int else s.retention_responses_months end,
       retention_registrations_months = case when $7 then $8::int else s.retention_registrations_months end,
       retention_tables_months = case when $9 then $10::int else s.retention_tables_months end,
       retention_audit_months = case when $11 then $12::int else s.retention_audit_months end,
       updated_by = $13,
       updated_at = now()`,
    [
      kommunkod,
      change.areas === undefined ? null : JSON.stringify(change.areas),
      change.contact === undefined ? null : JSON.stringify(change.contact),
      change.minCell ?? null,
      has('responsesMonths'),
      retention.responsesMonths ?? null,
      has('registrationsMonths'),
      retention.registrationsMonths ?? null,
      has('tablesMonths'),
      retention.tablesMonths ?? null,
      has('auditMonths'),
      retention.auditMonths ?? null,
      change.updatedBy,
    ],
  );
}

/** The kommun's units of socialtjänsten. */
export async function listUnitsOfKommun(db: Queryable, kommunkod: string): Promise<{ id: string; verksamhet: string; enhet: string }[]> {
  return db.query('select id, verksamhet, enhet from units where kommunkod = $1 order by verksamhet, enhet', [kommunkod]);
}
