import type { Queryable } from '../db/database';

export async function insertSession(
  db: Queryable,
  session: { tokenHash: string; userId: string; csrfToken: string; hours: number },
): Promise<void> {
  await db.query(
    `insert into sessions (token_hash, user_id, csrf_token, expires_at)
     values ($1, $2, $3, now() + make_interval(secs => $4))`,
    [session.tokenHash, session.userId, session.csrfToken, session.hours * 3600],
  );
}

export interface SessionUserRow {
  user_id: string;
  email: string;
  display_name: string;
  kommunkod: string;
  csrf_token: string;
}

/** The live session's user, or undefined if the session is unknown, expired or the user disabled. */
export async function findSessionUser(db: Queryable, tokenHash: string): Promise<SessionUserRow | undefined> {
  const rows = await db.query<SessionUserRow>(
    `select s.user_id, u.email, u.display_name, u.kommunkod, s.csrf_token
       from sessions s join users u on u.id = s.user_id
      where s.token_hash = $1 and s.expires_at > now() and not u.disabled`,
    [tokenHash],
  );
  return rows[0];
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [tokenHash]);
}

export async function deleteExpiredSessions(db: Queryable): Promise<void> {
  await db.query('delete from sessions where expires_at <= now()');
}
