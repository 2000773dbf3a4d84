import type { Request, RequestHandler } from 'express';
import { tooManyRequests } from './http-error';

/**
 * In-memory sliding-window limiter (per process), for flood limits that
 * protect the process itself: the respondent API's global budget, open-link
 * submissions per address and per link. Limits on attempts at a secret
 * (logins, PINs, respondent codes) are counted in the database instead
 * (`server/services/attempt-guard.ts`), so that they hold across processes.
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

/**
 * The client's address for rate limits: `req.ip` (the first untrusted hop
 * when TRUST_PROXY is set), IPv4-mapped IPv6 as IPv4, and IPv6 by its /64
 * prefix, since one home or school network gets a whole /64.
 */
export function clientAddress(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  if (ip.startsWith('::ffff:')) return ip.slice(7);
  if (!ip.includes(':')) return ip;
  const [head] = ip.split('%');
  const halves = head.split('::');
  const left = halves[0] ? halves[0].split(':') : [];
  const right = halves.length > 1 && halves[1] ? halves[1].split(':') : [];
  const groups = halves.length > 1 ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** Limits per client address (or `key`) and globally; answers 429 with the generic Swedish message. */
export function rateLimit(options: { perClient?: RateLimiter; global?: RateLimiter; key?: (req: Request) => string }): RequestHandler {
  return (req, _res, next) => {
    const key = options.key?.(req) ?? clientAddress(req);
    if ((options.perClient && !options.perClient.take(key)) || (options.global && !options.global.take('*'))) throw tooManyRequests();
    next();
  };
}
