import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database';
import { authenticate, requireRole } from '../auth/authenticate';
import { parseInput } from '../http/parse-input';
import { createCampaign, listCampaignsFor } from '../services/campaigns';

const createBody = z.object({
  templateId: z.string().min(1).max(100),
  templateVersion: z.number().int().positive().optional(),
  title: z.string().trim().min(1).max(200),
  kommunkod: z.string().regex(/^\d{4}$/, 'fyra siffror (SCB:s kommunkod)').optional(),
  mode: z.enum(['codes', 'open']).optional(),
});

export function campaignRoutes(db: Database): Router {
  const router = Router();
  router.use('/api/campaigns', authenticate(db), requireRole('analyst'));

  router.get('/api/campaigns', async (req, res) => {
    res.json(await listCampaignsFor(db, req.auth!));
  });

  router.post('/api/campaigns', async (req, res) => {
    const input = parseInput(createBody, req.body);
    res.status(201).json({ id: await createCampaign(db, req.auth!, input) });
  });
  return router;
}
