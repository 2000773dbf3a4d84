import type { CreatedUser, CreateUserInput } from '../../contracts/admin';
import { generatePassword, hashPassword } from '../auth/password';
import type { AuthContext } from '../auth/auth-context';
import type { Database } from '../db/database';
import { badRequest, conflict } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { findKommuner, lanExists } from '../queries/kommuner';
import { unitExistsInKommun } from '../queries/screening';
import { findUserByEmail, insertRole, insertUser } from '../queries/users';


/**
 * Creates a staff account with its role grants and a generated password
 * (returned once, stored only as an scrypt hash). Checks that every kommun,
 * län and unit exists; 409 for a taken e-mail. The grant is audit-logged
 * (roles, never the password).
 */
export async function createUser(db: Database, auth: AuthContext, input: CreateUserInput): Promise<CreatedUser> {
  const kods = [...new Set([input.kommunkod, ...input.roles.flatMap((g) => (g.kommunkod ? [g.kommunkod] : []))])];
  const known = new Set((await findKommuner(db, kods)).map((k) => k.kod));
  const unknown = kods.find((kod) => !known.has(kod));
  if (unknown) throw badRequest(`Kommunkoden ${unknown} finns inte.`, { field: unknown === input.kommunkod ? 'kommunkod' : 'roles' });
  for (const [index, grant] of input.roles.entries()) {
    if (grant.lanKod && !(await lanExists(db, grant.lanKod))) {
      throw badRequest(`Fältet "roles.${index}.lanKod": länet ${grant.lanKod} finns inte`, { field: `roles.${index}.lanKod` });
    }
    if (grant.role === 'screener' && !(await unitExistsInKommun(db, grant.unitId!, grant.kommunkod!))) {
      throw badRequest(`Fältet "roles.${index}.unitId": enheten finns inte i kommun ${grant.kommunkod}`, { field: `roles.${index}.unitId` });
    }
  }
  if (await findUserByEmail(db, input.email)) throw conflict('Det finns redan ett konto med den e-postadressen.', { field: 'email' });
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const id = await db.transaction(async (tx) => {
    const userId = await insertUser(tx, { kommunkod: input.kommunkod, email: input.email, displayName: input.displayName, passwordHash });
    for (const grant of input.roles) {
      await insertRole(tx, userId, {
        role: grant.role,
        kommunkod: grant.role === 'county_viewer' || grant.role === 'admin' ? (grant.kommunkod ?? null) : grant.kommunkod,
        lanKod: grant.role === 'county_viewer' ? grant.lanKod : null,
        unitId: grant.role === 'screener' ? grant.unitId : null,
        microdataExport: grant.role === 'analyst' && grant.microdataExport === true,
      });
    }
    await writeAuditLog(tx, {
      userId: auth.userId,
      kommunkod: input.kommunkod,
      action: 'admin.user.create',
      details: { createdUserId: userId, email: input.email.toLowerCase(), roles: input.roles },
    });
    return userId;
  });
  return { id, email: input.email.toLowerCase(), password };
}
