import type { CampaignKind, CampaignStatus } from '../../domain/campaign';
import type { RegistrationChanges, ScreeningListItem } from '../../contracts/screening';
import type { ScreeningRegistrationFields } from '../../domain/screening-contact';
import type { Queryable } from '../db/database';

/** Campaign columns a screening month needs. */
export interface ScreeningCampaignRow {
  id: string;
  kommunkod: string;
  kind: CampaignKind;
  title: string;
  status: CampaignStatus;
  period_start: string | null;
  period_end: string | null;
  definition: unknown;
  closed_on: string | null;
  microdata_deleted_on: string | null;
}

export async function findScreeningCampaign(db: Queryable, id: string): Promise<ScreeningCampaignRow | undefined> {
  const rows = await db.query<ScreeningCampaignRow>(
    `select id, kommunkod, kind, title, status, period_start, period_end, definition, closed_on, microdata_deleted_on
       from campaigns where id = $1 and kind = 'screening'`,
    [id],
  );
  return rows[0];
}

export async function updateScreeningCampaign(
  db: Queryable,
  id: string,
  changes: { title?: string; periodStart?: string; periodEnd?: string; status?: ScreeningCampaignRow['status'] },
): Promise<void> {
  await db.query(
    `update campaigns set title = coalesce($2, title), period_start = coalesce($3::date, period_start),
            period_end = coalesce($4::date, period_end), status = coalesce($5, status),
            closed_on = case when $5 = 'closed' then coalesce(closed_on, current_date)
                             when $5 in ('draft', 'open') then null else closed_on end
      where id = $1`,
    [id, changes.title ?? null, changes.periodStart ?? null, changes.periodEnd ?? null, changes.status ?? null],
  );
}

/** Screening campaigns of these kommuner (analysts) or with one of these units (screeners). */
export async function listScreeningCampaigns(db: Queryable, kommunkods: readonly string[], unitIds: readonly string[]): Promise<ScreeningListItem[]> {
  return db.query<ScreeningListItem>(
    `select c.id, c.title, c.status, c.kommunkod, c.period_start as "periodStart", c.period_end as "periodEnd",
            coalesce(c.definition->'meta'->>'form', 'contacts') as form
       from campaigns c
      where c.kind = 'screening'
        and (c.kommunkod = any($1::text[])
             or exists (select 1 from screening_units su where su.campaign_id = c.id and su.unit_id = any($2::uuid[])))
      order by c.period_start desc nulls last, c.created_at desc`,
    [kommunkods, unitIds],
  );
}

