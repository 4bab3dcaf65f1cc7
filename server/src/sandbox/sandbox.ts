import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import type { Logger } from 'pino';
import { entryUrl } from '../lib/built';
import { limitError, type LimitName } from './limits';
import type { JobInput, JobKind, JobOutput, JobReply, JobRequest } from './sandbox.jobs';

/**
 * Where untrusted files are read and heavy files built, so that nothing they do can stop,
 * freeze or starve the server: child processes (not worker threads: a V8 out-of-memory inside
 * a worker thread aborts the whole server), each started with a heap limit, killed when its
 * resident memory or a job's time passes the limit, and replaced for the next job. Jobs wait
 * in one queue; a lane (a meeting, or the organiser's plans) runs one job at a time, so one
 * meeting's exports never hold all the processes while another waits.
 */

export type SandboxFailure = { ok: false; limit: LimitName | 'busy' | 'crash' | 'closed'; message: string };
export type SandboxResult<T> = { ok: true; value: T } | SandboxFailure;

export type SandboxOptions = {
  logger: Logger;
  /** Processes running jobs at once (2 cores: 2). */
  processes?: number;
  /** V8 heap of each process, MB. */
  heapMb?: number;
  /** Resident memory past which a process is killed, MB (checked every 100 ms, Linux). */
  rssMb?: number;
  /** Longest a job may run, by kind prefix ("plan", "sites", …) or `default`. */
  timeoutMs?: Partial<Record<string, number>>;
  /** Jobs waiting beyond these are refused with "busy". */
  maxWaiting?: number;
  maxWaitingPerLane?: number;
};

export const SANDBOX_DEFAULTS = {
  processes: 2,
  heapMb: 256,
  rssMb: 640,
  timeoutMs: { plan: 60_000, sites: 30_000, default: 120_000 } as Partial<Record<string, number>>,
  maxWaiting: 32,
  maxWaitingPerLane: 4,
};

/** The sandbox processes' niceness: the server's thread goes first. */
const SANDBOX_NICE = 10;
const ENTRY = entryUrl(import.meta.url, './sandbox.entry.mjs', 'sandbox.child');
const BUSY = 'Máy chủ đang xử lý nhiều tệp cùng lúc; hãy thử lại sau ít phút.';
const CLOSED = 'Máy chủ đang dừng; hãy thử lại sau.';

type Task = {
  id: number;
  kind: JobKind;
  input: unknown;
  lane: string;
  timeoutMs: number;
  resolve: (result: SandboxResult<unknown>) => void;
};
type Slot = { child: ChildProcess | null; task: Task | null; timer: NodeJS.Timeout | null; watch: NodeJS.Timeout | null; stderr: string };

/** Resident memory of a process in bytes (Linux /proc), or null where it cannot be read. */
function residentBytes(pid: number): number | null {
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return Number.isFinite(pages) ? pages * 4096 : null;
  } catch {
    return null;
  }
}

