/**
 * Registering, correcting and withdrawing client contacts during a screening
 * month. Every change is written to `screening_registration_changes` with the
 * field values before and after; there is no client identity to log.
 */
import type { Database } from '../db/database';
import type { AuthContext } from '../auth/auth-context';
import { badRequest, conflict, notFound } from '../http/http-error';
import {
  findScreeningRegistration,
  insertScreeningChange,
  insertScreeningRegistration,
  listScreeningChanges,
  listScreeningRegistrations,
  updateScreeningRegistration,
  withdrawScreeningRegistration,
  type ScreeningCampaignRow,
  type ScreeningRegistrationRow,
} from '../queries/screening';
import type { Registration, RegistrationChanges, RegistrationFields, RegistrationWireFields } from '../../contracts/screening';
import {
  SCREENING_FIELD_LABELS,
  booleanOf,
  SCREENING_QUESTIONS,
  SCREENING_YES_NO_FIELDS,
  yesNoOf,
  type ScreeningRegistrationFields,
} from '../../domain/screening-contact';
import { requireUnit, screeningForm, templateChoices, type ScreeningAccess } from './screening';

/** The follow-up questions that are only asked together with the screening questions. */
const FOLLOW_UP_FIELDS = ['kand_sedan_tidigare', 'stod_erbjudet', 'stod_accepterat'] as const;

/** Today in Sweden, 'YYYY-MM-DD'. */
export function swedishToday(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Checks the fields against each other and the campaign, and turns them into
 * stored values. 400 naming the field for inconsistent input; 409 when the
 * campaign is not open or the date lies outside its period.
 */
function toStored(campaign: ScreeningCampaignRow, input: RegistrationWireFields): ScreeningRegistrationFields {
  const fail = (field: string, message: string): never => {
    throw badRequest(`Fältet "${SCREENING_FIELD_LABELS[field] ?? field}": ${message}`, { field });
  };
  if (campaign.status !== 'open') throw conflict('Kartläggningen är stängd och tar inte emot fler ändringar.');
  if (screeningForm(campaign.definition) === 'inventory') {
    throw conflict('Det här är en inventeringsmånad: enheterna rapporterar antal kända personer en gång för perioden, inte enskilda kontakter.');
  }
  if (input.datum > addDays(swedishToday(), 1)) fail('datum', 'datumet ligger i framtiden');
  if ((campaign.period_start && input.datum < campaign.period_start) || (campaign.period_end && input.datum > campaign.period_end)) {
    throw conflict(`Datumet ligger utanför kartläggningsperioden (${campaign.period_start} – ${campaign.period_end}).`, { field: 'datum' });
  }
  const choices = templateChoices(campaign.definition);
  const allowed = (field: string, value: string) => !choices[field] || choices[field].some((choice) => choice.value === value);
  if (!allowed('aldersgrupp', input.aldersgrupp)) {
    fail('aldersgrupp', `ogiltigt värde (giltiga: ${choices.aldersgrupp.map((c) => c.text).join(', ')})`);
  }
  const asked = input.tillfragad === 'ja';
  const reason = input.orsak_ej_tillfragad ?? null;
  const reasonText = input.orsak_annat_text?.trim() || null;
  if (asked) {
    if (reason !== null) fail('orsak_ej_tillfragad', 'anges bara när frågorna inte ställdes');
  } else {
    if (reason === null) fail('orsak_ej_tillfragad', 'ange varför frågorna inte ställdes');
    if (!allowed('orsak_ej_tillfragad', reason!)) {
      fail('orsak_ej_tillfragad', `ogiltigt värde (giltiga: ${choices.orsak_ej_tillfragad.map((c) => c.text).join(', ')})`);
    }
    for (const field of [...SCREENING_QUESTIONS, ...FOLLOW_UP_FIELDS]) {
      if (input[field] != null) fail(field, 'anges bara när frågorna ställdes');
    }
  }
  if (reasonText !== null && reason !== 'annat') fail('orsak_annat_text', 'anges bara när skälet är "Annat"');
  if (input.stod_accepterat != null && input.stod_erbjudet !== 'ja') fail('stod_accepterat', 'anges bara när stöd erbjöds');
  const stored = {
    datum: input.datum,
    kon: input.kon,
    aldersgrupp: input.aldersgrupp,
    tillfragad: asked,
    orsak_ej_tillfragad: reason,
    orsak_annat_text: reasonText,
  } as { -readonly [K in keyof ScreeningRegistrationFields]: ScreeningRegistrationFields[K] };
  for (const question of SCREENING_QUESTIONS) stored[question] = input[question] ?? null;
  for (const field of SCREENING_YES_NO_FIELDS) stored[field] = booleanOf(input[field]);
  return stored;
}

/** A stored row in the wire shape: yes/no as 'ja' | 'nej'. */
export function toView(row: ScreeningRegistrationRow): Registration {
  const fields = {
    datum: row.datum,
    kon: row.kon,
    aldersgrupp: row.aldersgrupp,
    tillfragad: row.tillfragad ? 'ja' : 'nej',
    orsak_ej_tillfragad: row.orsak_ej_tillfragad,
    orsak_annat_text: row.orsak_annat_text,
  } as RegistrationFields;
  for (const question of SCREENING_QUESTIONS) fields[question] = row[question];
  for (const field of SCREENING_YES_NO_FIELDS) fields[field] = yesNoOf(row[field]);
  return { id: row.id, unitId: row.unit_id, enhet: row.enhet, status: row.status, version: row.version, ...fields };
}

/** Only the fields, for the change log. */
function fieldsOf(view: Registration): Record<string, unknown> {
  const { id: _id, unitId: _unitId, enhet: _enhet, status: _status, version: _version, ...fields } = view;
  return fields;
}

export async function registerContact(
  db: Database,
  auth: AuthContext,
  access: ScreeningAccess,
  input: RegistrationWireFields & { unitId: string },
): Promise<Registration> {
  requireUnit(access, input.unitId);
  const { unitId, ...wire } = input;
  const fields = toStored(access.campaign, wire);
  return db.transaction(async (tx) => {
    const id = await insertScreeningRegistration(tx, { campaignId: access.campaign.id, kommunkod: access.campaign.kommunkod, unitId, createdBy: auth.userId, fields });
    const view = toView((await findScreeningRegistration(tx, id))!);
    await insertScreeningChange(tx, { registrationId: id, version: 1, action: 'create', changedBy: auth.userId, before: null, after: fieldsOf(view) });
    return view;
  });
}

async function findForUnit(db: Database, access: ScreeningAccess, registrationId: string): Promise<ScreeningRegistrationRow> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(registrationId);
  const row = isUuid ? await findScreeningRegistration(db, registrationId) : undefined;
  if (!row || row.campaign_id !== access.campaign.id) throw notFound('Registreringen finns inte.');
  requireUnit(access, row.unit_id);
  return row;
}

