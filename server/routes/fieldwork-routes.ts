import { Router } from 'express';
import { z } from 'zod';
import { codesBody } from '../../contracts/sampling';
import type { Database } from '../db/database';
import { parseInput } from '../http/parse-input';
import { campaignDetail, changeCampaignStatus, deleteCampaignCodes, updateCampaign } from '../services/campaign-lifecycle';
import { findCampaignForAnalyst } from '../services/campaigns';
import { issueCodesForAnalyst } from '../services/sample-codes';
import { campaignProgress } from '../services/progress';
import { recordReminderWave, unusedCodesCsv } from '../services/reminders';
import { analystAccess } from './analyst-access';

const isoDate = z.iso.date();
const localized = z.union([z.string().trim().min(1).max(200), z.record(z.string(), z.string().max(200))]);
const patchBody = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  periodStart: isoDate.nullable().optional(),
  periodEnd: isoDate.nullable().optional(),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'språkkod som sv, en')).min(1).max(20).optional(),
  contact: z
    .object({
      name: z.string().trim().min(1).max(200),
      phone: z.string().trim().max(50).optional(),
      email: z.email().optional(),
      url: z.url().optional(),
    })
    .optional(),
  areas: z.array(z.object({ code: z.string().trim().min(1).max(50), name: localized })).max(500).optional(),
  modules: z.record(z.string(), z.boolean()).optional(),
});

/** Population-survey fieldwork for analysts: lifecycle, settings, codes, progress, reminders. */
export function fieldworkRoutes(db: Database, secret: Buffer): Router {
  const router = Router();
  router.use('/api/campaigns/:id', ...analystAccess(db));

  router.get('/api/campaigns/:id', async (req, res) => {
    res.json(await campaignDetail(db, req.auth!, req.params.id));
  });

  router.patch('/api/campaigns/:id', async (req, res) => {
    const settings = parseInput(patchBody, req.body);
    await updateCampaign(db, req.auth!, req.params.id, settings);
    res.json(await campaignDetail(db, req.auth!, req.params.id));
  });

  for (const action of ['open', 'close', 'archive'] as const) {
    router.post(`/api/campaigns/:id/${action}`, async (req, res) => {
      res.json({ status: await changeCampaignStatus(db, req.auth!, req.params.id, action) });
    });
  }

  router.post('/api/campaigns/:id/delete-codes', async (req, res) => {
    res.json({ deleted: await deleteCampaignCodes(db, req.auth!, req.params.id) });
  });

  router.post('/api/campaigns/:id/codes', async (req, res) => {
    const { strata } = parseInput(codesBody, req.body);
    res.status(201).json({ codes: await issueCodesForAnalyst(db, secret, req.auth!, req.params.id, strata) });
  });

  router.get('/api/campaigns/:id/progress', async (req, res) => {
    await findCampaignForAnalyst(db, req.auth!, req.params.id);
    res.json(await campaignProgress(db, req.params.id));
  });

  router.post('/api/campaigns/:id/reminders', async (req, res) => {
    res.status(201).json(await recordReminderWave(db, req.auth!, req.params.id));
  });

  router.get('/api/campaigns/:id/unused-codes.csv', async (req, res) => {
    const csv = await unusedCodesCsv(db, req.auth!, req.params.id);
    res.type('text/csv; charset=utf-8').attachment('paminnelser.csv').send(csv);
  });
  return router;
}
