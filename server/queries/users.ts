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
