import { buildRespondentColumns, type RespondentColumns } from '../../analysis/index';
import type { Queryable } from '../db/database';
import { listStrata } from '../queries/campaign-strata';
import type { CampaignRow } from '../queries/campaigns';
import { listSurveyResponsesForAnalysis } from '../queries/population-survey-responses';
import { countResponses } from '../queries/responses';
import { CLASS_VARIABLES, orderStratumVariables, STRATUM_COLUMN } from './analysis-design';
import { stratumKeyOf } from './personal-codes';
import { analysisRecordColumns } from './analysis-record-columns';


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
  /** The response id of each row (for attaching weights to the export). */
  readonly ids: readonly string[];
  /** Milliseconds spent reading and mapping when the records were loaded. */
  readonly loadMs: number;
  /** The part of loadMs spent reading from the database. */
  readonly readMs: number;
}

/** Campaigns whose mapped records are kept in memory (least recently used dropped first). */
const MAX_CACHED = 2;
const cache = new Map<string, Promise<CampaignRecords>>();

async function loadRecords(db: Queryable, campaign: CampaignRow): Promise<CampaignRecords> {
  const started = performance.now();
  const strata = await listStrata(db, campaign.id);
  const responses = await listSurveyResponsesForAnalysis(db, campaign.id);
  const readMs = performance.now() - started;
  // Class links carry skola and årskurs as the stratum (there are no sampling strata).
  const stratumVariables = campaign.mode === 'classes' ? [...CLASS_VARIABLES] : orderStratumVariables(strata.flatMap((s) => Object.keys(s.stratum)));
  // The same columns as the responses.csv export; each response's indicators are evaluated once.
  const { columns, indicators } = analysisRecordColumns(campaign.definition, stratumVariables);
  const evaluated = responses.map((response) => indicators.evaluate(response.answers));
  const typed = buildRespondentColumns(responses.length, [
    ...columns.map((column) => ({ name: column.name, role: column.role, cell: (row: number) => column.value(responses[row], evaluated[row]) })),
    { name: STRATUM_COLUMN, role: 'category' as const, cell: (row: number) => (responses[row].stratum ? stratumKeyOf(responses[row].stratum!) : null) },
  ]);
  const withStratum = responses.reduce((count, r) => count + (r.stratum ? 1 : 0), 0);
  return { columns: typed, stratumVariables, withStratum, responseCount: responses.length, ids: responses.map((r) => r.id), loadMs: performance.now() - started, readMs };
}

/**
 * The campaign's responses mapped once to typed analysis columns and cached
 * in this process, keyed by campaign and response count (responses are only
 * ever added, so a new response gives a new key and a fresh mapping).
 * Mapping 100,000 responses (reading the answers and evaluating every
 * indicator) takes seconds; a cached run only the analysis itself.
 */
export async function campaignRecords(db: Queryable, campaign: CampaignRow): Promise<CampaignRecords & { cached: boolean }> {
  const count = await countResponses(db, campaign.id);
  const key = `${campaign.id}:${count}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return { ...(await hit), cached: true };
  }
  for (const existing of [...cache.keys()]) if (existing.startsWith(`${campaign.id}:`)) cache.delete(existing);
  const loading = loadRecords(db, campaign);
  cache.set(key, loading);
  loading.catch(() => cache.delete(key));
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return { ...(await loading), cached: false };
}

/** Drops a campaign's cached records (after its responses were deleted). */
export function forgetCampaignRecords(campaignId: string): void {
  for (const key of [...cache.keys()]) if (key.startsWith(`${campaignId}:`)) cache.delete(key);
}
