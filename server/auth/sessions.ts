import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/database';
import { deleteSession, findSessionUser, insertSession } from '../queries/sessions';
import { writeAuditLog } from '../queries/audit-log';
import { findRolesOfUser, findUserByEmail, recordLogin } from '../queries/users';
import type { AuthContext } from './auth-context';
import { verifyPassword } from './password';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A hash to compare against when the e-mail is unknown, so that timing does not reveal which accounts exist. */
const decoyHash = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * Checks the password and opens a session, recording the login (last login,
 * audit log). Returns undefined for any wrong combination and for a disabled account.
 */
export async function logIn(
  db: Database,
  email: string,
  password: string,
  hours: number,
): Promise<{ token: string; csrfToken: string } | undefined> {
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(password, user?.password_hash ?? decoyHash);
  if (!user || !ok || user.disabled) return undefined;
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await openSession(db, { token, csrfToken, userId: user.id, kommunkod: user.kommunkod, hours, via: 'password' });
  return { token, csrfToken };
}

/** Stores a new session of a user and records the login (last login, audit log). */
export async function openSession(
  db: Database,
  session: { token: string; csrfToken: string; userId: string; kommunkod: string; hours: number; via: 'password' | 'invite' },
): Promise<void> {
  await db.transaction(async (tx) => {
    await insertSession(tx, { tokenHash: hashToken(session.token), userId: session.userId, csrfToken: session.csrfToken, hours: session.hours });
    await recordLogin(tx, session.userId);
    await writeAuditLog(tx, { userId: session.userId, kommunkod: session.kommunkod, action: 'auth.login', details: { via: session.via } });
  });
}

export async function resolveSession(db: Database, token: string, via: AuthContext['via']): Promise<AuthContext | undefined> {
  const session = await findSessionUser(db, hashToken(token));
  if (!session) return undefined;
  const roles = await findRolesOfUser(db, session.user_id);
  return {
    userId: session.user_id,
    email: session.email,
    displayName: session.display_name,
    kommunkod: session.kommunkod,
    roles,
    csrfToken: session.csrf_token,
    via,
  };
}

export function logOut(db: Database, token: string): Promise<void> {
  return deleteSession(db, hashToken(token));
}
