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
import { clientAddress } from '../http/rate-limit';
import { AttemptGuard, LOGIN_POLICY } from '../services/attempt-guard';

export function authRoutes(db: Database, config: Config, secret: Buffer): Router {
  const router = Router();
  // Per account with back-off, per address, and a global budget of password hashes; shared by every process (docs/security.md).
  const logins = new AttemptGuard(db, secret, LOGIN_POLICY);
  const cookieOptions = { httpOnly: true, sameSite: 'strict', secure: config.cookieSecure, path: '/' } as const;

  router.post('/api/auth/login', async (req, res) => {
    // A malformed body costs no hash and is not counted.
    const { email, password } = parseInput(loginBody, req.body);
    const account = email.toLowerCase();
    const address = clientAddress(req);
    await logins.admit(account, address);
    const session = await logIn(db, email, password, config.sessionHours);
    if (!session) {
      await logins.failed(account, address);
      throw unauthorized('Fel e-postadress eller lösenord.');
    }
    await logins.succeeded(account, address);
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
