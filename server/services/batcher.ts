import type { Database } from '../db/database';

/** A result for one item of a batch that failed on its own: that item's promise rejects with `error`. */
export class ItemFailure {
  constructor(readonly error: unknown) {}
}

/**
 * Group commit: callers add items one at a time; items that arrive while a
 * batch is being written wait and go together in the next batch. Each batch
 * is one database statement or transaction, so per-statement overhead (large on PGlite, a
 * round trip on PostgreSQL) is shared by every item in it. An item is
 * answered only after its batch's statement has completed (committed).
 *
 * Items with the same `key` never share a batch (a later one waits for the
 * next), so a batch statement never sees one code twice. `run` may answer
 * an item with an `ItemFailure`, which rejects that item alone.
 */
export class Batcher<I, O> {
  private queue: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: (items: I[]) => Promise<(O | ItemFailure)[]>,
    private readonly options: { maxBatch: number; maxInFlight: number; key?: (item: I) => string; lingerMs?: number },
  ) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Flushes after the current round of I/O callbacks (setImmediate), so that
   * requests that arrived together are written together, or, with
   * `lingerMs`, that much later unless a full batch waits: a statement's
   * fixed cost (parsing and planning, about 1.5 ms on PGlite) then serves
   * many items rather than the few that came in during the last statement.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.flush();
    };
    const linger = this.options.lingerMs ?? 0;
    if (linger > 0 && this.queue.length < this.options.maxBatch) setTimeout(run, linger);
    else setImmediate(run);
  }

  private flush(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch: typeof this.queue = [];
      const rest: typeof this.queue = [];
      const keys = new Set<string>();
      for (const entry of this.queue) {
        const key = this.options.key?.(entry.item);
        if (batch.length >= this.options.maxBatch || (key !== undefined && keys.has(key))) {
          rest.push(entry);
          continue;
        }
        if (key !== undefined) keys.add(key);
        batch.push(entry);
      }
      this.queue = rest;
      this.inFlight++;
      this.run(batch.map((entry) => entry.item)).then(
        (results) =>
          batch.forEach((entry, i) => {
            const result = results[i];
            if (result instanceof ItemFailure) entry.reject(result.error);
            else entry.resolve(result);
          }),
        (error: unknown) => batch.forEach((entry) => entry.reject(error)),
      ).finally(() => {
        this.inFlight--;
        if (this.queue.length > 0) this.schedule();
      });
    }
  }
}

/**
 * How statements are batched on each driver. PGlite runs one statement at a
 * time, each with a fixed cost, so batches linger a few milliseconds to grow;
 * PostgreSQL takes a few in parallel at once.
 */
export function batchingFor(db: Database): { maxInFlight: number; lingerMs: number } {
  return db.kind === 'pglite' ? { maxInFlight: 1, lingerMs: 4 } : { maxInFlight: 4, lingerMs: 0 };
}

/**
 * A lookup whose concurrent calls share one query per database: `find` gets
 * the keys that arrived together and answers them in order. PGlite runs one
 * statement at a time; PostgreSQL takes a few lookups in parallel.
 */
export function batchedLookup<K, V>(find: (db: Database, keys: K[]) => Promise<V[]>): (db: Database, key: K) => Promise<V> {
  const queues = new WeakMap<Database, Batcher<K, V>>();
  return (db, key) => {
    let queue = queues.get(db);
    if (!queue) {
      queue = new Batcher((keys: K[]) => find(db, keys), { maxBatch: 256, ...batchingFor(db) });
      queues.set(db, queue);
    }
    return queue.add(key);
  };
}
