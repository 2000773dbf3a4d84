import type { Queryable } from '../db/database';
import type { ExportedResponse } from '../../contracts/exports';

/**
 * Every response of a population survey in one unordered query, with its
 * id, for the microdata export's weights (the analysis itself reads the
 * stored records). Paging in id order costs about four times as much on
 * PGlite because of the sort over random uuids.
 */
export async function listSurveyResponsesForAnalysis(db: Queryable, campaignId: string): Promise<ExportedResponse[]> {
  return db.query<ExportedResponse>(
    `select id, stratum, mode, response_date::text as date, answers from responses where campaign_id = $1`,
    [campaignId],
  );
}
