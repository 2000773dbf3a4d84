import { randomInt } from 'node:crypto';
import type { Database, Queryable } from '../db/database';
import { badRequest } from '../http/http-error';
import type { Logger } from '../log';
import { completeCodes, findCodesForSubmit, type CodeRow } from '../queries/codes';
import { checkpoint, PER_SUBMISSION_TABLES, rewriteTransientTables, switchWriteAheadLog, TRANSIENT_TABLES, type TransientTable } from '../queries/maintenance';
import { poolClassSubmissions, type WaitingClassSubmission } from '../queries/class-links';
import { chooseBatch, countWaitingOfCampaign, listDueCampaigns, moveChosenToResponses, poolOpenSubmissions } from '../queries/response-pool';
import { hasReceipt } from '../queries/submission-receipts';
import { Batcher, batchingFor, ItemFailure } from './batcher';
import { batchRecordSegment, compactCampaignRecords } from './response-records';

/** A personal-code submission to store: the code (as looked up), a receipt for retries, validated answers. */
export interface CodeSubmission {
  code: CodeRow;
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

/**
 * A class-link submission: the class (whose counter allows at most `elever`),
 * a receipt for retries, and the stratum `{ skola, arskurs }`: never the class.
 */
export type ClassSubmission = WaitingClassSubmission;

type WriteItem = ({ kind: 'code' } & CodeSubmission) | ({ kind: 'open' } & OpenSubmission) | ({ kind: 'class' } & ClassSubmission);

/**
 * Outcome of a write: `stored`; `used` (the code was already used, or the
 * open-link or class-link receipt existed: a retry or a reuse, decided by the
 * caller); `unavailable` (unknown code, campaign not accepting answers);
 * `full` (the class link has taken as many submissions as the class has pupils).
 */
export type WriteOutcome = 'stored' | 'used' | 'unavailable' | 'full';

export interface ResponseStoreOptions {
  /** A campaign's waiting submissions are written once at least this many wait (or it closes). */
  batchSize: number;
  /** Under load, batches are written at most this often (ms), so they grow rather than multiply. */
  minFlushIntervalMs: number;
  log: Logger;
  /** Whether requests are being answered now; the store then leaves gaps between its background statements. */
  busy?: () => boolean;
  /** Called after each scrub (the embedded database wrote new files: main.ts restricts their modes). */
  onScrubbed?: () => void;
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
 * Stores submissions of personal codes (on `db`, or in the caller's
 * transaction) with `completeCodes`: each code's bit is set in its stratum's
 * bitmap (no per-code row is written), its draft and paper entries go, web
 * receipts are kept, and the responses join the pool in random order.
 * `acceptStatuses` are the campaign statuses that take answers (web: open;
 * paper: open or closed). Items of a stratum that could not be written
 * together (one of its codes was used meanwhile) are tried one by one.
 *
 * @returns per item: stored, used, or unavailable.
 */
export async function storeCodeSubmissions(
  db: Queryable,
  items: readonly CodeSubmission[],
  acceptStatuses: readonly string[],
): Promise<{ outcomes: WriteOutcome[]; heldDeleted: boolean }> {
  if (items.length === 0) return { outcomes: [], heldDeleted: false };
  const { used, heldDeleted } = await completeCodes(db, shuffled(items), acceptStatuses);
  let anyHeldDeleted = heldDeleted;
  const outcomes: (WriteOutcome | undefined)[] = items.map((item) => (used.has(item.code.codeHash) ? 'stored' : undefined));
  const missed = items.filter((_, i) => outcomes[i] === undefined);
  if (missed.length > 1) {
    for (const item of missed) {
      const again = await storeCodeSubmissions(db, [item], acceptStatuses);
      outcomes[items.indexOf(item)] = again.outcomes[0];
      anyHeldDeleted ||= again.heldDeleted;
    }
  } else if (missed.length === 1) {
    const [now] = await findCodesForSubmit(db, [missed[0].code.codeHash]);
    outcomes[items.indexOf(missed[0])] = now?.status === 'completed' ? 'used' : 'unavailable';
  }
  return { outcomes: outcomes as WriteOutcome[], heldDeleted: anyHeldDeleted };
}

/** Stores open-link submissions in one statement; a receipt seen before gives `used`. */
async function storeOpenSubmissions(db: Queryable, items: readonly OpenSubmission[]): Promise<WriteOutcome[]> {
  if (items.length === 0) return [];
  const fresh = await poolOpenSubmissions(db, shuffled(items.map((item) => ({ ...item, mode: 'web' as const }))));
  return items.map((item) => (fresh.has(item.receiptHash) ? 'stored' : 'used'));
}

/** A data exception of the database (SQLSTATE 22xxx) for one submission is the submission's fault: 400. */
function asItemError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('22')) {
    return badRequest('Svaren innehåller något som inte kan sparas (ogiltiga tecken eller värden).', { field: 'answers' });
  }
  return error;
}

/**
 * Stores class-link submissions in one statement (at most `elever` per
 * class); a receipt seen before gives `used`, a class without room `full`.
 */
