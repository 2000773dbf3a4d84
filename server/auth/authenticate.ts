import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Database } from '../db/database';
import { forbidden, unauthorized } from '../http/http-error';
import type { AuthContext, Role } from './auth-context';
import { resolveSession } from './sessions';

export const SESSION_COOKIE = 'sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session token from `Authorization: Bearer …` or from the session cookie. */
export function readToken(header: string | undefined, cookieHeader: string | undefined): { token: string; via: AuthContext['via'] } | undefined {
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return { token: bearer, via: 'bearer' };
  const cookie = parseCookies(cookieHeader)[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : undefined;
}

/**
 * Requires a logged-in staff user. Cookie sessions must also send the
 * session's CSRF token in `x-csrf-token` on writes; bearer tokens need not,
 * since a browser never attaches them by itself.
 */
export function authenticate(db: Database): RequestHandler {
  return async (req, _res, next) => {
    const found = readToken(req.get('authorization'), req.get('cookie'));
    const auth = found && (await resolveSession(db, found.token, found.via));
    if (!auth) throw unauthorized();
    if (auth.via === 'cookie' && !SAFE_METHODS.has(req.method) && !sameToken(req.get('x-csrf-token'), auth.csrfToken)) {
      throw forbidden('CSRF-kontrollen misslyckades. Ladda om sidan och försök igen.');
    }
    req.auth = auth;
    next();
  };
}

/** Requires one of the roles (in any kommun; the route checks which kommun). */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.auth?.roles.some((grant) => roles.includes(grant.role))) throw forbidden();
    next();
  };
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header?.split(';') ?? []) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // A malformed cookie value is ignored rather than failing the request.
    }
  }
  return cookies;
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
