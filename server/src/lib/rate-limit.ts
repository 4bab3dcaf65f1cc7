import type { Redis } from 'ioredis';

/** Counts attempts per key (an address, a meeting code, a sender) within a window. */
export interface Limiter {
  /** Counts one attempt; resolves to the ms to wait when over the limit, else 0. */
  take(key: string): Promise<number>;
  /** What `key` has counted in its window, without counting: the attempts, and the ms to wait when they reached the limit (else 0). */
  peek(key: string): Promise<{ count: number; waitMs: number }>;
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

  peek(key: string): Promise<{ count: number; waitMs: number }> {
    const now = this.now();
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) return Promise.resolve({ count: 0, waitMs: 0 });
    return Promise.resolve({ count: entry.count, waitMs: entry.count >= this.limit ? entry.resetAt - now : 0 });
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
  (name, limit, windowMs) => {
    /** The counter of `key`'s current window and the ms left in it. */
    const windowOf = (key: string) => {
      const t = now();
      const windowStart = t - (t % windowMs);
      return { counter: `dc:limit:${name}:${windowStart}:${key}`, left: windowStart + windowMs - t };
    };
    return {
      async take(key: string): Promise<number> {
        const { counter, left } = windowOf(key);
        const [[, count]] = (await redis.multi().incr(counter).pexpire(counter, windowMs + 1_000).exec()) as [[Error | null, number]];
        return count > limit ? left : 0;
      },
      async peek(key: string): Promise<{ count: number; waitMs: number }> {
        const { counter, left } = windowOf(key);
        const count = Number((await redis.get(counter)) ?? 0);
        return { count, waitMs: count >= limit ? left : 0 };
      },
    };
  };
