import { Router } from 'express';
import { createClassesBody, patchClassBody, type ClassLink, type Classes } from '../../contracts/classes';
import type { Database } from '../db/database';
import { parseInput } from '../http/parse-input';
import { addClasses, listClasses, setClassElever } from '../services/class-links';
import { analystAccess } from './analyst-access';

/** Class links of a class-link campaign, for analysts (docs/api.md, "Class links"). */
export function classRoutes(db: Database): Router {
  const router = Router();
  router.use('/api/campaigns/:id/classes', ...analystAccess(db));

  router.post('/api/campaigns/:id/classes', async (req, res) => {
    const { classes } = parseInput(createClassesBody, req.body);
    res.status(201).json({ classes: await addClasses(db, req.auth!, req.params.id, classes) } satisfies Classes);
  });

  router.patch('/api/campaigns/:id/classes/:classId', async (req, res) => {
    const { elever } = parseInput(patchClassBody, req.body);
    res.json((await setClassElever(db, req.auth!, req.params.id, String(req.params.classId), elever)) satisfies ClassLink);
  });

  router.get('/api/campaigns/:id/classes', async (req, res) => {
    res.json({ classes: await listClasses(db, req.auth!, req.params.id) } satisfies Classes);
  });
  return router;
}
