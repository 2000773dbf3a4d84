/**
 * Screening month (kartläggningsmånad): set-up of a campaign with its period
 * and units, screener accounts, unit links with PINs, and who may see what.
 *
 * Access: analysts manage the screening campaigns of their own kommun;
 * screeners see only the campaigns and units they are scoped to; county
 * viewers see nothing here. Campaigns a user may not see answer 404, units
 * of a visible campaign the user is not scoped to answer 403.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Database, Queryable } from '../db/database';
import { analystKommuner, screenerUnits, type AuthContext } from '../auth/auth-context';
import { generatePassword, hashPassword, verifyPassword } from '../auth/password';
import { hashToken } from '../auth/sessions';
import { badRequest, conflict, forbidden, HttpError, notFound } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import type { AttemptGuard } from './attempt-guard';
import { insertCampaign } from '../queries/campaigns';
import { insertSession } from '../queries/sessions';
import {
  countRegistrationsOfUnit,
  deleteScreeningUnit,
  deleteSessionsOfUser,
  findScreeningCampaign,
  findScreeningUnitByToken,
  insertScreeningUnit,
  listScreeningCampaigns,
  listScreeningUnits,
  setScreeningUnitPin,
  updateScreeningCampaign,
  upsertUnit,
  type ScreeningCampaignRow,
  type ScreeningUnitRow,
} from '../queries/screening';
import { findTemplate } from '../queries/templates';
import { findUserByEmail, insertRole, insertUser } from '../queries/users';
import type { TemplateDefinition } from '../../domain/templates/template-schema';
import { textFor } from '../../domain/localized-text';
import { kommunMinCell } from './analysis';
import { chooseKommun } from './campaigns';
import { campaignRetention } from './retention';
import type {
  CreatedScreener,
  CreateScreenerInput,
  CreateScreeningInput,
  PatchScreeningInput,
  RotatedPin,
  ScreeningListItem,
  ScreeningUnitInput,
  ScreeningView,
  UnitLink,
  UnitLinkSession,
} from '../../contracts/screening';

/** The built-in screening template (surveys/screening.json). */
export const SCREENING_TEMPLATE_ID = 'screening';
/** The built-in inventory month template (surveys/inventering.json). */
export const INVENTORY_TEMPLATE_ID = 'inventering';

/** What a screening campaign's units record: client contacts, or an inventory month's counts (`meta.form`). */
export function screeningForm(definition: unknown): 'contacts' | 'inventory' {
  return (definition as { meta?: { form?: string } } | null)?.meta?.form === 'inventory' ? 'inventory' : 'contacts';
}

/** Hours a session opened with a unit link and PIN lasts. */
export const UNIT_LINK_SESSION_HOURS = 8;

/** The web's floor for a screening month's minimum cell (the CLI may go lower on its own files). */
export const SCREENING_MIN_CELL_FLOOR = 5;

/**
 * The minimum cell for a screening month's tables: the one asked for, else
 * the kommun's own (its settings), and never below SCREENING_MIN_CELL_FLOOR.
 */
export async function screeningMinCell(db: Database, access: ScreeningAccess, requested: number | undefined): Promise<number> {
  return Math.max(SCREENING_MIN_CELL_FLOOR, requested ?? (await kommunMinCell(db, access.campaign.kommunkod)));
}