/** Finds the unit or creates it; returns its id. */
export async function upsertUnit(db: Queryable, unit: { kommunkod: string; verksamhet: string; enhet: string }): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into units (kommunkod, verksamhet, enhet) values ($1, $2, $3)
     on conflict (kommunkod, verksamhet, enhet) do update set enhet = excluded.enhet
     returning id`,
    [unit.kommunkod, unit.verksamhet, unit.enhet],
  );
  return rows[0].id;
}

export async function insertScreeningUnit(db: Queryable, campaignId: string, unitId: string, linkToken: string): Promise<void> {
  await db.query(
    `insert into screening_units (campaign_id, unit_id, link_token) values ($1, $2, $3)
     on conflict (campaign_id, unit_id) do nothing`,
    [campaignId, unitId, linkToken],
  );
}

export async function deleteScreeningUnit(db: Queryable, campaignId: string, unitId: string): Promise<void> {
  await db.query('delete from screening_units where campaign_id = $1 and unit_id = $2', [campaignId, unitId]);
}

/** Whether the unit exists and belongs to the kommun. */
export async function unitExistsInKommun(db: Queryable, unitId: string, kommunkod: string): Promise<boolean> {
  const rows = await db.query('select 1 from units where id = $1 and kommunkod = $2', [unitId, kommunkod]);
  return rows.length > 0;
}

export interface ScreeningUnitRow {
  unitId: string;
  verksamhet: string;
  enhet: string;
  linkToken: string;
  hasPin: boolean;
  pinSetAt: string | null;
  linkUserId: string | null;
}

export async function listScreeningUnits(db: Queryable, campaignId: string): Promise<ScreeningUnitRow[]> {
  return db.query<ScreeningUnitRow>(
    `select u.id as "unitId", u.verksamhet, u.enhet, su.link_token as "linkToken", su.pin_hash is not null as "hasPin",
            su.pin_set_at as "pinSetAt", su.link_user_id as "linkUserId"
       from screening_units su join units u on u.id = su.unit_id
      where su.campaign_id = $1
      order by u.enhet, u.verksamhet`,
    [campaignId],
  );
}

export interface ScreeningUnitLinkRow {
  /** What the unit records: client contacts, or an inventory month's counts. */
  form: 'contacts' | 'inventory';
  campaignId: string;
  unitId: string;
  kommunkod: string;
  enhet: string;
  verksamhet: string;
  pinHash: string | null;
  linkUserId: string | null;
  campaignTitle: string;
  campaignStatus: ScreeningCampaignRow['status'];
}

export async function findScreeningUnitByToken(db: Queryable, linkToken: string): Promise<ScreeningUnitLinkRow | undefined> {
  const rows = await db.query<ScreeningUnitLinkRow>(
    `select su.campaign_id as "campaignId", su.unit_id as "unitId", u.kommunkod, u.enhet, u.verksamhet,
            su.pin_hash as "pinHash", su.link_user_id as "linkUserId", c.title as "campaignTitle", c.status as "campaignStatus",
            coalesce(c.definition->'meta'->>'form', 'contacts') as form
       from screening_units su join units u on u.id = su.unit_id join campaigns c on c.id = su.campaign_id
      where su.link_token = $1`,
    [linkToken],
  );
  return rows[0];
}

export async function setScreeningUnitPin(db: Queryable, campaignId: string, unitId: string, pinHash: string, linkUserId: string): Promise<void> {
  await db.query(
    `update screening_units set pin_hash = $3, pin_set_at = now(), link_user_id = $4
      where campaign_id = $1 and unit_id = $2`,
    [campaignId, unitId, pinHash, linkUserId],
  );
}

/** Ends every session of a user (e.g. the unit link's account when its PIN is rotated). */
export async function deleteSessionsOfUser(db: Queryable, userId: string): Promise<void> {
  await db.query('delete from sessions where user_id = $1', [userId]);
}

export interface ScreeningRegistrationRow extends ScreeningRegistrationFields {
  id: string;
  campaign_id: string;
  kommunkod: string;
  unit_id: string;
  enhet: string;
  verksamhet: string;
  status: 'active' | 'withdrawn';
  version: number;
}

const registrationColumns = `r.id, r.campaign_id, r.kommunkod, r.unit_id, u.enhet, u.verksamhet, r.contact_date as datum, r.kon,
  r.aldersgrupp, r.tillfragad, r.orsak_ej_tillfragad, r.orsak_annat_text, r.psykiskt, r.fysiskt, r.sexuellt, r.radd, r.pagaende,
  r.kand_sedan_tidigare, r.stod_erbjudet, r.stod_accepterat, r.barn_berorda, r.redan_tillfragad, r.status, r.version`;

const fieldValues = (f: ScreeningRegistrationFields) => [
  f.datum,
  f.kon,
  f.aldersgrupp,
  f.tillfragad,
  f.orsak_ej_tillfragad,
  f.orsak_annat_text,
  f.psykiskt,
  f.fysiskt,
  f.sexuellt,
  f.radd,
  f.pagaende,
  f.kand_sedan_tidigare,
  f.stod_erbjudet,
  f.stod_accepterat,
  f.barn_berorda,
  f.redan_tillfragad,
];

export async function insertScreeningRegistration(
  db: Queryable,
  registration: { campaignId: string; kommunkod: string; unitId: string; createdBy: string; fields: ScreeningRegistrationFields },
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into screening_registrations (campaign_id, kommunkod, unit_id, created_by, contact_date, kon, aldersgrupp, tillfragad,
        orsak_ej_tillfragad, orsak_annat_text, psykiskt, fysiskt, sexuellt, radd, pagaende, kand_sedan_tidigare, stod_erbjudet,
        stod_accepterat, barn_berorda, redan_tillfragad)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) returning id`,
    [registration.campaignId, registration.kommunkod, registration.unitId, registration.createdBy, ...fieldValues(registration.fields)],
  );
  return rows[0].id;
}

