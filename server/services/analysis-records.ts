import { levelCoder, type CategoricalColumn, type RespondentColumn, type RespondentColumns } from '../../analysis/index';
import type { Database, Queryable } from '../db/database';
import { listStrata } from '../queries/campaign-strata';
import type { CampaignRow } from '../queries/campaigns';
import { listSurveyResponsesForAnalysis } from '../queries/population-survey-responses';
import { analysisRecordColumns } from './analysis-record-columns';
import { CLASS_VARIABLES, orderStratumVariables, STRATUM_COLUMN } from './analysis-design';
import { stratumKeyOf } from './personal-codes';
import { computeRecords, loadStoredRecords, RECORD_STRATUM_COLUMN } from './response-records';

/** A campaign's responses as the engine's typed columns, with the campaign's strata. */
export interface CampaignRecords {
  /**
   * `stratum_kon`, `stratum_aldersgrupp`, `stratum_omrade` (the code's register stratum), `stratum` (its key),
   * `kon`, `alder`, `aldersgrupp`, `omrade` as answered, and one 0/1/missing column per indicator.
   */
  readonly columns: RespondentColumns;
  /** Variables of the sampling strata (empty for open links), in export order. */
  readonly stratumVariables: readonly string[];
  /** Responses that carry a stratum. */
  readonly withStratum: number;
  readonly responseCount: number;
  /** Milliseconds spent reading the stored records and building the columns. */
  readonly loadMs: number;
  /** The part of loadMs spent reading from the database (and recording responses that had no record yet). */
  readonly readMs: number;
  /** Responses whose records were computed during this load (older data, a correction, a changed definition). */
  readonly recordedNow: number;
  /** The response id of each row: only from `campaignRecordsWithIds` (for attaching weights to the microdata export). */
  readonly ids?: readonly string[];
}

/** Campaigns whose decoded records are kept in memory (least recently used dropped first). */
const MAX_CACHED = 2;
const cache = new Map<string, { version: string; records: CampaignRecords }>();

/**
 * Splits the stored stratum (JSON per level) into the stratum key column and
 * one `stratum_<variable>` column per stratum variable. Each level is parsed
 * once; the rows share the stored codes.
 */
function withStratumColumns(stored: RespondentColumns, stratumVariables: readonly string[]): { columns: RespondentColumns; withStratum: number } {
  const columns = new Map<string, RespondentColumn>(stored.columns);
  const raw = columns.get(RECORD_STRATUM_COLUMN) as CategoricalColumn | undefined;
  columns.delete(RECORD_STRATUM_COLUMN);
  const codes = raw?.codes ?? new Int32Array(stored.size).fill(-1);
  const strata = (raw?.levels ?? []).map((level) => JSON.parse(level) as Record<string, string>);
  columns.set(STRATUM_COLUMN, { kind: 'categorical', levels: strata.map(stratumKeyOf), codes });
  for (const variable of stratumVariables) {
    const coder = levelCoder();
    const map = strata.map((stratum) => {
      const value = stratum[variable]?.trim();
      return value === undefined || value === '' ? -1 : coder.code(value);
    });
    columns.set(`stratum_${variable}`, { kind: 'categorical', levels: coder.levels, codes: Int32Array.from(codes, (c) => (c < 0 ? -1 : map[c])) });
  }
  let withStratum = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) withStratum++;
  return { columns: { size: stored.size, columns }, withStratum };
}

/**
 * The campaign's responses as typed analysis columns, from the records
 * stored at rest (server/services/response-records.ts): computed once, when
 * each batch was written, so a cold analysis only reads and decodes them.
 * The decoded columns are also kept in this process, keyed by the stored
 * segments, so a repeated analysis skips the decoding; a new batch, a merge
 * or a correction gives new segments and a fresh decode.
 */
export async function campaignRecords(db: Database, campaign: CampaignRow): Promise<CampaignRecords & { cached: boolean }> {
  const started = performance.now();
  const strata = await listStrata(db, campaign.id);
  // Class links carry skola and årskurs as the stratum (there are no sampling strata).
  const stratumVariables = campaign.mode === 'classes' ? [...CLASS_VARIABLES] : orderStratumVariables(strata.flatMap((s) => Object.keys(s.stratum)));
  const cached = cache.get(campaign.id);
  const hit = cached && cached.records.stratumVariables.join('|') === stratumVariables.join('|') ? cached : undefined;
  const stored = await loadStoredRecords(db, campaign.id, hit?.version);
  if (hit && !stored.columns) {
    cache.delete(campaign.id);
    cache.set(campaign.id, hit);
    return { ...hit.records, readMs: stored.readMs, loadMs: performance.now() - started, recordedNow: stored.recordedNow, cached: true };
  }
  const { columns, withStratum } = withStratumColumns(stored.columns ?? { size: 0, columns: new Map() }, stratumVariables);
  const records: CampaignRecords = {
    columns,
    stratumVariables,
    withStratum,
    responseCount: columns.size,
    loadMs: performance.now() - started,
    readMs: stored.readMs,
    recordedNow: stored.recordedNow,
  };
  cache.delete(campaign.id);
  cache.set(campaign.id, { version: stored.version, records });
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return { ...records, cached: false };
}

/** Drops a campaign's cached records (after its responses were deleted). */
export function forgetCampaignRecords(campaignId: string): void {
  cache.delete(campaignId);
}

/**
 * The same columns as `campaignRecords`, computed from the responses
 * themselves, with each row's response id: for the microdata export, which
 * attaches each response's design variables and final weight. Not cached;
 * the analysis page uses the stored records.
 *
 * Complexity: O(responses · (indicators + variables)).
 */
export async function campaignRecordsWithIds(db: Queryable, campaign: CampaignRow): Promise<CampaignRecords & { ids: readonly string[]; cached: false }> {
  const started = performance.now();
  const strata = await listStrata(db, campaign.id);
  const responses = await listSurveyResponsesForAnalysis(db, campaign.id);
  const readMs = performance.now() - started;
  const stratumVariables = campaign.mode === 'classes' ? [...CLASS_VARIABLES] : orderStratumVariables(strata.flatMap((s) => Object.keys(s.stratum)));
  // Exactly the stored records' mapping (computeRecords), then the same split of the stratum.
  const { columns, withStratum } = withStratumColumns(computeRecords(analysisRecordColumns(campaign.definition, []), responses), stratumVariables);
  return {
    columns,
    stratumVariables,
    withStratum,
    responseCount: responses.length,
    ids: responses.map((r) => r.id),
    loadMs: performance.now() - started,
    readMs,
    recordedNow: 0,
    cached: false,
  };
}
