import { Router } from 'express';
import type { Database } from '../db/database';
import { pingDatabase } from '../queries/health';

export function healthRoutes(db: Database): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    await pingDatabase(db);
    res.json({ status: 'ok', database: db.kind });
  });
  return router;
}
