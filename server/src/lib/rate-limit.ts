import type { Redis } from 'ioredis';

/** Counts attempts per key (an address, a meeting code, a sender) within a window. */
export interface Limiter {
  /** Counts one attempt; resolves to the ms to wait when over the limit, else 0. */
  take(key: string): Promise<number>;
}

/** Makes the limiter named `name` (a prefix of its keys): at most `limit` attempts per `windowMs`. */
export type LimiterFactory = (name: string, limit: number, windowMs: number) => Limiter;

/** A fixed-window counter per key in this process's memory: the limit of one node. */
export class RateLimiter implements Limiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  take(key: string): Promise<number> {
    return Promise.resolve(this.takeNow(key));
  }

  private takeNow(key: string): number {
    const now = this.now();
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      if (this.hits.size > 10_000) this.sweep(now);
      return 0;
    }
    entry.count += 1;
    return entry.count > this.limit ? entry.resetAt - now : 0;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key);
  }
}

export const memoryLimiters =
  (now: () => number): LimiterFactory =>
  (_name, limit, windowMs) =>
    new RateLimiter(limit, windowMs, now);

/**
 * Fixed windows aligned on the server clock, counted in Redis (INCR, expiring with the
 * window), so every node counts the same attempts: the limit holds across nodes.
 */
export const redisLimiters =
  (redis: Redis, now: () => number): LimiterFactory =>
  (name, limit, windowMs) => ({
    async take(key: string): Promise<number> {
      const t = now();
      const windowStart = t - (t % windowMs);
      const counter = `dc:limit:${name}:${windowStart}:${key}`;
      const [[, count]] = (await redis.multi().incr(counter).pexpire(counter, windowMs + 1_000).exec()) as [[Error | null, number]];
      return count > limit ? windowStart + windowMs - t : 0;
    },
  });
