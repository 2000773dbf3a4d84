import { Router } from 'express';
import { createCampaignBody } from '../../contracts/campaigns';
import type { CreatedResponse } from '../../contracts/common';
import type { Database } from '../db/database';
import { authenticate, requireRole } from '../auth/authenticate';
import { parseInput } from '../http/parse-input';
import { createCampaign, listCampaignsFor } from '../services/campaigns';

export function campaignRoutes(db: Database): Router {
  const router = Router();
  router.use('/api/campaigns', authenticate(db), requireRole('analyst'));

  router.get('/api/campaigns', async (req, res) => {
    res.json(await listCampaignsFor(db, req.auth!));
  });

  router.post('/api/campaigns', async (req, res) => {
    const input = parseInput(createCampaignBody, req.body);
    res.status(201).json({ id: await createCampaign(db, req.auth!, input) } satisfies CreatedResponse);
  });
  return router;
}
