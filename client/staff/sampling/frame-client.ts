/**
 * The page's handle on the frame worker: one worker per chosen file, with a
 * promise per request. Terminating it drops the frame from memory.
 */
import type { Allocation } from '../../../domain/sampling/allocate-sample';
import type { DrawnStratum } from '../../../domain/sampling/draw-frame-sample';
import type { FrameParseOptions, FrameRowError, FrameSummary, FromWorker, ToWorker } from './frame-protocol';

export class FrameFailure extends Error {
  constructor(readonly errors: readonly FrameRowError[]) {
    super(errors[0]?.message ?? 'Filen kunde inte läsas.');
  }
}

export type FrameProgress = Extract<FromWorker, { type: 'progress' }>;

export class FrameClient {
  private readonly worker = new Worker(new URL('./frame-worker.ts', import.meta.url), { type: 'module', name: 'urvalsram' });
  private pending: { resolve: (message: FromWorker) => void; reject: (error: Error) => void } | undefined;

  constructor(private readonly onProgress: (progress: FrameProgress) => void) {
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === 'progress') return this.onProgress(message);
      const pending = this.pending;
      this.pending = undefined;
      if (message.type === 'failed') pending?.reject(new FrameFailure(message.errors));
      else pending?.resolve(message);
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.pending?.reject(new FrameFailure([{ message: 'Urvalsramen kunde inte läsas i webbläsaren.' }]));
      this.pending = undefined;
    };
  }

  private request(message: ToWorker): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message);
    });
  }

  /** Reads, checks and groups the file inside the worker. @throws {FrameFailure} with row errors. */
  async parse(file: File, options: FrameParseOptions): Promise<FrameSummary> {
    const reply = await this.request({ type: 'parse', file, options });
    if (reply.type !== 'parsed') throw new Error(`unexpected ${reply.type}`);
    return reply.summary;
  }

  /** Draws the allocation from the held frame; only the drawn persons come back. */
  async draw(allocation: Allocation, seed: string): Promise<DrawnStratum[]> {
    const reply = await this.request({ type: 'draw', allocation, seed });
    if (reply.type !== 'drawn') throw new Error(`unexpected ${reply.type}`);
    return [...reply.drawn];
  }

  terminate(): void {
    this.worker.terminate();
    this.pending?.reject(new FrameFailure([{ message: 'Avbrutet.' }]));
    this.pending = undefined;
  }
}
