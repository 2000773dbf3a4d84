/** Wire schemas of administration: accounts and role grants (docs/api.md). */
import { z } from 'zod';
import { ROLE_NAMES } from '../domain/campaign';

const kommunkod = z.string().regex(/^[0-9]{4}$/, 'kommunkoden ska vara fyra siffror');

const roleGrant = z
  .object({
    role: z.enum(ROLE_NAMES),
    kommunkod: kommunkod.optional(),
    lanKod: z.string().regex(/^[0-9]{2}$/, 'länskoden ska vara två siffror').optional(),
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

/** Body of POST /api/admin/users. */
export const createUserBody = z.object({
  email: z.email().max(320),
  displayName: z.string().trim().min(1).max(200),
  kommunkod,
  roles: z.array(roleGrant).min(1, 'minst en roll krävs').max(50),
});
export type CreateUserInput = z.infer<typeof createUserBody>;

/** Answer of POST /api/admin/users (201): the generated password is shown once. */
export const createUserResponse = z.object({ id: z.string(), email: z.string(), password: z.string() });
export type CreatedUser = z.infer<typeof createUserResponse>;
