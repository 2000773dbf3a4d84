import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database';
import { parseInput } from '../http/parse-input';
import { paperDiscrepancies, registerPaperForm, resolvePaperForm } from '../services/paper-entry';
import type { ResponseStore } from '../services/response-store';
import { analystAccess } from './analyst-access';

const answers = z.record(z.string(), z.unknown());
const paperBody = z.object({
  code: z.string().min(1).max(40),
  answers,
  entry: z.union([z.literal(1), z.literal(2)]).optional(),
});
const resolveBody = z
  .object({ ref: z.string().min(1).max(40).optional(), code: z.string().min(1).max(40).optional(), answers })
  .refine((body) => body.ref !== undefined || body.code !== undefined, { message: 'ange ref eller code', path: ['ref'] });

/** Paper forms keyed in by analysts, with optional double entry. */
export function paperRoutes(db: Database, store: ResponseStore, secret: Buffer): Router {
  const router = Router();
  router.use('/api/campaigns/:id/paper', ...analystAccess(db));

  router.post('/api/campaigns/:id/paper', async (req, res) => {
    const form = parseInput(paperBody, req.body);
    const outcome = await registerPaperForm(db, store, secret, req.auth!, req.params.id, form);
    res.status(outcome.status === 'stored' ? 201 : 200).json(outcome);
  });

  router.get('/api/campaigns/:id/paper/discrepancies', async (req, res) => {
    res.json(await paperDiscrepancies(db, req.auth!, req.params.id));
  });

  router.post('/api/campaigns/:id/paper/resolve', async (req, res) => {
    const resolution = parseInput(resolveBody, req.body);
    await resolvePaperForm(db, store, secret, req.auth!, req.params.id, resolution);
    res.status(201).json({ status: 'stored' });
  });
  return router;
}
