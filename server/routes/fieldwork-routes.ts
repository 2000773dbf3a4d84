import { Router } from 'express';
import {
  campaignPatchBody,
  issueCodesBody,
  type CampaignDetail,
  type DeletedCodes,
  type IssuedCodes,
  type Progress,
  type ReminderWave,
  type StatusChange,
} from '../../contracts/fieldwork';
import type { Database } from '../db/database';
import { parseInput } from '../http/parse-input';
import { campaignDetail, changeCampaignStatus, deleteCampaign, deleteCampaignCodes, reopenCampaignDraft, updateCampaign } from '../services/campaign-lifecycle';
import { findCampaignForAnalyst } from '../services/campaigns';
import { issueCodesForAnalyst } from '../services/sample-codes';
import { campaignProgress } from '../services/progress';
import { recordReminderWave, unusedCodesCsv } from '../services/reminders';
import type { ResponseStore } from '../services/response-store';
import { analystAccess } from './analyst-access';

/** Population-survey fieldwork for analysts: lifecycle, settings, codes, progress, reminders. */
export function fieldworkRoutes(db: Database, store: ResponseStore, secret: Buffer): Router {
  const router = Router();
  router.use('/api/campaigns/:id', ...analystAccess(db));

  router.get('/api/campaigns/:id', async (req, res) => {
    res.json((await campaignDetail(db, req.auth!, req.params.id)) satisfies CampaignDetail);
  });

  router.patch('/api/campaigns/:id', async (req, res) => {
    const settings = parseInput(campaignPatchBody, req.body);
    await updateCampaign(db, req.auth!, req.params.id, settings);
    res.json(await campaignDetail(db, req.auth!, req.params.id));
  });

  for (const action of ['open', 'close', 'archive'] as const) {
    router.post(`/api/campaigns/:id/${action}`, async (req, res) => {
      res.json({ status: await changeCampaignStatus(db, store, req.auth!, req.params.id, action) } satisfies StatusChange);
    });
  }

  router.post('/api/campaigns/:id/reopen-draft', async (req, res) => {
    res.json({ status: await reopenCampaignDraft(db, req.auth!, req.params.id) } satisfies StatusChange);
  });

  router.delete('/api/campaigns/:id', async (req, res) => {
    await deleteCampaign(db, store, req.auth!, req.params.id);
    res.status(204).end();
  });

  router.post('/api/campaigns/:id/delete-codes', async (req, res) => {
    res.json({ deleted: await deleteCampaignCodes(db, store, req.auth!, req.params.id) } satisfies DeletedCodes);
  });

  router.post('/api/campaigns/:id/codes', async (req, res) => {
    const { strata } = parseInput(issueCodesBody, req.body);
    res.status(201).json({ codes: await issueCodesForAnalyst(db, secret, req.auth!, req.params.id, strata) } satisfies IssuedCodes);
  });

  router.get('/api/campaigns/:id/progress', async (req, res) => {
    await findCampaignForAnalyst(db, req.auth!, req.params.id);
    res.json((await campaignProgress(db, req.params.id)) satisfies Progress);
  });

  router.post('/api/campaigns/:id/reminders', async (req, res) => {
    res.status(201).json((await recordReminderWave(db, req.auth!, req.params.id)) satisfies ReminderWave);
  });

  router.get('/api/campaigns/:id/unused-codes.csv', async (req, res) => {
    const csv = await unusedCodesCsv(db, req.auth!, req.params.id);
    res.type('text/csv; charset=utf-8').attachment('paminnelser.csv').send(csv);
  });
  return router;
}
