import type { RespondentRecord } from '../../analysis/index';
import type { Queryable } from '../db/database';
import type { CampaignRow } from '../queries/campaigns';
import { listSurveyResponsesForAnalysis } from '../queries/population-survey-responses';
import { countResponses } from '../queries/responses';
import { analysisColumns } from './response-export';

/** A campaign's responses as analysis records (the columns of the analysis CSV export). */
export interface CampaignRecords {
  /** kon, alder, aldersgrupp, omrade, … and one 0/1/'' column per indicator. */
  readonly records: readonly RespondentRecord[];
  readonly columns: readonly string[];
  readonly responseCount: number;
  /** Milliseconds spent reading and mapping when the records were loaded. */
  readonly loadMs: number;
  /** The part of loadMs spent reading from the database. */
  readonly readMs: number;
}

/** Export columns that the analysis does not use. */
const SKIPPED = new Set(['id', 'mode', 'date']);
/** Campaigns whose mapped records are kept in memory (least recently used dropped first). */
const MAX_CACHED = 2;
const cache = new Map<string, Promise<CampaignRecords>>();

async function loadRecords(db: Queryable, campaign: CampaignRow): Promise<CampaignRecords> {
  const started = performance.now();
  // The same mapping as the responses.csv export (one compiled indicator set per load).
  const { header, row } = analysisColumns(campaign.definition, []);
  const kept = header.map((name, i) => ({ name, i })).filter((c) => !SKIPPED.has(c.name));
  const responses = await listSurveyResponsesForAnalysis(db, campaign.id);
  const readMs = performance.now() - started;
  const records: RespondentRecord[] = new Array(responses.length);
  for (let r = 0; r < responses.length; r++) {
    const cells = row(responses[r]);
    const record: Record<string, string | number> = {};
    for (const c of kept) record[c.name] = cells[c.i];
    records[r] = record;
  }
  return { records, columns: kept.map((c) => c.name), responseCount: records.length, loadMs: performance.now() - started, readMs };
}

/**
 * The campaign's responses mapped once to analysis records and cached in
 * this process, keyed by campaign and response count (responses are only
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
