import { sleep } from './clock';
import { filesFor, type NodeChild, spawnNode } from './processes';

/** One worker process of a pool and the reports it sent that nobody has collected yet. */
export type PoolWorker<Report> = { child: NodeChild; index: number; share: number; reports: Report[] };

/** Splits `total` into `parts` shares differing by at most one (empty shares dropped). */
export const shares = (total: number, parts: number): number[] =>
  Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0)).filter((n) => n > 0);

/** Adds up the workers' `"N× reason"` lines by reason, most frequent first. */
export function mergeTallies(lines: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const match = /^(\d+)× (.*)$/s.exec(line);
    const [count, reason] = match ? [Number(match[1]), match[2]!] : [1, line];
    counts.set(reason, (counts.get(reason) ?? 0) + count);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${n}× ${reason}`);
}

/**
 * Worker processes running `script` (with IPC), each holding a share of `total` connections so
 * that the servers' event loops, not the driver's, are what is measured. Reports not taken by
 * `intercept` are queued per worker until `collect` takes them.
 */
export class WorkerPool<Command, Report extends { type: string }> {
  readonly workers: PoolWorker<Report>[];

  constructor(name: string, script: string, total: number, workerCount: number, intercept: (worker: PoolWorker<Report>, report: Report) => boolean = () => false) {
    this.workers = shares(total, workerCount).map((share, index) => {
      const child = spawnNode(`${name} ${index + 1}`, script, { ipc: true, files: filesFor(share) });
      const worker: PoolWorker<Report> = { child, index, share, reports: [] };
      child.process.on('message', (report: Report) => {
        if (!intercept(worker, report)) worker.reports.push(report);
      });
      return worker;
    });
  }

  send(worker: PoolWorker<Report>, command: Command): void {
    worker.child.process.send(command as object);
  }

  /** Waits for the next report of type `type` from every worker (or throws after `timeoutMs`, or when a worker dies). */
  async collect<T extends Report['type']>(type: T, timeoutMs: number): Promise<Extract<Report, { type: T }>[]> {
    type Wanted = Extract<Report, { type: T }>;
    const deadline = Date.now() + timeoutMs;
    const take = (worker: PoolWorker<Report>) => {
      const index = worker.reports.findIndex((m) => m.type === type);
      return index < 0 ? undefined : (worker.reports.splice(index, 1)[0] as Wanted);
    };
    const found: (Wanted | undefined)[] = this.workers.map(() => undefined);
    while (Date.now() < deadline) {
      this.workers.forEach((worker, i) => {
        found[i] ??= take(worker);
        if (worker.child.process.exitCode !== null) throw new Error(`${worker.child.name} exited:\n${worker.child.output()}`);
      });
      if (found.every(Boolean)) return found as Wanted[];
      await sleep(20);
    }
    throw new Error(`${this.workers[0]?.child.name ?? 'workers'}…: not every worker reported "${type}" within ${timeoutMs} ms`);
  }

  /** Sends `bye` to every worker still connected and waits for them to exit (killing stragglers). */
  async close(bye: Command): Promise<void> {
    for (const worker of this.workers) {
      if (worker.child.process.connected) this.send(worker, bye);
    }
    await Promise.all(
      this.workers.map(async (w) => {
        await Promise.race([w.child.exited, sleep(10_000)]);
        await w.child.stop();
      }),
    );
  }
}
