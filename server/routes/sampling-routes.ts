import { Router, type Request } from 'express';
import type { LetterSettings } from '../../contracts/sampling';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { findCampaignForAnalyst } from '../services/campaigns';
import { analystAccess } from './analyst-access';

/** Link base for letters: PUBLIC_URL, else the request's origin. */
function linkBase(config: Config, req: Request): string {
  return (config.publicUrl ?? `${req.protocol}://${req.get('host')}`).replace(/\/+$/, '');
}

/**
 * Sampling happens in the analyst's browser (or `npm run draw`): the server
 * never receives the frame. It issues codes for counts
 * (`POST /api/campaigns/:id/codes`, fieldwork-routes.ts) and tells the
 * letters where to link.
 */
export function samplingRoutes(db: Database, config: Config): Router {
  const router = Router();
  router.get('/api/campaigns/:id/letter-settings', ...analystAccess(db), async (req, res) => {
    await findCampaignForAnalyst(db, req.auth!, String(req.params.id));
    const settings: LetterSettings = { linkBase: linkBase(config, req) };
    res.json(settings);
  });
  return router;
}
