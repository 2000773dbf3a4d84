import { Router } from 'express';
import { loginBody, type LoginResponse, type Me } from '../../contracts/auth';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { authenticate, readToken, SESSION_COOKIE } from '../auth/authenticate';
import { logIn, logOut } from '../auth/sessions';
import { findKommuner, findLanNames } from '../queries/kommuner';
import { unauthorized } from '../http/http-error';
import { parseInput } from '../http/parse-input';
import { setupNeeded } from '../services/installation';
import { RateLimiter, rateLimit } from '../http/rate-limit';

export function authRoutes(db: Database, config: Config): Router {
  const router = Router();
  const limitLogins = rateLimit({ perClient: new RateLimiter(20, 10 * 60_000), global: new RateLimiter(600, 60_000) });
  const cookieOptions = { httpOnly: true, sameSite: 'strict', secure: config.cookieSecure, path: '/' } as const;

  router.post('/api/auth/login', limitLogins, async (req, res) => {
    const { email, password } = parseInput(loginBody, req.body);
    const session = await logIn(db, email, password, config.sessionHours);
    if (!session) throw unauthorized('Fel e-postadress eller lösenord.');
    res.cookie(SESSION_COOKIE, session.token, { ...cookieOptions, maxAge: config.sessionHours * 3600_000 });
    res.json({ token: session.token, csrfToken: session.csrfToken } satisfies LoginResponse);
  });

  router.post('/api/auth/logout', authenticate(db), async (req, res) => {
    const found = readToken(req.get('authorization'), req.get('cookie'));
    if (found) await logOut(db, found.token);
    res.clearCookie(SESSION_COOKIE, cookieOptions);
    res.status(204).end();
  });

  router.get('/api/me', authenticate(db), async (req, res) => {
    const auth = req.auth!;
    const kods = [auth.kommunkod, ...auth.roles.map((grant) => grant.kommunkod).filter((kod): kod is string => kod !== null)];
    const kommuner = await findKommuner(db, [...new Set(kods)]);
    const lan = await findLanNames(db, [...new Set(auth.roles.filter((g) => g.role === 'county_viewer' && g.lanKod).map((g) => g.lanKod as string))]);
    res.json({
      user: { id: auth.userId, email: auth.email, displayName: auth.displayName, kommunkod: auth.kommunkod },
      roles: auth.roles,
      kommuner: kommuner.map(({ kod, namn, lanKod, isDemo }) => ({ kod, namn, lanKod, isDemo })),
      lan,
      csrfToken: auth.csrfToken,
      setupNeeded: await setupNeeded(db, auth),
    } satisfies Me);
  });
  return router;
}
