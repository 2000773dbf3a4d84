/**
 * Staff accounts for the admin: create (with a generated password or a
 * one-time link), list, change roles and name, disable, reset a password.
 * Every change is audit-logged with what changed (never a password), and the
 * last enabled admin can be neither disabled nor stripped of the role.
 */
import { randomBytes } from 'node:crypto';
import type { AdminUser, CreatedUser, CreateUserInput, InviteLink, PatchUserInput, ResetPassword, RoleGrantInput } from '../../contracts/admin';
import { generatePassword, hashPassword } from '../auth/password';
import type { AuthContext, RoleGrant } from '../auth/auth-context';
import { hashToken } from '../auth/sessions';
import type { Database, Queryable } from '../db/database';
import { badRequest, conflict, notFound } from '../http/http-error';
import { deleteInvitesOfUser, replaceInvite } from '../queries/account-invites';
import { writeAuditLog } from '../queries/audit-log';
import { findKommuner, lanExists } from '../queries/kommuner';
import { unitExistsInKommun } from '../queries/screening';
import {
  countOtherActiveAdmins,
  deleteRolesOfUser,
  deleteSessionsOfAccount,
  findAccount,
  findRolesOfUser,
  findUserByEmail,
  insertRole,
  insertUser,
  listAccounts,
  listAllRoles,
  lockAdminChanges,
  updatePasswordHash,
  updateUserFlags,
  type AccountRow,
} from '../queries/users';

/** Days an invitation link stays valid. */
export const INVITE_DAYS = 7;
/** Where the workspace opens an invitation. */
export const invitePath = (token: string) => `/arbetsyta/inbjudan/${token}`;
/** Stored instead of a password hash until an invited person chooses a password: no password matches it. */
const NO_PASSWORD_YET = 'invited-no-password';

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** Checks that every kommun, län and unit of the grants exists; 400 naming the field. */
async function checkGrants(db: Queryable, grants: readonly RoleGrantInput[], field = 'roles'): Promise<void> {
  const kods = [...new Set(grants.flatMap((g) => (g.kommunkod ? [g.kommunkod] : [])))];
  const known = new Set((await findKommuner(db, kods)).map((k) => k.kod));
  for (const [index, grant] of grants.entries()) {
    if (grant.kommunkod && !known.has(grant.kommunkod)) {
      throw badRequest(`Fältet "${field}.${index}.kommunkod": kommunkoden ${grant.kommunkod} finns inte`, { field: `${field}.${index}.kommunkod` });
    }
    if (grant.lanKod && !(await lanExists(db, grant.lanKod))) {
      throw badRequest(`Fältet "${field}.${index}.lanKod": länet ${grant.lanKod} finns inte`, { field: `${field}.${index}.lanKod` });
    }
    if (grant.role === 'screener' && !(await unitExistsInKommun(db, grant.unitId!, grant.kommunkod!))) {
      throw badRequest(`Fältet "${field}.${index}.unitId": enheten finns inte i kommun ${grant.kommunkod}`, { field: `${field}.${index}.unitId` });
    }
  }
}

/** The stored form of a grant: only the scope its role uses. */
function storedGrant(grant: RoleGrantInput): RoleGrant {
  return {
    role: grant.role,
    kommunkod: grant.role === 'county_viewer' || grant.role === 'admin' ? (grant.kommunkod ?? null) : grant.kommunkod!,
    lanKod: grant.role === 'county_viewer' ? grant.lanKod! : null,
    unitId: grant.role === 'screener' ? grant.unitId! : null,
    microdataExport: grant.role === 'analyst' && grant.microdataExport === true,
  };
}

/** The same grants twice (e.g. analyst of 1880 in two rows) are stored once. */
function uniqueGrants(grants: readonly RoleGrant[]): RoleGrant[] {
  const seen = new Map<string, RoleGrant>();
  for (const grant of grants) {
    const key = [grant.role, grant.kommunkod, grant.lanKod, grant.unitId].join('|');
    const earlier = seen.get(key);
    seen.set(key, earlier ? { ...earlier, microdataExport: earlier.microdataExport || grant.microdataExport } : grant);
  }
  return [...seen.values()];
}

async function issueInvite(db: Queryable, userId: string): Promise<InviteLink> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = await replaceInvite(db, { tokenHash: hashToken(token), userId, days: INVITE_DAYS });
  return { token, path: invitePath(token), expiresAt };
}

/**
 * Creates a staff account with its role grants, and either a generated
 * password (returned once, stored only as an scrypt hash) or a one-time
 * invitation link (valid INVITE_DAYS days; stored as a hash). Checks that
 * every kommun, län and unit exists; 409 for a taken e-mail. Audit-logged
 * with the roles, never the password or the link.
 */
export async function createUser(db: Database, auth: AuthContext, input: CreateUserInput): Promise<CreatedUser> {
  if ((await findKommuner(db, [input.kommunkod])).length === 0) {
    throw badRequest(`Kommunkoden ${input.kommunkod} finns inte.`, { field: 'kommunkod' });
  }
  await checkGrants(db, input.roles);
  if (await findUserByEmail(db, input.email)) throw conflict('Det finns redan ett konto med den e-postadressen.', { field: 'email' });
  const byLink = input.invite === 'link';
  const password = byLink ? undefined : generatePassword();
  const passwordHash = password ? await hashPassword(password) : NO_PASSWORD_YET;
  const email = input.email.toLowerCase();
  return db.transaction(async (tx) => {
    const userId = await insertUser(tx, { kommunkod: input.kommunkod, email, displayName: input.displayName, passwordHash });
    for (const grant of uniqueGrants(input.roles.map(storedGrant))) await insertRole(tx, userId, grant);
    const invite = byLink ? await issueInvite(tx, userId) : undefined;
    await writeAuditLog(tx, {
      userId: auth.userId,
      kommunkod: input.kommunkod,
      action: 'admin.user.create',
      details: { createdUserId: userId, email, roles: input.roles, invite: byLink ? 'link' : 'password' },
    });
    return { id: userId, email, ...(password ? { password } : {}), ...(invite ? { invite } : {}) };
  });
}

