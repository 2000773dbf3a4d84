import type { Queryable } from '../db/database';
import type { Role, RoleGrant } from '../auth/auth-context';

export interface UserRow {
  id: string;
  kommunkod: string;
  email: string;
  display_name: string;
  password_hash: string;
  disabled: boolean;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow>(
    'select id, kommunkod, email, display_name, password_hash, disabled from users where email = $1',
    [email.toLowerCase()],
  );
  return rows[0];
}

export async function countUsers(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('select count(*)::int as n from users');
  return rows[0].n;
}

export async function insertUser(
  db: Queryable,
  user: { kommunkod: string; email: string; displayName: string; passwordHash: string },
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    'insert into users (kommunkod, email, display_name, password_hash) values ($1, $2, $3, $4) returning id',
    [user.kommunkod, user.email.toLowerCase(), user.displayName, user.passwordHash],
  );
  return rows[0].id;
}

export async function insertRole(
  db: Queryable,
  userId: string,
  grant: { role: Role; kommunkod?: string | null; lanKod?: string | null; unitId?: string | null; microdataExport?: boolean },
): Promise<void> {
  await db.query(
    'insert into user_roles (user_id, role, kommunkod, lan_kod, unit_id, microdata_export) values ($1, $2, $3, $4, $5, $6)',
    [userId, grant.role, grant.kommunkod ?? null, grant.lanKod ?? null, grant.unitId ?? null, grant.microdataExport ?? false],
  );
}

export async function findRolesOfUser(db: Queryable, userId: string): Promise<RoleGrant[]> {
  return db.query<RoleGrant>(
    `select role, kommunkod, lan_kod as "lanKod", unit_id as "unitId", microdata_export as "microdataExport"
       from user_roles where user_id = $1 order by role, kommunkod nulls first`,
    [userId],
  );
}

/** A staff account as administration lists it. */
export interface AccountRow {
  id: string;
  email: string;
  displayName: string;
  kommunkod: string;
  disabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  /** True for the account behind a screening unit's link (it has no password of its own). */
  unitLink: boolean;
  invitePending: boolean;
}

const accountColumns = `u.id, u.email, u.display_name as "displayName", u.kommunkod, u.disabled,
       u.last_login_at as "lastLoginAt", u.created_at as "createdAt",
       exists (select 1 from screening_units su where su.link_user_id = u.id) as "unitLink",
       exists (select 1 from account_invites i where i.user_id = u.id) as "invitePending"`;

export async function listAccounts(db: Queryable): Promise<AccountRow[]> {
  return db.query<AccountRow>(`select ${accountColumns} from users u order by u.disabled, lower(u.display_name), u.email`);
}

export async function findAccount(db: Queryable, id: string): Promise<AccountRow | undefined> {
  const rows = await db.query<AccountRow>(`select ${accountColumns} from users u where u.id = $1`, [id]);
  return rows[0];
}

/** Every role grant of every account, for the account list. */
export async function listAllRoles(db: Queryable): Promise<(RoleGrant & { userId: string })[]> {
  return db.query<RoleGrant & { userId: string }>(
    `select user_id as "userId", role, kommunkod, lan_kod as "lanKod", unit_id as "unitId", microdata_export as "microdataExport"
       from user_roles order by user_id, role, kommunkod nulls first`,
  );
}

export async function findPasswordHash(db: Queryable, userId: string): Promise<string | undefined> {
  const rows = await db.query<{ password_hash: string }>('select password_hash from users where id = $1', [userId]);
  return rows[0]?.password_hash;
}

export async function updateUserFlags(db: Queryable, id: string, changes: { disabled?: boolean; displayName?: string }): Promise<void> {
  await db.query('update users set disabled = coalesce($2, disabled), display_name = coalesce($3, display_name) where id = $1', [
    id,
    changes.disabled ?? null,
    changes.displayName ?? null,
  ]);
}

export async function updatePasswordHash(db: Queryable, id: string, passwordHash: string): Promise<void> {
  await db.query('update users set password_hash = $2 where id = $1', [id, passwordHash]);
}

export async function deleteRolesOfUser(db: Queryable, userId: string): Promise<void> {
  await db.query('delete from user_roles where user_id = $1', [userId]);
}

export async function recordLogin(db: Queryable, userId: string): Promise<void> {
  await db.query('update users set last_login_at = now() where id = $1', [userId]);
}

/** Enabled accounts with the admin role, other than `exceptUserId`. */
export async function countOtherActiveAdmins(db: Queryable, exceptUserId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `select count(distinct u.id)::int as n from users u join user_roles r on r.user_id = u.id
      where r.role = 'admin' and not u.disabled and u.id <> $1`,
    [exceptUserId],
  );
  return rows[0].n;
}

/** Serialises changes to admin accounts within a transaction (the last admin must stay). */
export async function lockAdminChanges(db: Queryable): Promise<void> {
  await db.query('select pg_advisory_xact_lock(724311)');
}

/** Ends every session of a user at once (disabled, password reset or changed elsewhere). */
export async function deleteSessionsOfAccount(db: Queryable, userId: string, keepTokenHash: string | null = null): Promise<void> {
  await db.query('delete from sessions where user_id = $1 and token_hash is distinct from $2', [userId, keepTokenHash]);
}

/** Makes `kommunkod` the user's home kommun. */
export async function setHomeKommun(db: Queryable, userId: string, kommunkod: string): Promise<void> {
  await db.query('update users set kommunkod = $2 where id = $1', [userId, kommunkod]);
}
