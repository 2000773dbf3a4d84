import { Router } from 'express';
import { acceptInviteBody, changePasswordBody, type LoginResponse } from '../../contracts/auth';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { authenticate, readToken, SESSION_COOKIE } from '../auth/authenticate';
import { parseInput } from '../http/parse-input';
import { RateLimiter, rateLimit } from '../http/rate-limit';
import { acceptInvite, changeOwnPassword, describeInvite } from '../services/account';

/** One's own account: changing the password, and accepting an invitation link. */
export function accountRoutes(db: Database, config: Config): Router {
  const router = Router();
  const cookieOptions = { httpOnly: true, sameSite: 'strict', secure: config.cookieSecure, path: '/' } as const;
  // Password checks and invitation tokens get the login's budget per client address.
  const limitAttempts = rateLimit({ perClient: new RateLimiter(20, 10 * 60_000), global: new RateLimiter(600, 60_000) });

  router.post('/api/auth/password', limitAttempts, authenticate(db), async (req, res) => {
    const input = parseInput(changePasswordBody, req.body);
    const session = readToken(req.get('authorization'), req.get('cookie'))!;
    await changeOwnPassword(db, req.auth!, session.token, input);
    res.status(204).end();
  });

  router.get('/api/auth/invite/:token', limitAttempts, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await describeInvite(db, String(req.params.token)));
  });

  router.post('/api/auth/invite/:token', limitAttempts, async (req, res) => {
    const input = parseInput(acceptInviteBody, req.body);
    const session = await acceptInvite(db, String(req.params.token), input, config.sessionHours);
    res.cookie(SESSION_COOKIE, session.token, { ...cookieOptions, maxAge: config.sessionHours * 3600_000 });
    res.set('Cache-Control', 'no-store').json(session satisfies LoginResponse);
  });
  return router;
}
