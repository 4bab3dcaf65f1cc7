import { connectTimeoutMs, summariseConnect } from './fleet';
import { mergeTallies, WorkerPool } from './pool';
import type { PhoneCommand, PhoneReport } from './protocol';

/** The outcome of one run of submissions, over every worker. */
export type IngestRun = {
  sent: number;
  ackedIds: string[];
  latenciesMs: number[];
  ackedInWindow: number;
  failed: number;
  errors: string[];
  lastAckAt: number;
  ackBytes: number;
};

/** N public phones, one connection each with the meeting's public link, spread over worker processes (bench/workers/phones.ts). */
export class PhoneFleet {
  private readonly pool: WorkerPool<PhoneCommand, PhoneReport>;

  constructor(readonly phones: number, workerCount: number) {
    this.pool = new WorkerPool('phone worker', 'bench/workers/phones.ts', phones, workerCount);
  }

  /** The workers' process ids (their CPU time says whether they, not the server, were the limit). */
  get pids(): (number | undefined)[] {
    return this.pool.workers.map((w) => w.child.process.pid);
  }

  /** Opens every phone's connection in batches; how long it took and why any failed. */
  async connect(url: string, token: string, options: { batchSize: number; timeoutMs: number }): Promise<{ elapsedMs: number; failed: number; errors: string[] }> {
    let first = 0;
    for (const worker of this.pool.workers) {
      this.pool.send(worker, { type: 'connect', url, token, count: worker.share, first, ...options });
      first += worker.share;
    }
    return summariseConnect(await this.pool.collect('connected', connectTimeoutMs(this.pool, options)));
  }

  /**
   * Every phone submits from `startAt` for `warmupMs + durationMs` (with `rate` > 0, that many
   * per second over all phones); resolves once every submission was acknowledged or failed.
   */
  async submit(options: { startAt: number; warmupMs: number; durationMs: number; rate: number; ackTimeoutMs: number; tag: string }): Promise<IngestRun> {
    for (const worker of this.pool.workers) {
      this.pool.send(worker, { type: 'submit', ...options, rate: (options.rate * worker.share) / this.phones });
    }
    // The last submissions may each wait one ack timeout; the margin covers the workers' own delays.
    const reports = await this.pool.collect('submitted', Math.max(0, options.startAt - Date.now()) + options.warmupMs + options.durationMs + options.ackTimeoutMs + 15_000);
    return {
      sent: reports.reduce((sum, r) => sum + r.sent, 0),
      ackedIds: reports.flatMap((r) => r.ackedIds),
      latenciesMs: reports.flatMap((r) => r.latenciesMs),
      ackedInWindow: reports.reduce((sum, r) => sum + r.ackedInWindow, 0),
      failed: reports.reduce((sum, r) => sum + r.failed, 0),
      errors: mergeTallies(reports.flatMap((r) => r.errors)),
      lastAckAt: Math.max(...reports.map((r) => r.lastAckAt)),
      ackBytes: Math.max(...reports.map((r) => r.ackBytes)),
    };
  }

  close(): Promise<void> {
    return this.pool.close({ type: 'close' });
  }
}
