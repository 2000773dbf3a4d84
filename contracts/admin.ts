/**
 * Wire schemas of administration (docs/api-admin.md): first-start setup,
 * each kommun's settings, accounts and role grants, and the audit log.
 */
import { z } from 'zod';
import { ROLE_NAMES } from '../domain/campaign';
import { roleGrant as storedRoleGrant } from './auth';
import { campaignAreaResponse, isoDate, list } from './common';
import { campaignPatchBody } from './fieldwork';
import { unitInput } from './screening';

const kommunkod = z.string().regex(/^[0-9]{4}$/, 'kommunkoden ska vara fyra siffror');
const lanKod = z.string().regex(/^[0-9]{2}$/, 'länskoden ska vara två siffror');

// ---- Accounts and roles ----

/** One role grant as an admin sends it. */
export const roleGrantBody = z
  .object({
    role: z.enum(ROLE_NAMES),
    kommunkod: kommunkod.optional(),
    lanKod: lanKod.optional(),
    unitId: z.uuid().optional(),
    microdataExport: z.boolean().optional(),
  })
  .refine((g) => (g.role !== 'analyst' && g.role !== 'screener') || g.kommunkod !== undefined, {
    message: 'rollen kräver kommunkod',
    path: ['kommunkod'],
  })
  .refine((g) => g.role !== 'screener' || g.unitId !== undefined, { message: 'rollen screener kräver unitId', path: ['unitId'] })
  .refine((g) => g.role !== 'county_viewer' || g.lanKod !== undefined, { message: 'rollen county_viewer kräver lanKod', path: ['lanKod'] })
  .refine((g) => !g.microdataExport || g.role === 'analyst', { message: 'rätt till mikrodata ges bara till analytiker', path: ['microdataExport'] });
export type RoleGrantInput = z.infer<typeof roleGrantBody>;

const roleGrants = z.array(roleGrantBody).max(50);

/** Body of POST /api/admin/users. `invite`: a generated password shown once (default) or a one-time link. */
export const createUserBody = z.object({
  email: z.email().max(320),
  displayName: z.string().trim().min(1).max(200),
  kommunkod,
  roles: roleGrants.min(1, 'minst en roll krävs'),
  invite: z.enum(['password', 'link']).optional(),
});
export type CreateUserInput = z.infer<typeof createUserBody>;

/** A one-time invitation link: open `path` on the server, choose a password. Shown once. */
export const inviteLinkResponse = z.object({ token: z.string(), path: z.string(), expiresAt: z.string() });
export type InviteLink = z.infer<typeof inviteLinkResponse>;

/** Answer of POST /api/admin/users (201): the generated password, or the invitation link, shown once. */
export const createUserResponse = z.object({
  id: z.string(),
  email: z.string(),
  /** Set for `invite: "password"` (the default). */
  password: z.string().optional(),
  /** Set for `invite: "link"`. */
  invite: inviteLinkResponse.optional(),
});
export type CreatedUser = z.infer<typeof createUserResponse>;

/** One account in GET /api/admin/users and the answer of PATCH /api/admin/users/:id. */
export const adminUserResponse = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  roles: list(storedRoleGrant),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  /** The account's home kommun. */
  kommunkod: z.string(),
  createdAt: z.string(),
  /** `unit_link`: the account behind a screening unit's link and PIN (no password of its own). */
  kind: z.enum(['staff', 'unit_link']),
  /** An invitation link was sent and no password has been chosen yet. */
  invitePending: z.boolean(),
});
export type AdminUser = z.infer<typeof adminUserResponse>;
export const adminUserListResponse = list(adminUserResponse);

/** Body of PATCH /api/admin/users/:id: any of these; `roles` replaces every grant. */
export const patchUserBody = z
  .object({
    disabled: z.boolean().optional(),
    roles: roleGrants.optional(),
    displayName: z.string().trim().min(1).max(200).optional(),
  })
  .refine((body) => body.disabled !== undefined || body.roles !== undefined || body.displayName !== undefined, 'ange disabled, roles eller displayName');
export type PatchUserInput = z.infer<typeof patchUserBody>;

/** Answer of POST /api/admin/users/:id/password: the new generated password, shown once. */
export const resetPasswordResponse = z.object({ password: z.string() });
export type ResetPassword = z.infer<typeof resetPasswordResponse>;

// ---- First start and kommun settings ----

/** A kommun of the reference table (all 290 and the demo kommun). */
export const kommunResponse = z.object({ kod: z.string(), namn: z.string(), lanKod: z.string(), lanNamn: z.string(), isDemo: z.boolean() });
export type KommunInfo = z.infer<typeof kommunResponse>;
export const kommunListResponse = list(kommunResponse);

