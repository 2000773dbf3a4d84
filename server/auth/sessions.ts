import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/database';
import { deleteSession, findSessionUser, insertSession } from '../queries/sessions';
import { findRolesOfUser, findUserByEmail } from '../queries/users';
import type { AuthContext } from './auth-context';
import { verifyPassword } from './password';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A hash to compare against when the e-mail is unknown, so that timing does not reveal which accounts exist. */
const decoyHash = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Checks the password and opens a session. Returns undefined for any wrong combination. */
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
  await insertSession(db, { tokenHash: hashToken(token), userId: user.id, csrfToken, hours });
  return { token, csrfToken };
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
