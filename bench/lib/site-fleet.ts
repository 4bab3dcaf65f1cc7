import { connectTimeoutMs, summariseConnect } from './fleet';
import { mergeTallies, WorkerPool } from './pool';
import type { SiteCommand, SiteReport } from './protocol';

/** The outcome of one check-in storm, over every worker. */
export type CheckInResult = { latenciesMs: number[]; failed: number; errors: string[]; firstSentAt: number; lastAckAt: number; ackBytes: number[] };

/** N sites, one connection each with its own link, spread over worker processes (bench/workers/sites.ts). */
export class SiteFleet {
  private readonly pool: WorkerPool<SiteCommand, SiteReport>;

  constructor(private readonly tokens: readonly string[], workerCount: number) {
    this.pool = new WorkerPool('site worker', 'bench/workers/sites.ts', tokens.length, workerCount);
  }

  /** Opens every site's connection in batches; how long it took and why any failed. */
  async connect(url: string, options: { batchSize: number; timeoutMs: number }): Promise<{ elapsedMs: number; failed: number; errors: string[] }> {
    let first = 0;
    for (const worker of this.pool.workers) {
      this.pool.send(worker, { type: 'connect', url, tokens: this.tokens.slice(first, first + worker.share), first, ...options });
      first += worker.share;
    }
    return summariseConnect(await this.pool.collect('connected', connectTimeoutMs(this.pool, options)));
  }

  /** Every site checks in at its slot of `windowMs` from `startAt`; resolves once every one was acknowledged or failed. */
  async checkIn(options: { startAt: number; windowMs: number; ackTimeoutMs: number }): Promise<CheckInResult> {
    for (const worker of this.pool.workers) this.pool.send(worker, { type: 'checkIn', total: this.tokens.length, ...options });
    // Each check-in is bounded by its ack timeout; the margin covers the workers' own delays.
    const reports = await this.pool.collect('checkedIn', Math.max(0, options.startAt - Date.now()) + options.windowMs + options.ackTimeoutMs + 10_000);
    return {
      latenciesMs: reports.flatMap((r) => r.latenciesMs),
      failed: reports.reduce((sum, r) => sum + r.failed, 0),
      errors: mergeTallies(reports.flatMap((r) => r.errors)),
      firstSentAt: Math.min(...reports.map((r) => r.firstSentAt)),
      lastAckAt: Math.max(...reports.map((r) => r.lastAckAt)),
      ackBytes: reports.flatMap((r) => r.ackBytes),
    };
  }

  close(): Promise<void> {
    return this.pool.close({ type: 'close' });
  }
}