/** GET /api/admin/setup: which kommun or län the installation serves (null scope until the first admin has chosen). */
export const setupResponse = z.object({
  configured: z.boolean(),
  scope: z.enum(['kommun', 'lan']).nullable(),
  kommunkod: z.string().nullable(),
  lanKod: z.string().nullable(),
  /** The kommun's or the län's name. */
  namn: z.string().nullable(),
  configuredAt: z.string().nullable(),
  /** The kommuner the installation serves (one, or the län's), then the demo kommun. */
  kommuner: list(kommunResponse),
});
export type SetupStatus = z.infer<typeof setupResponse>;

/** Body of POST /api/admin/setup: the kommun or the län; asked once (409 afterwards). */
export const setupBody = z
  .object({
    kommunkod: kommunkod.optional(),
    lanKod: lanKod.optional(),
    /** Give the admin's new analyst role the microdata right too. */
    microdataExport: z.boolean().optional(),
  })
  .refine((body) => (body.kommunkod === undefined) !== (body.lanKod === undefined), { message: 'ange kommunkod eller lanKod', path: ['kommunkod'] });
export type SetupInput = z.infer<typeof setupBody>;

const months = z.number().int().min(0).max(1200).nullable();

/**
 * How long a kommun keeps its data, in months (null: until decided). Survey
 * responses, screening registrations and registered tables count from the
 * campaign's closing day; population tables from their upload; audit
 * entries from when they were written.
 */
export const retentionSettings = z.object({
  responsesMonths: months,
  registrationsMonths: months,
  tablesMonths: months,
  auditMonths: months,
});
export type RetentionSettings = z.infer<typeof retentionSettings>;

/** A unit of socialtjänsten in the kommun (for screener roles and screening months). */
export const unitResponse = z.object({ id: z.string(), verksamhet: z.string(), enhet: z.string() });
export type UnitInfo = z.infer<typeof unitResponse>;

/** GET /api/admin/kommuner/:kod/settings (and GET /api/kommuner/:kod/settings for its analysts). */
export const kommunSettingsResponse = z.object({
  kommunkod: z.string(),
  namn: z.string(),
  isDemo: z.boolean(),
  areas: list(campaignAreaResponse),
  contact: z.object({ name: z.string().optional(), phone: z.string().optional(), email: z.string().optional(), url: z.string().optional() }),
  /** Reports suppress cells with fewer respondents (or registered persons) than this. */
  minCell: z.number(),
  retention: retentionSettings,
  units: list(unitResponse),
  updatedAt: z.string().nullable(),
});
export type KommunSettings = z.infer<typeof kommunSettingsResponse>;

/** Lowest suppression threshold a kommun may set as its default. */
export const MIN_CELL_SETTING_FLOOR = 3;

/** Body of PUT /api/admin/kommuner/:kod/settings: what is given is replaced, the rest kept. */
export const kommunSettingsBody = z.object({
  areas: campaignPatchBody.shape.areas,
  contact: campaignPatchBody.shape.contact,
  minCell: z.number().int().min(MIN_CELL_SETTING_FLOOR).max(1000).optional(),
  retention: retentionSettings.partial().optional(),
});
export type KommunSettingsInput = z.infer<typeof kommunSettingsBody>;

/** Query of POST /api/admin/kommuner/:kod/areas.csv: the uploaded file's name, for error messages. */
export const areasCsvQuery = z.object({ fileName: z.string().trim().min(1).max(200).optional() });

/** Body of POST /api/admin/kommuner/:kod/units; answered with the unit (201). */
export const createUnitBody = unitInput;
export type CreateUnitInput = z.infer<typeof createUnitBody>;

// ---- The audit log ----

const instant = z.union([isoDate, z.iso.datetime({ offset: true })]);

/** Query of GET /api/admin/audit (and audit.csv): every filter optional; dates are whole days, `to` inclusive. */
export const auditQuery = z.object({
  action: z.string().trim().min(1).max(100).optional(),
  userId: z.uuid().optional(),
  kommunkod: kommunkod.optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  /** Paging: entries older than the entry with this id. */
  before: z.coerce.number().int().positive().optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEntryResponse = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  email: z.string().nullable(),
  kommunkod: z.string().nullable(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
  /** The title of the campaign in `details.campaignId`, when it still exists. */
  campaignTitle: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntryResponse>;

/** GET /api/admin/audit: newest first. `nextBefore` pages on when more entries match. */
export const auditResponse = z.object({ entries: list(auditEntryResponse), nextBefore: z.number().nullable() });
export type AuditLog = z.infer<typeof auditResponse>;

/** GET /api/admin/audit/actions: every action in the log, for the filter. */
export const auditActionsResponse = list(z.string());
