import { Router } from 'express';
import type { TemplateSummary } from '../../contracts/templates';
import type { Database } from '../db/database';
import { analystKommuner } from '../auth/auth-context';
import { authenticate, requireRole } from '../auth/authenticate';
import { listLatestTemplates } from '../queries/templates';

export function templateRoutes(db: Database): Router {
  const router = Router();
  router.get('/api/templates', authenticate(db), requireRole('analyst'), async (req, res) => {
    const templates = await listLatestTemplates(db, analystKommuner(req.auth!));
    res.json(templates.map(({ id, version, kind, title }): TemplateSummary => ({ id, version, kind, title })));
  });
  return router;
}
