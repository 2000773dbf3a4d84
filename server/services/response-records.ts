import { buildRespondentColumns, type RespondentColumn, type RespondentColumns } from '../../analysis/index';
import type { Database, Queryable } from '../db/database';
import { findCampaign } from '../queries/campaigns';
import {
  deleteRecordSegments,
  findRecordDefinitionKey,
  forgetCampaignRecords,
  insertRecordSegment,
  listRecordSegments,
  readRecordSegments,
  recordPendingResponses,
  type RecordSegmentInfo,
  type RecordSource,
} from '../queries/response-records';
import type { TemplateDefinition } from '../../domain/templates/template-schema';
import { decodeRecordSegments, encodeRecordSegment } from './record-segment';
import { analysisRecordColumns, type AnalysisRecordColumn } from './response-export';
import type { CompiledIndicators } from '../../domain/templates/evaluate-indicators';

/**
 * The version of how records are computed and encoded. Part of every
 * segment's definition key: change it whenever the mapping from answers to
 * records changes (analysisRecordColumns, the indicator evaluation, the
 * segment layout), and every stored record is computed again on its
 * campaign's next analysis.
 */
export const RECORD_FORMAT = 'records-1:';

/** The column holding each record's stratum as JSON (keys in name order), or missing. */
export const RECORD_STRATUM_COLUMN = '_stratum';

/** Responses recorded per statement when older responses are recorded later. */
const RECORD_CHUNK = 2000;
/** Segments smaller than this are merged when a campaign has more than MAX_SMALL_SEGMENTS of them. */
const SMALL_SEGMENT = 5000;
const MAX_SMALL_SEGMENTS = 24;
/** How long an analysis waits for records that another transaction is computing. */
const PENDING_WAIT_MS = 60_000;

interface RecordMapper {
  readonly key: string;
  readonly columns: readonly AnalysisRecordColumn[];
  readonly indicators: CompiledIndicators;
}

/** Compiled mappings by definition key (templates are few; the indicators compile once). */
const mappers = new Map<string, RecordMapper>();

function mapperFor(key: string, definition: TemplateDefinition): RecordMapper {
  let mapper = mappers.get(key);
  if (!mapper) {
    // The stratum is kept whole (RECORD_STRATUM_COLUMN); its variables are split out when read.
    const { columns, indicators } = analysisRecordColumns(definition, []);
    mapper = { key, columns, indicators };
    mappers.set(key, mapper);
    if (mappers.size > 16) mappers.delete(mappers.keys().next().value as string);
  }
  return mapper;
}

async function currentMapper(db: Queryable, campaignId: string): Promise<RecordMapper | undefined> {
  const key = await findRecordDefinitionKey(db, campaignId, RECORD_FORMAT);
  if (key === undefined) return undefined;
  const cached = mappers.get(key);
  if (cached) return cached;
  const campaign = await findCampaign(db, campaignId);
  return campaign ? mapperFor(key, campaign.definition) : undefined;
}

const stratumJson = (stratum: Record<string, string>) => JSON.stringify(Object.fromEntries(Object.keys(stratum).sort().map((k) => [k, stratum[k]])));

/**
 * The analysis records of some responses as typed columns: the stratum
 * (RECORD_STRATUM_COLUMN), the weighting variables as answered (with
 * `aldersgrupp` binned from `alder`) and one 0/1/missing column per
 * indicator, with the mapping of the analysis CSV export.
 *
 * Complexity: O(responses · (indicators + variables)).
 */
export function computeRecords(mapper: Pick<RecordMapper, 'columns' | 'indicators'>, sources: readonly RecordSource[]): RespondentColumns {
  const evaluated = sources.map((source) => mapper.indicators.evaluate(source.answers));
  const responses = sources.map((source) => ({ id: '', mode: 'web' as const, date: '', stratum: source.stratum, answers: source.answers }));
  return buildRespondentColumns(sources.length, [
    { name: RECORD_STRATUM_COLUMN, role: 'category' as const, cell: (row: number) => (sources[row].stratum ? stratumJson(sources[row].stratum!) : null) },
    ...mapper.columns.map((column) => ({ name: column.name, role: column.role, cell: (row: number) => column.value(responses[row], evaluated[row]) })),
  ]);
}

/**
 * The records of a batch about to move into `responses`, as one segment
 * under the campaign's current definition key (undefined if it has none).
 * Computed before the move, outside any transaction; the move stores it
 * (moveChosenToResponses). Should the definition change in between, the
 * segment is stale under its key and the next analysis records again.
 */
export async function batchRecordSegment(db: Queryable, campaignId: string, sources: readonly RecordSource[]): Promise<{ definitionKey: string; data: Uint8Array } | undefined> {
  if (sources.length === 0) return undefined;
  const mapper = await currentMapper(db, campaignId);
  if (!mapper) return undefined;
  return { definitionKey: mapper.key, data: encodeRecordSegment(computeRecords(mapper, sources)) };
}

/** A campaign's stored records, decoded. */
export interface StoredRecords {
  readonly columns: RespondentColumns;
  /** Identifies the stored segments: equal for equal records. */
  readonly version: string;
  /** Milliseconds spent reading (and, when needed, recording older responses). */
  readonly readMs: number;
  /** Responses recorded during this load (older or corrected ones). */
  readonly recordedNow: number;
}

/**
 * Records the campaign's unrecorded responses (older data, demo data, or
 * after a correction or a changed definition), in chunks of RECORD_CHUNK,
 * each in its own short transaction, so the embedded database is never held
 * for long. Returns how many were recorded.
 */
