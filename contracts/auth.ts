/** Wire schemas of logging in and out and of `GET /api/me` (docs/api.md). */
import { z } from 'zod';
import { ROLE_NAMES } from '../domain/campaign';
import { list } from './common';

/** Body of POST /api/auth/login. */
export const loginBody = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1000) });
export type LoginBody = z.infer<typeof loginBody>;

/** Answer of POST /api/auth/login; the session cookie is set as well. */
export const loginResponse = z.object({ token: z.string(), csrfToken: z.string() });
export type LoginResponse = z.infer<typeof loginResponse>;

/** One role of a staff member: analyst or screener in a kommun (screener: of one unit), county viewer of a län, or admin. */
export const roleGrant = z.object({
  role: z.enum(ROLE_NAMES),
  kommunkod: z.string().nullable(),
  lanKod: z.string().nullable(),
  unitId: z.string().nullable(),
  /** The separate right to export microdata (analysts only). */
  microdataExport: z.boolean(),
});
export type RoleGrant = z.infer<typeof roleGrant>;

/** GET /api/me: who is logged in, with the roles and the kommuner they concern. */
export const meResponse = z.object({
  user: z.object({ id: z.string(), email: z.string(), displayName: z.string(), kommunkod: z.string() }),
  roles: list(roleGrant),
  kommuner: list(z.object({ kod: z.string(), namn: z.string(), lanKod: z.string(), isDemo: z.boolean() })),
  /** The län of the user's county-viewer roles, by name ("Östergötlands län"). */
  lan: list(z.object({ kod: z.string(), namn: z.string() })),
  csrfToken: z.string(),
  /** True for an admin until the installation's kommun (or län) has been chosen (GET/POST /api/admin/setup). */
  setupNeeded: z.boolean(),
});
export type Me = z.infer<typeof meResponse>;

/** A password a person chooses: at least 12 characters. */
export const newPassword = z.string().min(12, 'minst 12 tecken').max(1000);

/** Body of POST /api/auth/password (answered 204): one's own password. */
export const changePasswordBody = z.object({ currentPassword: z.string().min(1).max(1000), newPassword });
export type ChangePasswordInput = z.infer<typeof changePasswordBody>;

/** GET /api/auth/invite/:token: whom a one-time invitation link is for. */
export const inviteInfoResponse = z.object({ email: z.string(), displayName: z.string(), expiresAt: z.string() });
export type InviteInfo = z.infer<typeof inviteInfoResponse>;

/** Body of POST /api/auth/invite/:token: the chosen password; answered like a login (and the session cookie is set). */
export const acceptInviteBody = z.object({ password: newPassword });
export type AcceptInviteInput = z.infer<typeof acceptInviteBody>;
