import { Router } from 'express';
import type { Database } from '../db/database';

export function healthRoutes(db: Database): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    await db.query('select 1');
    res.json({ status: 'ok', database: db.kind });
  });
  return router;
}
