import { type Engine, type PageKind, type PageSpec } from './page';
import { mergeTallies, type PoolWorker, WorkerPool } from './pool';
import type { DriverMessage, WorkerMessage } from './protocol';

/** How a change reached the fleet: complete (every client got it) or not, with the last arrival. */
export type Arrival = { rev: number; complete: boolean; lastAt: number; received: number; lost: number; bytes: number };

type Worker = PoolWorker<WorkerMessage>;

/** A ramp-up of the audience: the slowest worker's time, every failure, when each page had its snapshot, the snapshot sizes per kind. */
export type Connect = { elapsedMs: number; failed: number; errors: string[]; readyAt: number[]; snapshotBytes: Partial<Record<PageKind, number>> };

/**
 * The audience: `clients` pages (bench/lib/page.ts) spread over worker processes, page i in
 * worker i mod n so each holds the same mix. Collects, per revision, when the last client of
 * each worker received it.
 */
export class Fleet {
  private readonly pool: WorkerPool<DriverMessage, WorkerMessage>;
  private readonly arrivals = new Map<number, Map<Worker, { lastAt: number; bytes: number }>>();
  private readonly waiters = new Map<number, () => void>();
  /** Connections that opened; changes are awaited from these. */
  connected = 0;

  constructor(readonly clients: number, workerCount: number) {
    this.pool = new WorkerPool('client worker', 'bench/workers/clients.ts', clients, workerCount, (worker, message) => this.onMessage(worker, message));
  }

  /** Takes `received` reports as they come; the rest wait for `collect`. */
  private onMessage(worker: Worker, message: WorkerMessage): boolean {
    if (message.type !== 'received') return false;
    const byWorker = this.arrivals.get(message.rev) ?? new Map<Worker, { lastAt: number; bytes: number }>();
    byWorker.set(worker, { lastAt: message.lastAt, bytes: message.bytes });
    this.arrivals.set(message.rev, byWorker);
    if (byWorker.size === this.pool.workers.length) this.waiters.get(message.rev)?.();
    return true;
  }

  /**
   * Opens every page in batches per worker (worker i to `urls[i mod n]`: several nodes share
   * the audience; a batch as large as the share opens them all at once); returns how long it
   * took and why any failed.
   */
  async connect(urls: readonly string[], engine: Engine, pages: readonly PageSpec[], options: { batchSize: number; timeoutMs: number }): Promise<Connect> {
    const workers = this.pool.workers;
    workers.forEach((worker, i) => {
      const url = urls[i % urls.length]!;
      const share = pages.filter((_, p) => p % workers.length === i);
      this.pool.send(worker, { type: 'connect', url, engine, pages: share, batchSize: options.batchSize, timeoutMs: options.timeoutMs });
    });
    const reports = await this.pool.collect('connected', connectTimeoutMs(this.pool, options));
    this.connected = reports.reduce((sum, r) => sum + r.connected, 0);
    const snapshotBytes: Partial<Record<PageKind, number>> = {};
    for (const report of reports) Object.assign(snapshotBytes, report.snapshotBytes);
    return { ...summariseConnect(reports), readyAt: reports.flatMap((r) => r.readyAt), snapshotBytes };
  }

  /** How many pages hold revision `rev` or later, of how many, and a few revisions of those behind. */
  async revs(rev: number): Promise<{ atLeast: number; total: number; behind: string[] }> {
    for (const worker of this.pool.workers) this.pool.send(worker, { type: 'revs', rev });
    const reports = await this.pool.collect('revs', 10_000);
    return { atLeast: reports.reduce((s, r) => s + r.atLeast, 0), total: reports.reduce((s, r) => s + r.total, 0), behind: reports.flatMap((r) => r.behind) };
  }

  /** Waits until every client received `rev`, or `timeoutMs`; then says how many did. */
  async arrival(rev: number, timeoutMs: number): Promise<Arrival> {
    const workers = this.pool.workers;
    const complete = await new Promise<boolean>((resolve) => {
      if (this.arrivals.get(rev)?.size === workers.length) return resolve(true);
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.set(rev, () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    this.waiters.delete(rev);
    const byWorker = [...(this.arrivals.get(rev)?.values() ?? [])];
    const lastAt = Math.max(...byWorker.map((a) => a.lastAt));
    const bytes = byWorker[0]?.bytes ?? 0;
    if (complete) return { rev, complete, lastAt, received: this.connected, lost: 0, bytes };
    for (const worker of workers) this.pool.send(worker, { type: 'count', rev });
    const counts = await this.pool.collect('count', 5_000);
    const sum = (pick: (c: (typeof counts)[number]) => number) => counts.reduce((total, c) => total + pick(c), 0);
    return { rev, complete, lastAt, received: sum((c) => c.received), lost: sum((c) => c.lost), bytes };
  }

  /** Closes every connection and waits for the workers to exit. */
  close(): Promise<void> {
    return this.pool.close({ type: 'close' });
  }
}

/** A worker's own start (tsx compiling it) on a loaded machine, before it opens anything. */
const WORKER_START_MS = 120_000;

/** A ramp-up may take the workers' start, then one connect timeout (plus a second) per batch of the largest share. */
export function connectTimeoutMs(pool: WorkerPool<unknown, { type: string }>, options: { batchSize: number; timeoutMs: number }): number {
  const batches = Math.ceil(Math.max(...pool.workers.map((w) => w.share)) / options.batchSize);
  return WORKER_START_MS + (options.timeoutMs + 1_000) * batches;
}

/** One ramp-up out of the workers' `connected` reports: the slowest worker's time, every failure. */
export function summariseConnect(reports: readonly { failed: number; errors: string[]; elapsedMs: number }[]): { elapsedMs: number; failed: number; errors: string[] } {
  return {
    elapsedMs: Math.max(...reports.map((r) => r.elapsedMs)),
    failed: reports.reduce((sum, r) => sum + r.failed, 0),
    errors: mergeTallies(reports.flatMap((r) => r.errors)),
  };
}
