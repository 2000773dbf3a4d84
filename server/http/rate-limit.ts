import type { Request, RequestHandler } from 'express';
import { tooManyRequests } from './http-error';

/**
 * In-memory sliding-window limiter (per process). With several server
 * processes behind a load balancer each enforces its own budget, which
 * multiplies the allowance by the number of processes; documented in the README.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a hit for `key`; false if the key is over its limit. */
  take(key: string): boolean {
    const time = this.now();
    const recent = (this.hits.get(key) ?? []).filter((at) => at > time - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(time);
    this.hits.set(key, recent);
    if (this.hits.size > 50_000) this.prune(time);
    return true;
  }

  private prune(time: number): void {
    for (const [key, times] of this.hits) {
      if (times.every((at) => at <= time - this.windowMs)) this.hits.delete(key);
    }
  }
}

/** Limits per client address and globally; answers 429 with the generic Swedish message. */
export function rateLimit(options: { perClient: RateLimiter; global?: RateLimiter; key?: (req: Request) => string }): RequestHandler {
  return (req, _res, next) => {
    const key = options.key?.(req) ?? req.ip ?? 'unknown';
    if (!options.perClient.take(key) || (options.global && !options.global.take('*'))) throw tooManyRequests();
    next();
  };
}
