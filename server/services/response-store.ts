import { randomInt } from 'node:crypto';
import type { Database, Queryable } from '../db/database';
import type { Logger } from '../log';
import { deleteHeldAnswers, lockCodes, markCodesUsed, type LockedCodeRow } from '../queries/codes';
import { purgeWriteAheadLog, rewriteTransientTables } from '../queries/maintenance';
import { currentWaves, insertIntoPool, listDueCampaigns, moveBatchToResponses, type PooledResponse } from '../queries/response-pool';
import { insertReceipts } from '../queries/submission-receipts';
import { Batcher, ItemFailure } from './batcher';

/** A personal-code submission to store: the code's hash, a receipt for retries, validated answers. */
export interface CodeSubmission {
  codeHash: string;
  /** Keyed hash of (code hash, submission id); null for paper forms. */
  receiptHash: string | null;
  mode: 'web' | 'paper';
  answers: Record<string, unknown>;
}

/** An open-link submission (no code): the campaign, a receipt for retries, the stratum it may carry. */
export interface OpenSubmission {
  campaignId: string;
  kommunkod: string;
  receiptHash: string;
  stratum: Record<string, string> | null;
  answers: Record<string, unknown>;
}

type WriteItem = ({ kind: 'code' } & CodeSubmission) | ({ kind: 'open' } & OpenSubmission);

/**
 * Outcome of a write: `stored`; `used` (the code was already used, or the
 * open-link receipt existed: a retry or a reuse, decided by the caller);
 * `unavailable` (unknown code, campaign not accepting answers).
 */
export type WriteOutcome = 'stored' | 'used' | 'unavailable';

export interface ResponseStoreOptions {
  /** A campaign's waiting submissions are written once at least this many wait (or it closes). */
  batchSize: number;
  /** Under load, batches are written at most this often (ms), so they grow rather than multiply. */
  minFlushIntervalMs: number;
  log: Logger;
}

/** Fisher–Yates with the CSPRNG: the order of rows inserted together says nothing about arrival. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Stores submissions of personal codes in the caller's transaction: locks
 * the codes' strata, marks the unused ones used (a bit in their stratum's
 * bitmap, no per-code row is written), deletes their drafts and paper
 * entries, records web receipts, and adds the responses to the pool in
 * random order. `acceptStatuses` are the campaign statuses that take
 * answers (web: open; paper: open or closed).
 *
 * @returns per item: stored, used, or unavailable.
 */
export async function storeCodeSubmissions(
  tx: Queryable,
  items: readonly CodeSubmission[],
  acceptStatuses: readonly string[],
): Promise<WriteOutcome[]> {
  if (items.length === 0) return [];
  const locked = await lockCodes(tx, items.map((item) => item.codeHash));
  const outcomes: WriteOutcome[] = [];
  const fresh: { item: CodeSubmission; code: LockedCodeRow }[] = [];
  for (const item of items) {
    const code = locked.get(item.codeHash);
    if (!code || code.kind !== 'population' || !acceptStatuses.includes(code.campaignStatus)) outcomes.push('unavailable');
    else if (code.used) outcomes.push('used');
    else {
      outcomes.push('stored');
      fresh.push({ item, code });
    }
  }
  if (fresh.length === 0) return outcomes;
  await markCodesUsed(tx, fresh.map(({ code }) => code));
  await deleteHeldAnswers(tx, fresh.map(({ item }) => item.codeHash));
  await insertReceipts(
    tx,
    fresh.filter(({ item }) => item.receiptHash !== null).map(({ item, code }) => ({ campaignId: code.campaignId, receiptHash: item.receiptHash! })),
  );
  const waves = await currentWaves(tx, [...new Set(fresh.map(({ code }) => code.campaignId))]);
  await insertIntoPool(
    tx,
    shuffled(
      fresh.map(({ item, code }): PooledResponse => ({
        campaignId: code.campaignId,
        kommunkod: code.kommunkod,
        stratum: code.stratum,
        mode: item.mode,
        wave: waves.get(code.campaignId) ?? 0,
        answers: item.answers,
      })),
    ),
  );
  return outcomes;
}

/** Stores open-link submissions in the caller's transaction; a receipt seen before gives `used`. */
async function storeOpenSubmissions(tx: Queryable, items: readonly OpenSubmission[]): Promise<WriteOutcome[]> {
  if (items.length === 0) return [];
  const fresh = await insertReceipts(tx, items.map((item) => ({ campaignId: item.campaignId, receiptHash: item.receiptHash })));
  const stored = items.filter((item) => fresh.has(item.receiptHash));
  const waves = await currentWaves(tx, [...new Set(stored.map((item) => item.campaignId))]);
  await insertIntoPool(
    tx,
    shuffled(
      stored.map((item): PooledResponse => ({
        campaignId: item.campaignId,
        kommunkod: item.kommunkod,
        stratum: item.stratum,
        mode: 'web',
        wave: waves.get(item.campaignId) ?? 0,
        answers: item.answers,
      })),
    ),
  );
  return items.map((item) => (fresh.has(item.receiptHash) ? 'stored' : 'used'));
}

/**
 * Where every response goes before it is analysed (docs/privacy.md).
 *
 * 1. **Acknowledged = durable.** Web submissions are group-committed: those
 *    that arrive together are written in one transaction (code bits, receipt,
 *    a row in `response_pool`), and each is answered only after it commits.
 *    If a batch fails, its items are retried one by one, so one bad
 *    submission fails alone.
 * 2. **Batched, shuffled, unlinkable.** Once a campaign has at least
 *    `batchSize` waiting (or is no longer open), its waiting submissions move
 *    into `responses` in one statement, in random order, with the batch's
 *    date. Then the transient tables are rewritten and, on the embedded
 *    database, the write-ahead log is switched and checkpointed, so no dead
 *    row or log record keeps the order in which they came.
 *
 * Batches are written at most every `minFlushIntervalMs`, after the write
 * that made them due; closing a campaign writes its batch at once.
 */
