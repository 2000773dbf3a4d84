import type { Queryable } from '../db/database';

/** Replaces the user's invitation with a new one (the old link stops working). */
export async function replaceInvite(db: Queryable, invite: { tokenHash: string; userId: string; days: number }): Promise<string> {
  await db.query('delete from account_invites where user_id = $1', [invite.userId]);
  const rows = await db.query<{ expiresAt: string }>(
    `insert into account_invites (token_hash, user_id, expires_at) values ($1, $2, now() + make_interval(days => $3))
     returning expires_at as "expiresAt"`,
    [invite.tokenHash, invite.userId, invite.days],
  );
  return rows[0].expiresAt;
}

export interface InviteRow {
  userId: string;
  email: string;
  displayName: string;
  kommunkod: string;
  expiresAt: string;
}

/** A live invitation of an enabled account. */
export async function findInvite(db: Queryable, tokenHash: string): Promise<InviteRow | undefined> {
  const rows = await db.query<InviteRow>(
    `select i.user_id as "userId", u.email, u.display_name as "displayName", u.kommunkod, i.expires_at as "expiresAt"
       from account_invites i join users u on u.id = i.user_id
      where i.token_hash = $1 and i.expires_at > now() and not u.disabled`,
    [tokenHash],
  );
  return rows[0];
}

/** Consumes an invitation; false if it was already used (a concurrent accept). */
export async function deleteInvite(db: Queryable, tokenHash: string): Promise<boolean> {
  const rows = await db.query('delete from account_invites where token_hash = $1 returning user_id', [tokenHash]);
  return rows.length === 1;
}

export async function deleteInvitesOfUser(db: Queryable, userId: string): Promise<void> {
  await db.query('delete from account_invites where user_id = $1', [userId]);
}