function toAdminUser(account: AccountRow, roles: readonly RoleGrant[]): AdminUser {
  return {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    roles,
    disabled: account.disabled,
    lastLoginAt: account.lastLoginAt,
    kommunkod: account.kommunkod,
    createdAt: account.createdAt,
    kind: account.unitLink ? 'unit_link' : 'staff',
    invitePending: account.invitePending,
  };
}

/** Every account with its roles, enabled ones first. */
export async function listUsers(db: Database): Promise<AdminUser[]> {
  const [accounts, roles] = [await listAccounts(db), await listAllRoles(db)];
  const byUser = new Map<string, RoleGrant[]>();
  for (const { userId, ...grant } of roles) byUser.set(userId, [...(byUser.get(userId) ?? []), grant]);
  return accounts.map((account) => toAdminUser(account, byUser.get(account.id) ?? []));
}

async function findUserOr404(db: Queryable, id: string): Promise<AccountRow> {
  const account = isUuid(id) ? await findAccount(db, id) : undefined;
  if (!account) throw notFound('Kontot finns inte.');
  return account;
}

const sameGrants = (a: readonly RoleGrant[], b: readonly RoleGrant[]) =>
  JSON.stringify([...a].map((g) => JSON.stringify(g)).sort()) === JSON.stringify([...b].map((g) => JSON.stringify(g)).sort());

/**
 * Changes an account's name, roles (the whole list) or disabled flag.
 * Disabling ends every session of the account at once; its bearer tokens and
 * cookies get 401 on their next request and logins are refused. 409 when the
 * change would leave no enabled admin.
 */
export async function patchUser(db: Database, auth: AuthContext, id: string, input: PatchUserInput): Promise<AdminUser> {
  const before = await findUserOr404(db, id);
  if (input.roles) await checkGrants(db, input.roles);
  const roles = input.roles ? uniqueGrants(input.roles.map(storedGrant)) : undefined;
  await db.transaction(async (tx) => {
    await lockAdminChanges(tx);
    const current = await findRolesOfUser(tx, id);
    const wasActiveAdmin = !before.disabled && current.some((g) => g.role === 'admin');
    const staysActiveAdmin = !(input.disabled ?? before.disabled) && (roles ?? current).some((g) => g.role === 'admin');
    if (wasActiveAdmin && !staysActiveAdmin && (await countOtherActiveAdmins(tx, id)) === 0) {
      throw conflict('Det sista administratörskontot kan inte stängas av eller förlora rollen administratör. Ge först någon annan rollen.', {
        field: input.disabled ? 'disabled' : 'roles',
      });
    }
    const changes: Record<string, unknown> = {};
    if (input.displayName !== undefined && input.displayName !== before.displayName) changes.displayName = { from: before.displayName, to: input.displayName };
    if (input.disabled !== undefined && input.disabled !== before.disabled) changes.disabled = { from: before.disabled, to: input.disabled };
    if (roles && !sameGrants(roles, current)) changes.roles = { before: current, after: roles };
    await updateUserFlags(tx, id, { disabled: input.disabled, displayName: input.displayName });
    if (roles) {
      await deleteRolesOfUser(tx, id);
      for (const grant of roles) await insertRole(tx, id, grant);
    }
    if (input.disabled === true) await deleteSessionsOfAccount(tx, id);
    if (Object.keys(changes).length > 0) {
      const action = input.disabled === true && !before.disabled ? 'admin.user.disable' : input.disabled === false && before.disabled ? 'admin.user.enable' : 'admin.user.update';
      await writeAuditLog(tx, { userId: auth.userId, kommunkod: before.kommunkod, action, details: { targetUserId: id, email: before.email, changes } });
    }
  });
  return toAdminUser((await findAccount(db, id))!, await findRolesOfUser(db, id));
}

/**
 * Sets a new generated password (returned once) and ends the account's
 * sessions and its pending invitation link: the old password, every open
 * session and the link stop working, so the new password is the only way in.
 */
export async function resetPassword(db: Database, auth: AuthContext, id: string): Promise<ResetPassword> {
  const account = await findUserOr404(db, id);
  if (account.unitLink) throw conflict('Ett konto för en enhetslänk har inget lösenord; byt enhetens PIN-kod i stället.');
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await updatePasswordHash(tx, id, passwordHash);
    await deleteSessionsOfAccount(tx, id);
    await deleteInvitesOfUser(tx, id);
    await writeAuditLog(tx, { userId: auth.userId, kommunkod: account.kommunkod, action: 'admin.user.password_reset', details: { targetUserId: id, email: account.email } });
  });
  return { password };
}

/** A new one-time invitation link for an account (the previous link stops working). */
export async function reinvite(db: Database, auth: AuthContext, id: string): Promise<InviteLink> {
  const account = await findUserOr404(db, id);
  if (account.unitLink) throw conflict('Ett konto för en enhetslänk kan inte bjudas in.');
  if (account.disabled) throw conflict('Kontot är avstängt. Aktivera det först.');
  return db.transaction(async (tx) => {
    const invite = await issueInvite(tx, id);
    await writeAuditLog(tx, { userId: auth.userId, kommunkod: account.kommunkod, action: 'admin.user.invite', details: { targetUserId: id, email: account.email } });
    return invite;
  });
}
