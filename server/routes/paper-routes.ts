import { Router } from 'express';
import { paperBody, paperResolveBody, type PaperDiscrepancy, type PaperOutcome } from '../../contracts/paper';
import type { Database } from '../db/database';
import { parseInput } from '../http/parse-input';
import { paperDiscrepancies, registerPaperForm, resolvePaperForm } from '../services/paper-entry';
import type { ResponseStore } from '../services/response-store';
import { analystAccess } from './analyst-access';

/** Paper forms keyed in by analysts, with optional double entry. */
export function paperRoutes(db: Database, store: ResponseStore, secret: Buffer): Router {
  const router = Router();
  router.use('/api/campaigns/:id/paper', ...analystAccess(db));

  router.post('/api/campaigns/:id/paper', async (req, res) => {
    const form = parseInput(paperBody, req.body);
    const outcome = await registerPaperForm(db, store, secret, req.auth!, req.params.id, form);
    res.status(outcome.status === 'stored' ? 201 : 200).json(outcome satisfies PaperOutcome);
  });

  router.get('/api/campaigns/:id/paper/discrepancies', async (req, res) => {
    res.json((await paperDiscrepancies(db, secret, req.auth!, req.params.id)) satisfies readonly PaperDiscrepancy[]);
  });

  router.post('/api/campaigns/:id/paper/resolve', async (req, res) => {
    const resolution = parseInput(paperResolveBody, req.body);
    await resolvePaperForm(db, store, secret, req.auth!, req.params.id, resolution);
    res.status(201).json({ status: 'stored' });
  });
  return router;
}
