import { sql } from 'kysely';
import type { Db } from '../db/database';

type Job = { write: (tx: Db) => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/**
 * Group commit. Writes handed in while a batch is being committed (or within `delayMs`
 * of the first) run together in one transaction: a storm of submissions costs one fsync
 * per batch instead of one each. A write that fails is rolled back alone and the others
 * still commit (the batch runs again with a savepoint per write). A caller's promise
 * settles only after COMMIT: an acknowledgement sent then is durable.
 */
export class WriteBatcher {
  private queue: Job[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private closed = false;
  /** Batches committed and writes in them, for logs and the benchmark. */
  readonly stats = { batches: 0, writes: 0, largest: 0 };

  constructor(
    private readonly db: Db,
    private readonly options: { delayMs: number; maxBatch: number } = { delayMs: 2, maxBatch: 2_000 },
  ) {}

  /** Runs `write` in the next batch; resolves with its result once the batch is committed. */
  run<T>(write: (tx: Db) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('write batcher closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Commits what is queued and refuses new writes. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing || this.queue.length > 0) {
      if (this.flushing) await this.flushing;
      else await this.flush();
    }
  }

  private schedule(): void {
    // While a batch commits, new writes wait for it and form the next batch on their own.
    if (this.flushing || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.delayMs);
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, this.options.maxBatch);
    if (batch.length === 0) return;
    let results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    /** All writes in one transaction; with `isolate`, each in a savepoint so one failure stays its own. */
    const attempt = async (isolate: boolean) => {
      results = new Array(batch.length);
      await this.db.transaction().execute(async (tx) => {
        for (const [index, job] of batch.entries()) {
          if (!isolate) {
            results[index] = { ok: true, value: await job.write(tx) };
            continue;
          }
          await sql`SAVEPOINT batch_write`.execute(tx);
          try {
            results[index] = { ok: true, value: await job.write(tx) };
            await sql`RELEASE batch_write`.execute(tx);
          } catch (error) {
            results[index] = { ok: false, error };
            await sql`ROLLBACK TO batch_write`.execute(tx);
            await sql`RELEASE batch_write`.execute(tx);
          }
        }
      });
    };
    // Writes rarely fail, so a batch first runs without savepoints (two statements fewer per
    // write); if anything failed, the whole batch rolled back and runs again, each write isolated.
    const run = async () => {
      try {
        await attempt(false);
      } catch (error) {
        if (batch.length === 1) throw error;
        await attempt(true);
      }
    };
    this.flushing = run().then(
      () => {
        this.stats.batches += 1;
        this.stats.writes += batch.length;
        this.stats.largest = Math.max(this.stats.largest, batch.length);
        batch.forEach((job, index) => {
          const result = results[index]!;
          if (result.ok) job.resolve(result.value);
          else job.reject(result.error);
        });
      },
      // The commit itself failed: nothing of the batch is stored, every caller hears so.
      (error: unknown) => batch.forEach((job) => job.reject(error)),
    );
    await this.flushing;
    this.flushing = null;
    // Writes that arrived during the commit go at once: they have waited one commit already.
    if (this.queue.length > 0) void this.flush();
  }
}