/** What the caller may do in one screening campaign. */
export interface ScreeningAccess {
  campaign: ScreeningCampaignRow;
  /** Analyst in the campaign's kommun. */
  analyst: boolean;
  /** Participating units the caller may register for, read and correct. */
  unitIds: string[];
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** The caller's access to a screening campaign; 404 if the caller may not see it at all. */
export async function screeningAccess(db: Database, auth: AuthContext, id: string): Promise<ScreeningAccess> {
  const campaign = isUuid(id) ? await findScreeningCampaign(db, id) : undefined;
  if (!campaign) throw notFound('Kartläggningen finns inte.');
  const analyst = analystKommuner(auth).includes(campaign.kommunkod);
  const mine = new Set(screenerUnits(auth));
  const units = await listScreeningUnits(db, campaign.id);
  const unitIds = units.filter((unit) => mine.has(unit.unitId)).map((unit) => unit.unitId);
  if (!analyst && unitIds.length === 0) throw notFound('Kartläggningen finns inte.');
  return { campaign, analyst, unitIds };
}

/** Like `screeningAccess`, but only for an analyst of the campaign's kommun (403 for its screeners). */
export async function screeningAnalystAccess(db: Database, auth: AuthContext, id: string): Promise<ScreeningAccess> {
  const access = await screeningAccess(db, auth, id);
  if (!access.analyst) throw forbidden('Bara analytiker i kommunen har tillgång till detta.');
  return access;
}

/** 403 unless the caller is scoped to this unit of the campaign. */
export function requireUnit(access: ScreeningAccess, unitId: string): void {
  if (!access.unitIds.includes(unitId)) throw forbidden('Du har inte behörighet för den här enheten.');
}

export async function createScreening(db: Database, auth: AuthContext, input: CreateScreeningInput): Promise<string> {
  const kommunkod = chooseKommun(auth, input.kommunkod);
  const templateId = input.templateId ?? SCREENING_TEMPLATE_ID;
  const template = await findTemplate(db, templateId);
  if (!template && templateId === SCREENING_TEMPLATE_ID) throw new HttpError(500, 'internal', 'Mallen för kartläggningsmånaden saknas.');
  if (!template || template.definition.kind !== 'screening' || (template.kommunkod !== null && template.kommunkod !== kommunkod)) {
    throw badRequest(`Fältet "templateId": "${templateId}" är ingen mall för kartläggningsmånad (till exempel screening eller inventering).`, { field: 'templateId' });
  }
  return db.transaction(async (tx) => {
    const id = await insertCampaign(tx, {
      kommunkod,
      title: input.title,
      template: template.definition as TemplateDefinition,
      mode: 'codes',
      status: 'open',
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      createdBy: auth.userId,
    });
    for (const unit of input.units) await addUnit(tx, id, kommunkod, unit);
    await writeAuditLog(tx, { userId: auth.userId, kommunkod, action: 'screening.create', details: { campaignId: id, units: input.units.length } });
    return id;
  });
}

async function addUnit(tx: Queryable, campaignId: string, kommunkod: string, unit: ScreeningUnitInput): Promise<string> {
  const unitId = await upsertUnit(tx, { kommunkod, verksamhet: unit.verksamhet, enhet: unit.enhet });
  await insertScreeningUnit(tx, campaignId, unitId, randomBytes(18).toString('base64url'));
  return unitId;
}

export async function viewScreening(db: Database, access: ScreeningAccess): Promise<ScreeningView> {
  const { campaign, analyst, unitIds } = access;
  const units = await listScreeningUnits(db, campaign.id);
  return {
    id: campaign.id,
    title: campaign.title,
    kommunkod: campaign.kommunkod,
    status: campaign.status,
    periodStart: campaign.period_start,
    periodEnd: campaign.period_end,
    units: units
      .filter((unit) => analyst || unitIds.includes(unit.unitId))
      .map((unit) =>
        analyst
          ? { unitId: unit.unitId, verksamhet: unit.verksamhet, enhet: unit.enhet, linkToken: unit.linkToken, hasPin: unit.hasPin, pinSetAt: unit.pinSetAt }
          : { unitId: unit.unitId, verksamhet: unit.verksamhet, enhet: unit.enhet },
      ),
    myUnitIds: unitIds,
    canManage: analyst,
    choices: templateChoices(campaign.definition),
    form: screeningForm(campaign.definition),
    retention: await campaignRetention(db, { kommunkod: campaign.kommunkod, kind: 'screening', closedOn: campaign.closed_on, microdataDeletedOn: campaign.microdata_deleted_on }),
    minCell: await screeningMinCell(db, access, undefined),
  };
}

export function listScreeningsFor(db: Database, auth: AuthContext): Promise<ScreeningListItem[]> {
  return listScreeningCampaigns(db, analystKommuner(auth), screenerUnits(auth));
}

export async function patchScreening(db: Database, auth: AuthContext, access: ScreeningAccess, input: PatchScreeningInput): Promise<void> {
  const { campaign } = access;
  const start = input.periodStart ?? campaign.period_start;
  const end = input.periodEnd ?? campaign.period_end;
  if (start && end && start > end) throw badRequest('Fältet "periodEnd": måste vara samma dag som eller efter periodStart', { field: 'periodEnd' });
  await db.transaction(async (tx) => {
    await updateScreeningCampaign(tx, campaign.id, { title: input.title, periodStart: input.periodStart, periodEnd: input.periodEnd, status: input.status });
    if (input.units) {
      const existing = await listScreeningUnits(tx, campaign.id);
      const wanted = new Set<string>();
      for (const unit of input.units) wanted.add(await addUnit(tx, campaign.id, campaign.kommunkod, unit));
      for (const unit of existing) {
        if (wanted.has(unit.unitId)) continue;
        if ((await countRegistrationsOfUnit(tx, campaign.id, unit.unitId)) > 0) {
          throw conflict(`Enheten "${unit.enhet}" har registreringar och kan inte tas bort.`, { field: 'units' });
        }
        await deleteScreeningUnit(tx, campaign.id, unit.unitId);
      }
    }
    await writeAuditLog(tx, {
      userId: auth.userId,
      kommunkod: campaign.kommunkod,
      action: 'screening.update',
      details: { campaignId: campaign.id, fields: Object.keys(input) },
    });
  });
}

/** Creates a screener account scoped to some of the campaign's units; returns its one-time password. */
export async function createScreener(
  db: Database,
  auth: AuthContext,
  access: ScreeningAccess,
  input: CreateScreenerInput,
): Promise<CreatedScreener> {
  const { campaign } = access;
  const participating = new Set((await listScreeningUnits(db, campaign.id)).map((unit) => unit.unitId));
  const outside = input.unitIds.find((unitId) => !participating.has(unitId));
  if (outside) throw badRequest(`Fältet "unitIds": enheten ${outside} deltar inte i kartläggningen`, { field: 'unitIds' });
  if (await findUserByEmail(db, input.email)) throw conflict('Det finns redan ett konto med den e-postadressen.', { field: 'email' });
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const userId = await db.transaction(async (tx) => {
    const id = await insertUser(tx, { kommunkod: campaign.kommunkod, email: input.email, displayName: input.displayName, passwordHash });
    for (const unitId of new Set(input.unitIds)) await insertRole(tx, id, { role: 'screener', kommunkod: campaign.kommunkod, unitId });
    await writeAuditLog(tx, {
      userId: auth.userId,
      kommunkod: campaign.kommunkod,
      action: 'screening.screener.create',
      details: { campaignId: campaign.id, screenerId: id, unitIds: input.unitIds },
    });
    return id;
  });
  return { userId, email: input.email, password };
}

/**
 * Sets a new random 8-digit PIN for a unit's link and ends the sessions opened
 * with the old one. Only the PIN's scrypt hash is stored; the PIN is returned once.
 */
export async function rotateUnitPin(
  db: Database,
  auth: AuthContext,
  access: ScreeningAccess,
  unitId: string,
): Promise<RotatedPin> {
  const { campaign } = access;
  const unit = isUuid(unitId) ? (await listScreeningUnits(db, campaign.id)).find((u) => u.unitId === unitId) : undefined;
  if (!unit) throw notFound('Enheten deltar inte i kartläggningen.');
  const pin = String(randomInt(0, 100_000_000)).padStart(8, '0');
  const pinHash = await hashPassword(pin);
  await db.transaction(async (tx) => {
    let linkUserId = unit.linkUserId;
    if (linkUserId) {
      await deleteSessionsOfUser(tx, linkUserId);
    } else {
      linkUserId = await insertUser(tx, {
        kommunkod: campaign.kommunkod,
        email: `enhetslank-${randomBytes(9).toString('hex')}@enhetslank.invalid`,
        displayName: `Enhetslänk: ${unit.enhet}`,
        // Not a scrypt hash, so no password ever matches: this account logs in only by link and PIN.
        passwordHash: 'unit-link-no-password',
      });
      await insertRole(tx, linkUserId, { role: 'screener', kommunkod: campaign.kommunkod, unitId });
    }
    await setScreeningUnitPin(tx, campaign.id, unitId, pinHash, linkUserId);
    await writeAuditLog(tx, { userId: auth.userId, kommunkod: campaign.kommunkod, action: 'screening.pin.rotate', details: { campaignId: campaign.id, unitId } });
  });
  return { pin, linkToken: unit.linkToken };
}

/** What the PIN page shows about a unit link (no secrets). */
export async function describeUnitLink(db: Database, linkToken: string): Promise<UnitLink> {
  const link = await findScreeningUnitByToken(db, linkToken);
  if (!link) throw notFound('Länken är inte giltig.');
  return { campaignTitle: link.campaignTitle, enhet: link.enhet, open: link.campaignStatus === 'open', form: link.form };
}

/**
 * Checks a unit link's PIN and opens a short-lived session of the link's
 * account (screener of that unit only). `limits` admits the attempt before
 * the PIN is hashed and counts a wrong PIN against the address (per link
 * and overall), never against the unit.
 */
export async function openUnitLinkSession(
  db: Database,
  linkToken: string,
  pin: string,
  limits?: { guard: AttemptGuard; address: string },
): Promise<UnitLinkSession> {
  if (limits) await limits.guard.admit(linkToken, limits.address);
  const link = await findScreeningUnitByToken(db, linkToken);
  if (!link) {
    await limits?.guard.failed(linkToken, limits.address);
    throw notFound('Länken är inte giltig.');
  }
  if (!link.pinHash || !link.linkUserId) throw conflict('Enheten har ingen PIN-kod ännu. Be den som samordnar kartläggningen om en.');
  if (link.campaignStatus !== 'open') throw conflict('Kartläggningen är stängd.');
  if (!(await verifyPassword(pin, link.pinHash))) {
    await limits?.guard.failed(linkToken, limits.address);
    await writeAuditLog(db, { userId: null, kommunkod: link.kommunkod, action: 'screening.pin.failed', details: { campaignId: link.campaignId, unitId: link.unitId } });
    throw new HttpError(401, 'unauthorized', 'Fel PIN-kod.');
  }
  await limits?.guard.succeeded(linkToken, limits.address);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await insertSession(db, { tokenHash: hashToken(token), userId: link.linkUserId, csrfToken, hours: UNIT_LINK_SESSION_HOURS });
  return { token, csrfToken, campaignId: link.campaignId, unitId: link.unitId };
}

/** Value/label pairs of the template's choice questions, from the campaign's frozen definition. */
export function templateChoices(definition: unknown): Record<string, { value: string; text: string }[]> {
  const result: Record<string, { value: string; text: string }[]> = {};
  const visit = (elements: unknown): void => {
    if (!Array.isArray(elements)) return;
    for (const element of elements as Record<string, unknown>[]) {
      if (Array.isArray(element.elements)) visit(element.elements);
      if (typeof element.name !== 'string' || !Array.isArray(element.choices)) continue;
      result[element.name] = (element.choices as unknown[]).map((choice) => {
        if (typeof choice === 'string' || typeof choice === 'number') return { value: String(choice), text: String(choice) };
        const { value, text } = choice as { value: unknown; text?: unknown };
        return { value: String(value), text: textFor(text) || String(value) };
      });
    }
  };
  const survey = (definition as { survey?: { pages?: { elements?: unknown }[] } } | null)?.survey;
  for (const page of survey?.pages ?? []) visit(page.elements);
  return result;
}