async function recordPending(db: Database, campaignId: string): Promise<number> {
  let recorded = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const mapper = await currentMapper(tx, campaignId);
      if (!mapper) return 0;
      const sources = await recordPendingResponses(tx, campaignId, RECORD_CHUNK);
      if (sources.length > 0) await insertRecordSegment(tx, campaignId, mapper.key, sources.length, encodeRecordSegment(computeRecords(mapper, sources)));
      return sources.length;
    });
    recorded += n;
    if (n < RECORD_CHUNK) return recorded;
  }
}

/**
 * Merges a campaign's small segments into one, in random order, in one
 * transaction (it gives up if another process merged them first).
 */
async function mergeSmallSegments(db: Database, campaignId: string, segments: readonly RecordSegmentInfo[], key: string): Promise<void> {
  const small = segments.filter((s) => s.responses < SMALL_SEGMENT && s.definitionKey === key);
  if (small.length <= 1) return;
  const data = await readRecordSegments(db, campaignId, small.map((s) => s.id));
  if (data.length !== small.length) return;
  const merged = shuffledRows(decodeRecordSegments(data.map((s) => s.data)));
  await db
    .transaction(async (tx) => {
      const gone = await deleteRecordSegments(tx, campaignId, small.map((s) => s.id));
      if (gone !== small.length) throw new MergeRaced();
      await insertRecordSegment(tx, campaignId, key, merged.size, encodeRecordSegment(merged));
    })
    .catch((error: unknown) => {
      if (!(error instanceof MergeRaced)) throw error;
    });
}

class MergeRaced extends Error {}

/** The rows in random order: a merged segment keeps no order of the batches it came from. */
function shuffledRows(records: RespondentColumns): RespondentColumns {
  const order = Int32Array.from({ length: records.size }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const columns = new Map<string, RespondentColumn>();
  for (const [name, column] of records.columns) {
    if (column.kind === 'categorical') columns.set(name, { kind: 'categorical', levels: column.levels, codes: Int32Array.from(order, (i) => column.codes[i]) });
    else columns.set(name, { kind: 'numeric', values: Float64Array.from(order, (i) => column.values[i]) });
  }
  return { size: records.size, columns };
}

/**
 * Keeps a campaign's segments few: merges its small ones when it has more
 * than MAX_SMALL_SEGMENTS (the response store calls this after moving batches).
 */
export async function compactCampaignRecords(db: Database, campaignId: string): Promise<void> {
  const { currentKey, segments } = await listRecordSegments(db, campaignId, RECORD_FORMAT);
  if (currentKey && segments.filter((s) => s.responses < SMALL_SEGMENT).length > MAX_SMALL_SEGMENTS) await mergeSmallSegments(db, campaignId, segments, currentKey);
}

/**
 * A campaign's analysis records as stored, decoded into typed columns.
 * Records stale for the campaign's current definition are dropped and every
 * response recorded again; unrecorded responses are recorded first. Both are
 * rare (older data, a fixed definition, a correction); normally this reads
 * a few segments. When the segments are those of `knownVersion` (decoded
 * earlier in this process), their data is not read and `columns` is undefined.
 *
 * Complexity: O(responses · columns) to decode; O(responses · indicators)
 * to record what was not recorded.
 */
export async function loadStoredRecords(
  db: Database,
  campaignId: string,
  knownVersion?: string,
): Promise<Omit<StoredRecords, 'columns'> & { columns: RespondentColumns | undefined }> {
  const started = performance.now();
  let recordedNow = 0;
  for (let attempt = 0; ; attempt++) {
    let listed = await listRecordSegments(db, campaignId, RECORD_FORMAT);
    if (listed.currentKey && listed.segments.some((s) => s.definitionKey !== listed.currentKey)) {
      await forgetCampaignRecords(db, campaignId);
      listed = { ...listed, pending: true };
    }
    if (listed.pending) {
      recordedNow += await recordPending(db, campaignId);
      listed = await listRecordSegments(db, campaignId, RECORD_FORMAT);
      // Responses still unrecorded here are being recorded by another transaction (another process, or this
      // one's warm-up) that has not committed: wait for it, never analyse only a part of the responses.
      if (listed.pending) {
        if (performance.now() - started > PENDING_WAIT_MS) {
          throw new Error(`loadStoredRecords: responses of campaign ${campaignId} still unrecorded after ${PENDING_WAIT_MS} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
    }
    let current = listed.segments.filter((s) => s.definitionKey === listed.currentKey);
    if (current.filter((s) => s.responses < SMALL_SEGMENT).length > MAX_SMALL_SEGMENTS) {
      await mergeSmallSegments(db, campaignId, current, listed.currentKey!);
      current = (await listRecordSegments(db, campaignId, RECORD_FORMAT)).segments.filter((s) => s.definitionKey === listed.currentKey);
    }
    const version = `${listed.currentKey}:${current.map((s) => s.id).sort().join(',')}`;
    if (version === knownVersion) return { columns: undefined, version, readMs: performance.now() - started, recordedNow };
    const data = await readRecordSegments(db, campaignId, current.map((s) => s.id));
    // A segment merged away between the list and the read: list again (rare).
    if (data.length !== current.length && attempt < 3) continue;
    const columns = decodeRecordSegments(data.map((s) => s.data));
    return { columns, version, readMs: performance.now() - started, recordedNow };
  }
}