export class ResponseStore {
  private readonly writes: Batcher<WriteItem, WriteOutcome>;
  private flushing: Promise<void> | undefined;
  private flushAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private lastFlushAt = 0;
  private stopped = false;
  private walPurgeRefused = false;

  constructor(
    private readonly db: Database,
    private readonly options: ResponseStoreOptions,
  ) {
    // PGlite runs one statement at a time; PostgreSQL can run a few batches in parallel.
    const maxInFlight = db.kind === 'pglite' ? 1 : 4;
    this.writes = new Batcher((items) => this.writeBatch(items), {
      maxBatch: 256,
      maxInFlight,
      key: (item) => (item.kind === 'code' ? `c:${item.codeHash}` : `o:${item.receiptHash}`),
    });
  }

  /** Stores a web submission of a personal code (campaign must be open). */
  storeCodeSubmission(submission: Omit<CodeSubmission, 'mode'>): Promise<WriteOutcome> {
    return this.writes.add({ kind: 'code', ...submission, mode: 'web' });
  }

  /** Stores an open-link submission; `used` means its receipt existed (a retry). */
  storeOpenSubmission(submission: OpenSubmission): Promise<WriteOutcome> {
    return this.writes.add({ kind: 'open', ...submission });
  }

  private async writeBatch(items: WriteItem[]): Promise<(WriteOutcome | ItemFailure)[]> {
    let outcomes: (WriteOutcome | ItemFailure)[];
    try {
      outcomes = await this.db.transaction((tx) => this.writeItems(tx, items));
    } catch (error) {
      if (items.length === 1) throw error;
      // One bad item must not fail the others: retry each in its own transaction.
      const settled = await Promise.allSettled(items.map((item) => this.db.transaction((tx) => this.writeItems(tx, [item]))));
      outcomes = settled.map((result) => (result.status === 'fulfilled' ? result.value[0] : new ItemFailure(result.reason)));
    }
    if (outcomes.includes('stored')) this.requestFlush();
    return outcomes;
  }

  private async writeItems(tx: Queryable, items: WriteItem[]): Promise<WriteOutcome[]> {
    const codeItems = items.filter((item): item is { kind: 'code' } & CodeSubmission => item.kind === 'code');
    const openItems = items.filter((item): item is { kind: 'open' } & OpenSubmission => item.kind === 'open');
    const codeOutcomes = await storeCodeSubmissions(tx, codeItems, ['open']);
    const openOutcomes = await storeOpenSubmissions(tx, openItems);
    const byItem = new Map<WriteItem, WriteOutcome>();
    codeItems.forEach((item, i) => byItem.set(item, codeOutcomes[i]));
    openItems.forEach((item, i) => byItem.set(item, openOutcomes[i]));
    return items.map((item) => byItem.get(item)!);
  }

  /**
   * Asks for due batches to be written: now if the last flush was at least
   * `minFlushIntervalMs` ago, else at that time. Callers that wrote to the
   * pool in their own transaction (paper entry) call this after commit.
   */
  requestFlush(): void {
    if (this.stopped) return;
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlushAt + this.options.minFlushIntervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runFlush();
    }, wait);
  }

  private runFlush(campaignId?: string): Promise<void> {
    const run = (async () => {
      try {
        await this.flushDue(campaignId);
      } catch (error) {
        this.options.log.error('writing a response batch failed; the submissions stay waiting and are retried', { error });
      }
    })();
    this.flushing = run.finally(() => {
      this.flushing = undefined;
      this.lastFlushAt = Date.now();
      if (this.flushAgain) {
        this.flushAgain = false;
        this.requestFlush();
      }
    });
    return this.flushing;
  }

  private async flushDue(onlyCampaign?: string): Promise<void> {
    const due = onlyCampaign ? [onlyCampaign] : await listDueCampaigns(this.db, this.options.batchSize);
    let moved = 0;
    for (const campaignId of due) moved += await this.db.transaction((tx) => moveBatchToResponses(tx, campaignId));
    if (moved > 0) await this.scrub();
  }

  /**
   * Writes every waiting submission of a campaign now (at closing), whatever
   * their number, then scrubs. Waits for a flush already running.
   */
  async flushCampaign(campaignId: string): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.runFlush(campaignId);
  }

  /**
   * Removes what the transient tables and the log remember: VACUUM FULL of
   * the transient tables, and on the embedded database a WAL switch and
   * checkpoint. On PostgreSQL the log belongs to the server (archiving,
   * replicas, docs/privacy.md); it is switched only when the role may.
   */
  async scrub(): Promise<void> {
    await rewriteTransientTables(this.db);
    if (this.walPurgeRefused) return;
    try {
      await purgeWriteAheadLog(this.db);
    } catch (error) {
      if (this.db.kind === 'pglite') throw error;
      this.walPurgeRefused = true;
      this.options.log.warn('cannot switch and checkpoint the write-ahead log (needs superuser or pg_checkpoint); see docs/privacy.md', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Resolves once no batch is scheduled or being written (tests wait on it after each request). */
  async settled(): Promise<void> {
    while (this.timer || this.flushing) {
      if (this.flushing) await this.flushing;
      else await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  /** At start-up: writes what is due (e.g. waiting when the process stopped) and scrubs once. */
  async start(): Promise<void> {
    await this.flushDue();
    await this.scrub();
  }

  /** Stops timers and waits for a running flush; waiting submissions stay durable in the pool. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushing) await this.flushing;
  }
}
