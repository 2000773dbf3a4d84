import { Router } from 'express';
import { acceptInviteBody, changePasswordBody, type LoginResponse } from '../../contracts/auth';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { authenticate, readToken, SESSION_COOKIE } from '../auth/authenticate';
import { HttpError } from '../http/http-error';
import { parseInput } from '../http/parse-input';
import { clientAddress } from '../http/rate-limit';
import { acceptInvite, changeOwnPassword, describeInvite } from '../services/account';
import { AttemptGuard, FailedLookups, LOGIN_POLICY, type GuardPolicy, type LookupPolicy } from '../services/attempt-guard';
import { countMisses } from './respond-routes';

/** Wrong current passwords, counted like failed logins (per account with back-off, per address), in the database. */
export const PASSWORD_CHANGE_POLICY: GuardPolicy = { ...LOGIN_POLICY, name: 'password-change' };

/** Unknown invitation links per address: 100 misses in 10 minutes (the tokens are unguessable; this stops scanning). */
export const INVITE_LOOKUP_POLICY: LookupPolicy = { name: 'invite', windowSeconds: 10 * 60, perAddress: 100 };

/**
 * One's own account: changing the password, and accepting an invitation link.
 * Only failures are counted (docs/security.md): a wrong current password, an
 * unknown invitation link. Requests that fail validation cost nothing.
 */
export function accountRoutes(db: Database, config: Config, secret: Buffer): Router {
  const router = Router();
  const cookieOptions = { httpOnly: true, sameSite: 'strict', secure: config.cookieSecure, path: '/' } as const;
  const passwordChecks = new AttemptGuard(db, secret, PASSWORD_CHANGE_POLICY);

  router.post('/api/auth/password', authenticate(db), async (req, res) => {
    const input = parseInput(changePasswordBody, req.body);
    const session = readToken(req.get('authorization'), req.get('cookie'))!;
    const account = req.auth!.userId;
    const address = clientAddress(req);
    await passwordChecks.admit(account, address);
    try {
      await changeOwnPassword(db, req.auth!, session.token, input);
    } catch (error) {
      if (error instanceof HttpError && (error.details as { field?: unknown } | undefined)?.field === 'currentPassword') await passwordChecks.failed(account, address);
      throw error;
    }
    await passwordChecks.succeeded(account, address);
    res.status(204).end();
  });

  router.get('/api/auth/invite/:token', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await describeInvite(db, String(req.params.token)));
  });

  router.post('/api/auth/invite/:token', async (req, res) => {
    const input = parseInput(acceptInviteBody, req.body);
    const session = await acceptInvite(db, String(req.params.token), input, config.sessionHours);
    res.cookie(SESSION_COOKIE, session.token, { ...cookieOptions, maxAge: config.sessionHours * 3600_000 });
    res.set('Cache-Control', 'no-store').json(session satisfies LoginResponse);
  });
  router.use('/api/auth/invite', countMisses(new FailedLookups(db, secret, INVITE_LOOKUP_POLICY), 'not_found'));
  return router;
}