export async function correctContact(
  db: Database,
  auth: AuthContext,
  access: ScreeningAccess,
  registrationId: string,
  input: RegistrationWireFields & { version: number },
): Promise<Registration> {
  const row = await findForUnit(db, access, registrationId);
  const { version, ...wire } = input;
  const fields = toStored(access.campaign, wire);
  if (row.status !== 'active') throw conflict('Registreringen är återkallad och kan inte ändras.');
  return db.transaction(async (tx) => {
    if (!(await updateScreeningRegistration(tx, row.id, version, fields))) {
      throw conflict('Registreringen har ändrats av någon annan. Ladda om och försök igen.', { field: 'version' });
    }
    const after = toView((await findScreeningRegistration(tx, row.id))!);
    await insertScreeningChange(tx, {
      registrationId: row.id,
      version: after.version,
      action: 'correct',
      changedBy: auth.userId,
      before: fieldsOf(toView(row)),
      after: fieldsOf(after),
    });
    return after;
  });
}

export async function withdrawContact(
  db: Database,
  auth: AuthContext,
  access: ScreeningAccess,
  registrationId: string,
  version: number,
): Promise<Registration> {
  const row = await findForUnit(db, access, registrationId);
  if (access.campaign.status !== 'open') throw conflict('Kartläggningen är stängd och tar inte emot fler ändringar.');
  if (row.status !== 'active') throw conflict('Registreringen är redan återkallad.');
  return db.transaction(async (tx) => {
    if (!(await withdrawScreeningRegistration(tx, row.id, version))) {
      throw conflict('Registreringen har ändrats av någon annan. Ladda om och försök igen.', { field: 'version' });
    }
    const after = toView((await findScreeningRegistration(tx, row.id))!);
    await insertScreeningChange(tx, {
      registrationId: row.id,
      version: after.version,
      action: 'withdraw',
      changedBy: auth.userId,
      before: fieldsOf(toView(row)),
      after: null,
    });
    return after;
  });
}

/** The registrations of one of the caller's units (active and withdrawn), for the unit to review and correct. */
export async function listUnitRegistrations(db: Database, access: ScreeningAccess, unitId: string): Promise<Registration[]> {
  requireUnit(access, unitId);
  return (await listScreeningRegistrations(db, access.campaign.id, { unitIds: [unitId] })).map(toView);
}

export async function registrationHistory(db: Database, access: ScreeningAccess, registrationId: string): Promise<RegistrationChanges> {
  const row = await findForUnit(db, access, registrationId);
  return listScreeningChanges(db, row.id);
}