async function storeClassSubmissions(db: Queryable, items: readonly ClassSubmission[]): Promise<WriteOutcome[]> {
  if (items.length === 0) return [];
  const fresh = await poolClassSubmissions(db, shuffled(items));
  const outcomes: WriteOutcome[] = [];
  for (const item of items) {
    if (fresh.has(item.receiptHash)) outcomes.push('stored');
    else outcomes.push((await hasReceipt(db, item.campaignId, item.receiptHash)) ? 'used' : 'full');
  }
  return outcomes;
}

/** Waiting submissions move in transactions of at most this many, so a large batch never stalls other work. */
const MAX_MOVE = 250;
/**
 * On the embedded database every statement holds the one connection (in its
 * worker thread) while it runs. Between the statements of a flush and scrub
 * the store waits this long, so that submissions that arrived meanwhile get
 * their statements in first: a submission then waits for at most one of
 * them. 24 ms spreads a flush's 10–15 statements over about 0.5 s, within
 * RESPONSE_FLUSH_MS. Nine in ten of the slowest submissions came while a
 * flush ran; at 1,000 submissions/s the p99 of personal codes from 10 s on
 * was about 45 ms with 24 ms against about 68 ms with 12 ms (bench/ingest.ts,
 * four 30-second runs each); with 4 ms it was worse still.
 */
const BACKGROUND_GAP_MS = 24;
/** A campaign's record segments are checked for merging after this many new ones. */
const SEGMENTS_BEFORE_COMPACTION = 16;

