/**
 * What staff do with their own account: change their password, and accept a
 * one-time invitation link by choosing one.
 */
import { randomBytes } from 'node:crypto';
import type { AcceptInviteInput, ChangePasswordInput, InviteInfo, LoginResponse } from '../../contracts/auth';
import type { AuthContext } from '../auth/auth-context';
import { hashPassword, verifyPassword } from '../auth/password';
import { hashToken, openSession } from '../auth/sessions';
import type { Database } from '../db/database';
import { badRequest, conflict, notFound } from '../http/http-error';
import { deleteInvite, deleteInvitesOfUser, findInvite } from '../queries/account-invites';
import { writeAuditLog } from '../queries/audit-log';
import { deleteSessionsOfAccount, findPasswordHash, updatePasswordHash } from '../queries/users';

/**
 * Changes one's own password. The current one must be right (400 naming
 * `currentPassword` otherwise); every other session of the account ends, the
 * one making the change stays.
 */
export async function changeOwnPassword(db: Database, auth: AuthContext, sessionToken: string, input: ChangePasswordInput): Promise<void> {
  const stored = await findPasswordHash(db, auth.userId);
  if (!stored || !(await verifyPassword(input.currentPassword, stored))) {
    throw badRequest('Fältet "currentPassword": det nuvarande lösenordet stämmer inte', { field: 'currentPassword' });
  }
  if (input.newPassword === input.currentPassword) {
    throw badRequest('Fältet "newPassword": det nya lösenordet måste skilja sig från det nuvarande', { field: 'newPassword' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await updatePasswordHash(tx, auth.userId, passwordHash);
    await deleteSessionsOfAccount(tx, auth.userId, hashToken(sessionToken));
    await deleteInvitesOfUser(tx, auth.userId);
    await writeAuditLog(tx, { userId: auth.userId, kommunkod: auth.kommunkod, action: 'auth.password_change', details: {} });
  });
}

/** Whom an invitation link is for; 404 for an unknown, used or expired link. */
export async function describeInvite(db: Database, token: string): Promise<InviteInfo> {
  const invite = await findInvite(db, hashToken(token));
  if (!invite) throw notFound('Inbjudningslänken är inte giltig. Den kan ha använts eller gått ut; be administratören om en ny.');
  return { email: invite.email, displayName: invite.displayName, expiresAt: invite.expiresAt };
}

/** Sets the invited account's password, consumes the link and opens a session. */
export async function acceptInvite(db: Database, token: string, input: AcceptInviteInput, hours: number): Promise<LoginResponse> {
  const tokenHash = hashToken(token);
  const invite = await findInvite(db, tokenHash);
  if (!invite) throw notFound('Inbjudningslänken är inte giltig. Den kan ha använts eller gått ut; be administratören om en ny.');
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    if (!(await deleteInvite(tx, tokenHash))) throw conflict('Inbjudningslänken har redan använts.');
    await updatePasswordHash(tx, invite.userId, passwordHash);
    await writeAuditLog(tx, { userId: invite.userId, kommunkod: invite.kommunkod, action: 'auth.invite_accept', details: {} });
  });
  const session = { token: randomBytes(32).toString('base64url'), csrfToken: randomBytes(24).toString('base64url') };
  await openSession(db, { ...session, userId: invite.userId, kommunkod: invite.kommunkod, hours, via: 'invite' });
  return session;
}