export function createSandbox(options: SandboxOptions) {
  const { logger } = options;
  const processes = options.processes ?? SANDBOX_DEFAULTS.processes;
  const heapMb = options.heapMb ?? SANDBOX_DEFAULTS.heapMb;
  const rssBytes = (options.rssMb ?? SANDBOX_DEFAULTS.rssMb) * 1024 * 1024;
  const timeouts = { ...SANDBOX_DEFAULTS.timeoutMs, ...options.timeoutMs };
  const maxWaiting = options.maxWaiting ?? SANDBOX_DEFAULTS.maxWaiting;
  const maxWaitingPerLane = options.maxWaitingPerLane ?? SANDBOX_DEFAULTS.maxWaitingPerLane;
  const slots: Slot[] = Array.from({ length: processes }, () => ({ child: null, task: null, timer: null, watch: null, stderr: '' }));
  const waiting: Task[] = [];
  let nextId = 1;
  let closed = false;
  let peakRss = 0;

  const timeoutOf = (kind: JobKind) => timeouts[kind.split(':')[0]!] ?? timeouts.default ?? SANDBOX_DEFAULTS.timeoutMs.default!;

  const start = (slot: Slot): ChildProcess => {
    const child = fork(ENTRY, [], {
      // The server's own flags (a test runner's loader) are not the child's business.
      execArgv: [`--max-old-space-size=${heapMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    // Below the server in the scheduler: on a 2-core machine a file being read must not take the
    // CPU the live meetings need (where lowering a priority is not allowed, it runs as it is).
    try {
      if (child.pid) setPriority(child.pid, SANDBOX_NICE);
    } catch {
      // not permitted here
    }
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      slot.stderr = (slot.stderr + chunk).slice(-4000);
    });
    child.on('message', (reply: JobReply) => {
      if (slot.child !== child || !slot.task || slot.task.id !== reply.id) return;
      const result: SandboxResult<unknown> = reply.ok ? { ok: true, value: reply.value } : { ok: false, limit: reply.limit as SandboxFailure['limit'], message: reply.message };
      if (!reply.ok) logger.warn({ kind: slot.task.kind, lane: slot.task.lane, limit: reply.limit }, 'sandbox job refused');
      finish(slot, result);
    });
    child.on('exit', (code, signal) => {
      if (slot.child !== child) return;
      slot.child = null;
      if (!slot.task) return;
      // A V8 out-of-memory aborts (SIGABRT, 134); the kernel's OOM killer sends SIGKILL.
      const memory = signal === 'SIGABRT' || signal === 'SIGKILL' || code === 134 || /heap out of memory|Allocation failed/i.test(slot.stderr);
      logger.warn({ kind: slot.task.kind, lane: slot.task.lane, code, signal, stderr: slot.stderr.slice(-500) }, 'sandbox process ended during a job');
      finish(slot, memory ? refusal(limitError.memory(heapMb * 1024 * 1024)) : { ok: false, limit: 'crash', message: 'Trình đọc tệp dừng bất ngờ. Hãy thử lại; nếu vẫn lỗi, lưu lại tệp dưới dạng khác.' });
    });
    child.on('error', (error) => logger.error({ err: error }, 'sandbox process error'));
    return child;
  };

  const refusal = (error: { limit: LimitName; message: string }): SandboxFailure => ({ ok: false, limit: error.limit, message: error.message });

  /** Ends the slot's job and stops its process (past a limit, its state is not trusted). */
  const kill = (slot: Slot, result: SandboxFailure) => {
    const child = slot.child;
    slot.child = null;
    child?.kill('SIGKILL');
    finish(slot, result);
  };

  const finish = (slot: Slot, result: SandboxResult<unknown>) => {
    const task = slot.task;
    if (!task) return;
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.watch) clearInterval(slot.watch);
    slot.task = null;
    slot.timer = slot.watch = null;
    // An idle process does not keep the server (or a script) alive.
    slot.child?.channel?.unref();
    slot.child?.unref();
    task.resolve(result);
    pump();
  };

  const pump = () => {
    if (closed) return;
    for (const slot of slots) {
      if (slot.task) continue;
      const busyLanes = new Set(slots.flatMap((s) => (s.task ? [s.task.lane] : [])));
      const index = waiting.findIndex((t) => !busyLanes.has(t.lane));
      if (index < 0) return;
      const task = waiting.splice(index, 1)[0]!;
      slot.task = task;
      slot.stderr = '';
      const child = (slot.child ??= start(slot));
      child.ref();
      child.channel?.ref();
      slot.timer = setTimeout(() => {
        logger.warn({ kind: task.kind, lane: task.lane, timeoutMs: task.timeoutMs }, 'sandbox job timed out');
        kill(slot, refusal(limitError.time(task.timeoutMs)));
      }, task.timeoutMs);
      slot.watch = setInterval(() => {
        const rss = child.pid ? residentBytes(child.pid) : null;
        if (rss === null) return;
        peakRss = Math.max(peakRss, rss);
        if (rss > rssBytes) {
          logger.warn({ kind: task.kind, lane: task.lane, rss }, 'sandbox job over its memory');
          kill(slot, refusal(limitError.memory(rssBytes)));
        }
      }, 100);
      slot.watch.unref();
      child.send({ id: task.id, kind: task.kind, input: task.input } satisfies JobRequest);
    }
  };

  return {
    /** Runs `kind` on `input` in a sandbox process; `lane` (a meeting) runs one job at a time. */
    run<K extends JobKind>(kind: K, input: JobInput<K>, opts: { lane: string }): Promise<SandboxResult<JobOutput<K>>> {
      if (closed) return Promise.resolve({ ok: false, limit: 'closed', message: CLOSED });
      if (waiting.length >= maxWaiting || waiting.filter((t) => t.lane === opts.lane).length >= maxWaitingPerLane) {
        return Promise.resolve({ ok: false, limit: 'busy', message: BUSY });
      }
      return new Promise((resolve) => {
        waiting.push({ id: nextId++, kind, input, lane: opts.lane, timeoutMs: timeoutOf(kind), resolve: resolve as Task['resolve'] });
        pump();
      });
    },
    /**
     * Starts the first process now, idle, so the first file of the day does not wait for it to
     * load (a few seconds on a busy machine); the server calls it once it listens.
     */
    warm(): void {
      const slot = slots[0];
      if (closed || !slot || slot.child || slot.task) return;
      const child = (slot.child = start(slot));
      child.channel?.unref();
      child.unref();
    },
    /** Processes alive and the highest resident memory one reached (bytes), for tests and the bench. */
    stats: () => ({ pids: slots.flatMap((s) => (s.child?.pid ? [s.child.pid] : [])), running: slots.filter((s) => s.task).length, waiting: waiting.length, peakRss }),
    async close(): Promise<void> {
      closed = true;
      for (const task of waiting.splice(0)) task.resolve({ ok: false, limit: 'closed', message: CLOSED });
      const exits: Promise<unknown>[] = [];
      for (const slot of slots) {
        const child = slot.child;
        if (child && child.exitCode === null && child.signalCode === null) exits.push(new Promise((resolve) => child.once('exit', resolve)));
        slot.child = null;
        child?.kill('SIGKILL');
        finish(slot, { ok: false, limit: 'closed', message: CLOSED });
      }
      await Promise.all(exits);
    },
  };
}

export type Sandbox = ReturnType<typeof createSandbox>;