/** Overwrites the fields if the stored version is `version`; returns false when it is not (a concurrent change). */
export async function updateScreeningRegistration(db: Queryable, id: string, version: number, fields: ScreeningRegistrationFields): Promise<boolean> {
  const rows = await db.query(
    `update screening_registrations set contact_date = $3, kon = $4, aldersgrupp = $5, tillfragad = $6, orsak_ej_tillfragad = $7,
            orsak_annat_text = $8, psykiskt = $9, fysiskt = $10, sexuellt = $11, radd = $12, pagaende = $13,
            kand_sedan_tidigare = $14, stod_erbjudet = $15, stod_accepterat = $16, barn_berorda = $17, redan_tillfragad = $18,
            version = version + 1
      where id = $1 and version = $2 and status = 'active' returning id`,
    [id, version, ...fieldValues(fields)],
  );
  return rows.length === 1;
}

export async function withdrawScreeningRegistration(db: Queryable, id: string, version: number): Promise<boolean> {
  const rows = await db.query(
    `update screening_registrations set status = 'withdrawn', version = version + 1
      where id = $1 and version = $2 and status = 'active' returning id`,
    [id, version],
  );
  return rows.length === 1;
}

export async function findScreeningRegistration(db: Queryable, id: string): Promise<ScreeningRegistrationRow | undefined> {
  const rows = await db.query<ScreeningRegistrationRow>(
    `select ${registrationColumns} from screening_registrations r join units u on u.id = r.unit_id where r.id = $1`,
    [id],
  );
  return rows[0];
}

/** Registrations of a campaign, optionally of some units only and/or active only, oldest contact first. */
export async function listScreeningRegistrations(
  db: Queryable,
  campaignId: string,
  options: { unitIds?: readonly string[]; activeOnly?: boolean } = {},
): Promise<ScreeningRegistrationRow[]> {
  return db.query<ScreeningRegistrationRow>(
    `select ${registrationColumns} from screening_registrations r join units u on u.id = r.unit_id
      where r.campaign_id = $1 and ($2::uuid[] is null or r.unit_id = any($2::uuid[])) and (not $3 or r.status = 'active')
      order by r.contact_date, u.enhet,
               (select min(c.id) from screening_registration_changes c where c.registration_id = r.id)`,
    [campaignId, options.unitIds ?? null, options.activeOnly ?? false],
  );
}

export async function insertScreeningChange(
  db: Queryable,
  change: {
    registrationId: string;
    version: number;
    action: 'create' | 'correct' | 'withdraw';
    changedBy: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  },
): Promise<void> {
  await db.query(
    `insert into screening_registration_changes (registration_id, version, action, changed_by, before, after)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      change.registrationId,
      change.version,
      change.action,
      change.changedBy,
      change.before === null ? null : JSON.stringify(change.before),
      change.after === null ? null : JSON.stringify(change.after),
    ],
  );
}

export async function listScreeningChanges(db: Queryable, registrationId: string): Promise<RegistrationChanges[number][]> {
  return db.query<RegistrationChanges[number]>(
    `select version, action, changed_at as "changedAt", before, after
       from screening_registration_changes where registration_id = $1 order by version`,
    [registrationId],
  );
}

export interface ScreeningFollowUpRow {
  unitId: string;
  enhet: string;
  verksamhet: string;
  contacts: number;
  asked: number;
  lastDate: string | null;
}

/** Active contacts and contacts asked per participating unit (units without registrations included). */
export async function countScreeningFollowUp(db: Queryable, campaignId: string): Promise<ScreeningFollowUpRow[]> {
  return db.query<ScreeningFollowUpRow>(
    `select u.id as "unitId", u.enhet, u.verksamhet,
            count(r.id)::int as contacts, count(r.id) filter (where r.tillfragad)::int as asked,
            max(r.contact_date) as "lastDate"
       from screening_units su join units u on u.id = su.unit_id
       left join screening_registrations r on r.campaign_id = su.campaign_id and r.unit_id = su.unit_id and r.status = 'active'
      where su.campaign_id = $1
      group by u.id, u.enhet, u.verksamhet
      order by u.enhet, u.verksamhet`,
    [campaignId],
  );
}

export async function countRegistrationsOfUnit(db: Queryable, campaignId: string, unitId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'select count(*)::int as n from screening_registrations where campaign_id = $1 and unit_id = $2',
    [campaignId, unitId],
  );
  return rows[0].n;
}