/**
 * Where every response goes before it is analysed (docs/privacy.md).
 *
 * 1. **Acknowledged = durable.** Web submissions are group-committed: those
 *    that arrive together are written in one statement (code bits, receipts,
 *    rows in `response_pool`), and each is answered only after it commits.
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
  /** Counts deletions of drafts or paper entries; while it differs from `heldDeletionsScrubbed`, their tables need rewriting too. */
  private heldDeletions = 0;
  private heldDeletionsScrubbed = 0;
  /** Record segments written per campaign since its last merge check. */
  private readonly newSegments = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly options: ResponseStoreOptions,
  ) {
    this.writes = new Batcher((items) => this.writeBatch(items), {
      maxBatch: 256,
      ...batchingFor(db),
      key: (item) => (item.kind === 'code' ? `c:${item.code.codeHash}` : `o:${item.receiptHash}`),
    });
  }

  /** Submissions of a campaign are written in batches of at least this many (docs/privacy.md). */
  get batchSize(): number {
    return this.options.batchSize;
  }

  /** Stores a web submission of a personal code (campaign must be open). */
  storeCodeSubmission(submission: Omit<CodeSubmission, 'mode'>): Promise<WriteOutcome> {
    return this.writes.add({ kind: 'code', ...submission, mode: 'web' });
  }

  /** Stores an open-link submission; `used` means its receipt existed (a retry). */
  storeOpenSubmission(submission: OpenSubmission): Promise<WriteOutcome> {
    return this.writes.add({ kind: 'open', ...submission });
  }

  /** Stores a class-link submission; `used` means its receipt existed (a retry), `full` that the class has no room. */
  storeClassSubmission(submission: ClassSubmission): Promise<WriteOutcome> {
    return this.writes.add({ kind: 'class', ...submission });
  }

  /**
   * Writes a batch: one statement for its code items, one for its open-link
   * items and one for its class-link items, each atomic on its own. No transaction, so on the
   * embedded database nothing holds its lock while other requests run
   * between statements. If a statement fails, its items are retried one by
   * one, so one bad submission fails alone.
   */
  private async writeBatch(items: WriteItem[]): Promise<(WriteOutcome | ItemFailure)[]> {
    const codeItems = items.filter((item): item is { kind: 'code' } & CodeSubmission => item.kind === 'code');
    const openItems = items.filter((item): item is { kind: 'open' } & OpenSubmission => item.kind === 'open');
    const classItems = items.filter((item): item is { kind: 'class' } & ClassSubmission => item.kind === 'class');
    const [codeOutcomes, openOutcomes, classOutcomes] = [
      await this.isolated(codeItems, async (some) => {
        const { outcomes, heldDeleted } = await storeCodeSubmissions(this.db, some, ['open']);
        if (heldDeleted) this.markHeldAnswersDeleted();
        return outcomes;
      }),
      await this.isolated(openItems, (some) => storeOpenSubmissions(this.db, some)),
      await this.isolated(classItems, (some) => storeClassSubmissions(this.db, some)),
    ];
    const byItem = new Map<WriteItem, WriteOutcome | ItemFailure>();
    codeItems.forEach((item, i) => byItem.set(item, codeOutcomes[i]));
    openItems.forEach((item, i) => byItem.set(item, openOutcomes[i]));
    classItems.forEach((item, i) => byItem.set(item, classOutcomes[i]));
    const outcomes = items.map((item) => byItem.get(item)!);
    if (outcomes.includes('stored')) this.requestFlush();
    return outcomes;
  }

  /**
   * Runs `write` on all items; if it throws, on each item alone, so that only
   * the bad ones fail. An item the database refuses as data (SQLSTATE class
   * 22, e.g. a character it cannot store) fails with a 400, not a 500.
   */
  private async isolated<T>(items: T[], write: (some: T[]) => Promise<WriteOutcome[]>): Promise<(WriteOutcome | ItemFailure)[]> {
    if (items.length === 0) return [];
    try {
      return await write(items);
    } catch (error) {
      if (items.length === 1) return [new ItemFailure(asItemError(error))];
      const settled = await Promise.allSettled(items.map((item) => write([item])));
      return settled.map((result) => (result.status === 'fulfilled' ? result.value[0] : new ItemFailure(asItemError(result.reason))));
    }
  }

  /** Drafts or paper entries were deleted (by a submission or a paper form): the next scrub rewrites their tables. */
  markHeldAnswersDeleted(): void {
    this.heldDeletions++;
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
      if (this.flushing) this.flushAgain = true;
      else void this.runFlush();
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

  /**
   * Writes the due campaigns' waiting submissions in chunks of at most
   * MAX_MOVE, each of at least `batchSize`, leaving fewer than `batchSize`
   * waiting. A campaign that is no longer open (and `onlyCampaign`, at
   * closing) has all of them written, its last few as a smaller batch.
   */
  private async flushDue(onlyCampaign?: string): Promise<void> {
    const { batchSize } = this.options;
    const started = performance.now();
    const due = onlyCampaign ? [{ campaignId: onlyCampaign, open: false }] : await listDueCampaigns(this.db, batchSize);
    let moved = 0;
    for (const { campaignId, open } of due) {
      await this.breathe();
      let waiting = await countWaitingOfCampaign(this.db, campaignId);
      while (waiting > 0) {
        const chunk = waiting <= MAX_MOVE ? waiting : waiting - MAX_MOVE < batchSize ? waiting - batchSize : MAX_MOVE;
        await this.breathe();
        // Chosen and their records computed first; then one statement moves them with their records.
        const chosen = await chooseBatch(this.db, campaignId, chunk);
        if (chosen.length === 0) break;
        const segment = await batchRecordSegment(this.db, campaignId, chosen);
        await this.breathe();
        const n = await moveChosenToResponses(
          this.db,
          campaignId,
          chosen.map((submission) => submission.id),
          segment,
        );
        if (n === 0) break;
        moved += n;
        waiting -= n;
        this.newSegments.set(campaignId, (this.newSegments.get(campaignId) ?? 0) + 1);
        if (open && waiting < batchSize) break;
      }
      // Each batch adds a segment of records; merge them before they are many.
      if ((this.newSegments.get(campaignId) ?? 0) >= SEGMENTS_BEFORE_COMPACTION) {
        this.newSegments.delete(campaignId);
        await this.breathe();
        await compactCampaignRecords(this.db, campaignId);
      }
    }
    // A campaign written at closing (its drafts just deleted) gets every transient table rewritten.
    if (onlyCampaign) await this.scrub(TRANSIENT_TABLES);
    else if (moved > 0 || this.heldDeletions !== this.heldDeletionsScrubbed) await this.scrub();
    if (moved > 0) this.options.log.debug('response batches written', { responses: moved, ms: Math.round(performance.now() - started) });
  }

  /** Lets waiting requests' statements run before the next background one (embedded database, while requests are being answered). */
  private async breathe(): Promise<void> {
    if (this.db.kind === 'pglite' && !this.stopped && (this.options.busy?.() ?? false)) await new Promise((resolve) => setTimeout(resolve, BACKGROUND_GAP_MS));
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
  async scrub(tables?: readonly TransientTable[]): Promise<void> {
    try {
      const deletions = this.heldDeletions;
      const rewrite = tables ?? (deletions !== this.heldDeletionsScrubbed ? TRANSIENT_TABLES : PER_SUBMISSION_TABLES);
      // One table per statement, with room for submissions in between.
      for (const table of rewrite) {
        await this.breathe();
        await rewriteTransientTables(this.db, [table]);
      }
      if (rewrite.includes('drafts') && rewrite.includes('paper_entries')) this.heldDeletionsScrubbed = deletions;
      if (this.walPurgeRefused) return;
      try {
        await this.breathe();
        await switchWriteAheadLog(this.db);
        await this.breathe();
        await checkpoint(this.db);
      } catch (error) {
        if (this.db.kind === 'pglite') throw error;
        this.walPurgeRefused = true;
        this.options.log.warn('cannot switch and checkpoint the write-ahead log (needs superuser or pg_checkpoint); see docs/privacy.md', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    } finally {
      this.options.onScrubbed?.();
    }
  }

  /** Resolves once no batch is scheduled or being written (tests wait on it after each request). */
  async settled(): Promise<void> {
    while (this.timer || this.flushing) {
      if (this.flushing) await this.flushing;
      else await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  /** At start-up: writes what is due (e.g. waiting when the process stopped) and scrubs everything once. */
  async start(): Promise<void> {
    await this.flushDue();
    await this.scrub(TRANSIENT_TABLES);
  }

  /** Stops timers and waits for a running flush; waiting submissions stay durable in the pool. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushing) await this.flushing;
  }
}
