import type { SampleDesign } from '../../contracts/fieldwork';
import type { Queryable } from '../db/database';

/** Records how the sample was designed (frame date and size, allocation); the latest codes call wins. */
export async function saveSampleDesign(db: Queryable, campaignId: string, design: SampleDesign): Promise<void> {
  await db.query('update campaigns set sample_design = $2 where id = $1', [campaignId, JSON.stringify(design)]);
}

/** The recorded sample design, or null when the codes were issued without one. */
export async function findSampleDesign(db: Queryable, campaignId: string): Promise<SampleDesign | null> {
  const rows = await db.query<{ design: SampleDesign | null }>('select sample_design as design from campaigns where id = $1', [campaignId]);
  return rows[0]?.design ?? null;
}
