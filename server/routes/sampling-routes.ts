import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { HttpError } from '../http/http-error';
import { parseInput } from '../http/parse-input';
import { drawSample, previewAllocation, uploadFrame } from '../services/sampling';
import { analystAccess } from './analyst-access';

const frameQuery = z.object({ fileName: z.string().trim().min(1).max(200).default('urvalsram.csv') });

const allocationBody = z.object({
  uploadToken: z.string().min(1).max(100),
  method: z.enum(['proportional', 'equal', 'precision']),
  total: z.number().int().min(1).max(1_000_000).optional(),
  perOmrade: z.number().int().min(1).max(1_000_000).optional(),
  targetHalfWidth: z.number().gt(0).lt(1).optional(),
  expectedPrevalence: z.number().gt(0).lt(1).optional(),
  expectedResponseRate: z.number().gt(0).max(1).optional(),
});
const drawBody = allocationBody.extend({
  seed: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'bokstäver a–z, siffror och . _ : - (högst 100 tecken)').optional(),
});

/** Link base for letters: PUBLIC_URL, else the request's origin. */
function linkBase(config: Config, req: Request): string {
  return (config.publicUrl ?? `${req.protocol}://${req.get('host')}`).replace(/\/+$/, '');
}

/** Sampling for population surveys: frame upload (held in memory only), allocation preview, draw. */
export function samplingRoutes(db: Database, config: Config, secret: Buffer): Router {
  const router = Router();
  const analyst = analystAccess(db);
  const csv = express.text({ type: 'text/csv', limit: '25mb' });

  router.post('/api/campaigns/:id/frame', ...analyst, csv, async (req, res) => {
    if (typeof req.body !== 'string') throw new HttpError(415, 'unsupported_media_type', 'Skicka urvalsramen som text/csv (UTF-8).');
    const { fileName } = parseInput(frameQuery, req.query);
    res.status(201).json(await uploadFrame(db, req.auth!, String(req.params.id), req.body, fileName));
  });

  router.post('/api/campaigns/:id/allocation', ...analyst, async (req, res) => {
    res.json(await previewAllocation(db, req.auth!, String(req.params.id), parseInput(allocationBody, req.body)));
  });

  router.post('/api/campaigns/:id/draw', ...analyst, async (req, res) => {
    const result = await drawSample(db, secret, req.auth!, String(req.params.id), parseInput(drawBody, req.body), linkBase(config, req));
    res
      .status(201)
      .set({ 'Cache-Control': 'no-store', 'X-Sample-Seed': result.seed, 'X-Sample-Size': String(result.allocation.n) })
      .type('text/csv; charset=utf-8')
      .attachment('brevfil.csv')
      .send(result.csv);
  });
  return router;
}
