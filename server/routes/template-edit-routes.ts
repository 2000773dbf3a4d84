import { Router } from 'express';
import { saveTemplateBody, templateVersionQuery } from '../../contracts/templates';
import type { Database } from '../db/database';
import { authenticate, requireRole } from '../auth/authenticate';
import { parseInput } from '../http/parse-input';
import { saveTemplateVersion, templateForEditing } from '../services/template-edit';

/** Template editing for analysts: read one version, save a new version. See docs/questionnaires.md. */
export function templateEditRoutes(db: Database): Router {
  const router = Router();
  router.use('/api/templates/:id', authenticate(db), requireRole('analyst'));

  router.get('/api/templates/:id', async (req, res) => {
    const { version } = parseInput(templateVersionQuery, req.query);
    res.json(await templateForEditing(db, req.auth!, req.params.id, version));
  });

  router.post('/api/templates/:id/versions', async (req, res) => {
    const body = parseInput(saveTemplateBody, req.body);
    res.status(201).json(await saveTemplateVersion(db, req.auth!, req.params.id, body));
  });
  return router;
}
