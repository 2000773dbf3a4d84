import { Router } from 'express';
import type { Database } from '../db/database';
import { authenticate, requireRole } from '../auth/authenticate';
import { parseInput } from '../http/parse-input';
import { createUserBody } from '../../contracts/admin';
import { createUser } from '../services/admin-users';

/** Administration: accounts and role grants (admin only, audit-logged). */
export function adminRoutes(db: Database): Router {
  const router = Router();
  router.use('/api/admin', authenticate(db), requireRole('admin'));

  router.post('/api/admin/users', async (req, res) => {
    const input = parseInput(createUserBody, req.body);
    const created = await createUser(db, req.auth!, input);
    res.status(201).set('Cache-Control', 'no-store').json(created);
  });
  return router;
}
