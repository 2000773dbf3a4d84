import type { Database } from '../db/database';
import { HttpError } from '../http/http-error';
import { clearAttemptCounts, countAttempts, readAttemptCounts, type AttemptCount } from '../queries/attempt-counters';
import { keyedHash } from './code-secret';

/**
 * How attempts at a secret (a password, a unit-link PIN) are limited. Every
 * count lives in the database (`attempt_counters`), so all server processes
 * sharing it enforce the same limits. The rules never let someone else lock
 * out a person who types the right secret from an address that has not been
 * failing: only failing addresses are refused (docs/security.md).
 */
export interface GuardPolicy {
  /** Prefix of the buckets (`login`, `pin`). */
  readonly name: string;
  /** Window of every count, in seconds. */
  readonly windowSeconds: number;
  /** Failures from one address (on any subject) in the window; from then on the address is refused. */
  readonly perAddress: number;
  /** Failures on one subject from one address before back-off: then 1 s, 2 s, 4 s … between attempts, at most `maxDelaySeconds`. */
  readonly pairFree: number;
  readonly maxDelaySeconds: number;
  /** Failures on one subject from all addresses in the window; from then on addresses that have failed are refused on it. */
  readonly perSubject: number;
  /** Costly attempts (a hash) of everyone per `globalWindowSeconds`; beyond it, addresses that have failed are refused. */
  readonly globalCostly: number;
  readonly globalWindowSeconds: number;
}

/** Staff logins: per account (with back-off), per address, and a global budget of password hashes. */
export const LOGIN_POLICY: GuardPolicy = {
  name: 'login',
  windowSeconds: 15 * 60,
  perAddress: 30,
  pairFree: 3,
  maxDelaySeconds: 15 * 60,
  perSubject: 10,
  globalCostly: 300,
  globalWindowSeconds: 60,
};

/** Unit-link PINs (8 digits): the lockout falls on the addresses that failed, never on the unit. */
export const PIN_POLICY: GuardPolicy = {
  name: 'pin',
  windowSeconds: 15 * 60,
  perAddress: 20,
  pairFree: 5,
  maxDelaySeconds: 15 * 60,
  perSubject: 20,
  globalCostly: 300,
  globalWindowSeconds: 60,
};

/** 429 with a Retry-After (seconds) for the client. */
export function tooManyAttempts(retryAfterSeconds: number): HttpError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new HttpError(429, 'too_many_requests', `För många misslyckade försök. Vänta ${waitText(seconds)} och försök igen.`, { retryAfterSeconds: seconds });
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} sekund${seconds === 1 ? '' : 'er'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minut${minutes === 1 ? '' : 'er'}`;
}

/**
 * The limits of one policy. `admit` before the costly check, then `failed`
 * or `succeeded`. Subjects (a normalised e-mail, a link token) and addresses
 * are stored only as keyed hashes.
 */
export class AttemptGuard {
  constructor(
    private readonly db: Database,
    private readonly secret: Buffer,
    readonly policy: GuardPolicy,
  ) {}

  private buckets(subject: string, address: string) {
    const key = (...parts: string[]) => keyedHash(this.secret, 'attempt', this.policy.name, ...parts);
    return {
      address: key('address', address),
      pair: key('pair', subject, address),
      subject: key('subject', subject),
      global: key('global'),
    };
  }

  /**
   * Refuses (429 with Retry-After) an address over its limit, a pair in
   * back-off, and, while the subject or the whole service is under attack,
   * any address that has been failing; then counts the attempt as costly.
   */
  async admit(subject: string, address: string): Promise<void> {
    const { windowSeconds, perAddress, pairFree, maxDelaySeconds, perSubject, globalCostly, globalWindowSeconds } = this.policy;
    const keys = this.buckets(subject, address);
    const counts = await readAttemptCounts(this.db, [keys.address, keys.pair, keys.subject, keys.global]);
    const none: AttemptCount = { attempts: 0, windowAgeSeconds: 0, sinceLastSeconds: Infinity };
    const [byAddress, byPair, bySubject, global] = [keys.address, keys.pair, keys.subject, keys.global].map((k) => counts.get(k) ?? none);
    const windowLeft = (count: AttemptCount, window: number) => window - count.windowAgeSeconds;
    if (byAddress.attempts >= perAddress) throw tooManyAttempts(windowLeft(byAddress, windowSeconds));
    if (byPair.attempts >= pairFree) {
      const delay = Math.min(2 ** (byPair.attempts - pairFree), maxDelaySeconds);
      if (byPair.sinceLastSeconds < delay) throw tooManyAttempts(delay - byPair.sinceLastSeconds);
    }
    const failing = byAddress.attempts > 0;
    if (failing && bySubject.attempts >= perSubject) throw tooManyAttempts(windowLeft(bySubject, windowSeconds));
    if (failing && global.attempts >= globalCostly) throw tooManyAttempts(windowLeft(global, globalWindowSeconds));
    await countAttempts(this.db, [{ keyHash: keys.global, windowSeconds: globalWindowSeconds }]);
  }

  /** Counts a wrong secret for the address, the pair and the subject. */
  async failed(subject: string, address: string): Promise<void> {
    const keys = this.buckets(subject, address);
    const windowSeconds = this.policy.windowSeconds;
    await countAttempts(this.db, [
      { keyHash: keys.address, windowSeconds },
      { keyHash: keys.pair, windowSeconds },
      { keyHash: keys.subject, windowSeconds },
    ]);
  }

  /** The right secret: the pair's back-off ends (the subject's and the address's counts age out). */
  async succeeded(subject: string, address: string): Promise<void> {
    await clearAttemptCounts(this.db, [this.buckets(subject, address).pair]);
  }
}

/**
 * Failed lookups of respondent codes and links per address: what guessing
 * looks like. Valid codes and links are never counted, so they are never
 * throttled by their address (a class of 30 behind one NAT answers freely).
 */
export interface LookupPolicy {
  readonly name: string;
  readonly windowSeconds: number;
  readonly perAddress: number;
}

/** Codes have ≈ 54.5 bits; 100 misses in 10 minutes is far beyond a class mistyping its letters. */
export const CODE_LOOKUP_POLICY: LookupPolicy = { name: 'code', windowSeconds: 10 * 60, perAddress: 100 };

export class FailedLookups {
  constructor(
    private readonly db: Database,
    private readonly secret: Buffer,
    readonly policy: LookupPolicy,
  ) {}

  /** Counts a miss from `address`; returns the 429 to answer instead when the address is over its limit. */
  async missed(address: string): Promise<HttpError | undefined> {
    const keyHash = keyedHash(this.secret, 'attempt', this.policy.name, 'address', address);
    const counts = await countAttempts(this.db, [{ keyHash, windowSeconds: this.policy.windowSeconds }]);
    const count = counts.get(keyHash)!;
    return count.attempts > this.policy.perAddress ? tooManyAttempts(this.policy.windowSeconds - count.windowAgeSeconds) : undefined;
  }
}
