import { sleep } from './clock';
import { type NodeChild, spawnNode } from './processes';
import type { DriverMessage, WorkerMessage } from './protocol';

/** How a change reached the fleet: complete (every client got it) or not, with the last arrival. */
export type Arrival = { rev: number; complete: boolean; lastAt: number; received: number; lost: number; bytes: number };

type Worker = { child: NodeChild; share: number; reports: WorkerMessage[] };

/** Splits `total` into `parts` shares differing by at most one. */
const shares = (total: number, parts: number): number[] =>
  Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0)).filter((n) => n > 0);

/**
 * The audience: `clients` Socket.IO connections spread over worker processes. Collects, per
 * revision, when the last client of each worker received it.
 */
export class Fleet {
  private readonly workers: Worker[];
  private readonly arrivals = new Map<number, Map<Worker, { lastAt: number; bytes: number }>>();
  private readonly waiters = new Map<number, () => void>();
  /** Connections that opened; changes are awaited from these. */
  connected = 0;

  constructor(readonly clients: number, workerCount: number) {
    this.workers = shares(clients, workerCount).map((share, i) => {
      const child = spawnNode(`client worker ${i + 1}`, 'bench/workers/clients.ts', { ipc: true });
      const worker: Worker = { child, share, reports: [] };
      child.process.on('message', (message: WorkerMessage) => this.onMessage(worker, message));
      return worker;
    });
  }

  private onMessage(worker: Worker, message: WorkerMessage): void {
    if (message.type !== 'received') {
      worker.reports.push(message);
      return;
    }
    const byWorker = this.arrivals.get(message.rev) ?? new Map<Worker, { lastAt: number; bytes: number }>();
    byWorker.set(worker, { lastAt: message.lastAt, bytes: message.bytes });
    this.arrivals.set(message.rev, byWorker);
    if (byWorker.size === this.workers.length) this.waiters.get(message.rev)?.();
  }

  private send(worker: Worker, message: DriverMessage): void {
    worker.child.process.send(message);
  }

  /** Waits for the next report of type `type` from every worker (or throws after `timeoutMs`). */
  private async collect<T extends Exclude<WorkerMessage['type'], 'received'>>(type: T, timeoutMs: number): Promise<Extract<WorkerMessage, { type: T }>[]> {
    const deadline = Date.now() + timeoutMs;
    const take = (worker: Worker) => {
      const index = worker.reports.findIndex((m) => m.type === type);
      return index < 0 ? undefined : (worker.reports.splice(index, 1)[0] as Extract<WorkerMessage, { type: T }>);
    };
    const found: (Extract<WorkerMessage, { type: T }> | undefined)[] = this.workers.map(() => undefined);
    while (Date.now() < deadline) {
      this.workers.forEach((worker, i) => {
        found[i] ??= take(worker);
        if (worker.child.process.exitCode !== null) throw new Error(`${worker.child.name} exited:\n${worker.child.output()}`);
      });
      if (found.every(Boolean)) return found as Extract<WorkerMessage, { type: T }>[];
      await sleep(20);
    }
    throw new Error(`client workers did not report "${type}" within ${timeoutMs} ms`);
  }

  /** Opens every connection in batches; returns how long it took and why any failed. */
  async connect(url: string, token: string, options: { batchSize: number; timeoutMs: number }): Promise<{ elapsedMs: number; failed: number; errors: string[] }> {
    for (const worker of this.workers) {
      this.send(worker, { type: 'connect', url, token, count: worker.share, batchSize: options.batchSize, timeoutMs: options.timeoutMs });
    }
    const perBatchMs = options.timeoutMs + 1_000;
    const batches = Math.ceil(Math.max(...this.workers.map((w) => w.share)) / options.batchSize);
    const reports = await this.collect('connected', perBatchMs * batches);
    this.connected = reports.reduce((sum, r) => sum + r.connected, 0);
    return {
      elapsedMs: Math.max(...reports.map((r) => r.elapsedMs)),
      failed: reports.reduce((sum, r) => sum + r.failed, 0),
      errors: reports.flatMap((r) => r.errors),
    };
  }

  /** Waits until every client received `rev`, or `timeoutMs`; then says how many did. */
  async arrival(rev: number, timeoutMs: number): Promise<Arrival> {
    const complete = await new Promise<boolean>((resolve) => {
      if (this.arrivals.get(rev)?.size === this.workers.length) return resolve(true);
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
    for (const worker of this.workers) this.send(worker, { type: 'count', rev });
    const counts = await this.collect('count', 5_000);
    const sum = (pick: (c: (typeof counts)[number]) => number) => counts.reduce((total, c) => total + pick(c), 0);
    return { rev, complete, lastAt, received: sum((c) => c.received), lost: sum((c) => c.lost), bytes };
  }

  /** Closes every connection and waits for the workers to exit. */
  async close(): Promise<void> {
    for (const worker of this.workers) {
      if (worker.child.process.connected) this.send(worker, { type: 'close' });
    }
    await Promise.all(
      this.workers.map(async (w) => {
        await Promise.race([w.child.exited, sleep(10_000)]);
        await w.child.stop();
      }),
    );
  }
}
