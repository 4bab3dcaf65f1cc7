import { Worker } from 'node:worker_threads';
import type { PlanPreview } from '@diemcau/shared';
import type { Logger } from 'pino';
import type { PlanJob, PlanJobResult } from './plans.worker';

/** Longest a single document may take before its worker is stopped. */
export const PLAN_TIMEOUT_MS = 60_000;
/** Documents waiting beyond this are refused with "busy, try again". */
export const MAX_WAITING_PLANS = 8;

type Waiting = { job: PlanJob; resolve: (preview: PlanPreview) => void };

/** A job as callers give it: a file or a text, without the id the pool adds (Omit over each variant). */
type JobInput = PlanJob extends infer J ? (J extends { id: number } ? Omit<J, 'id'> : never) : never;

const WORKER_URL = new URL('./plans.worker-entry.mjs', import.meta.url);

/**
 * Reads plans in one worker thread, one document at a time, the others waiting in order. The
 * worker starts on the first document and is replaced when it crashes, runs out of memory (a
 * zip bomb) or takes longer than `timeoutMs`; that document gets a message, the next ones go on.
 */
export function planReader(deps: { logger: Logger; timeoutMs?: number; maxWaiting?: number }) {
  const timeoutMs = deps.timeoutMs ?? PLAN_TIMEOUT_MS;
  const maxWaiting = deps.maxWaiting ?? MAX_WAITING_PLANS;
  const waiting: Waiting[] = [];
  let worker: Worker | null = null;
  let running: (Waiting & { timer: NodeJS.Timeout }) | null = null;
  let nextId = 1;
  let closed = false;

  const start = (): Worker => {
    // The parent's flags are not the worker's business (a test runner's loader flags break it).
    const created = new Worker(WORKER_URL, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 512 } });
    created.unref();
    created.on('message', (result: PlanJobResult) => {
      if (!running || running.job.id !== result.id) return;
      finish(result.preview);
    });
    created.on('error', (error) => {
      deps.logger.error({ err: error }, 'plan reader worker failed');
      replace('Văn bản quá lớn hoặc quá phức tạp để đọc. Hãy xoá hình ảnh, bảng không cần thiết, hoặc dán nội dung vào ô văn bản.');
    });
    created.on('exit', (code) => {
      if (worker === created) {
        worker = null;
        if (running) replace(`Trình đọc văn bản dừng bất ngờ (mã ${code}). Hãy thử lại.`);
      }
    });
    return created;
  };

  const finish = (preview: PlanPreview) => {
    if (!running) return;
    clearTimeout(running.timer);
    running.resolve(preview);
    running = null;
    pump();
  };

  /** Ends the current document with `message` and drops its worker; the next document starts a fresh one. */
  const replace = (message: string) => {
    const old = worker;
    worker = null;
    if (old) void old.terminate();
    finish({ ok: false, message });
  };

  const pump = () => {
    if (running || closed) return;
    const next = waiting.shift();
    if (!next) return;
    worker ??= start();
    const timer = setTimeout(() => {
      deps.logger.warn({ timeoutMs }, 'plan reader timed out');
      replace(`Đọc văn bản quá ${Math.round(timeoutMs / 1000)} giây nên đã dừng. Hãy dán nội dung kế hoạch vào ô văn bản, hoặc tải lên bản .docx.`);
    }, timeoutMs);
    running = { ...next, timer };
    // The bytes are copied to the worker (not transferred): the caller's buffer may be shared with the request.
    worker.postMessage(next.job);
  };

  return {
    /** Reads one document; resolves with its preview or the reason it could not be read. */
    read(input: JobInput): Promise<PlanPreview> {
      if (closed) return Promise.resolve({ ok: false, message: 'Máy chủ đang dừng; hãy thử lại sau.' });
      if (waiting.length >= maxWaiting) {
        return Promise.resolve({ ok: false, message: 'Máy chủ đang đọc nhiều văn bản cùng lúc; hãy thử lại sau ít phút.' });
      }
      return new Promise((resolve) => {
        waiting.push({ job: { ...input, id: nextId++ } as PlanJob, resolve });
        pump();
      });
    },
    async close(): Promise<void> {
      closed = true;
      for (const w of waiting.splice(0)) w.resolve({ ok: false, message: 'Máy chủ đang dừng; hãy thử lại sau.' });
      if (running) finish({ ok: false, message: 'Máy chủ đang dừng; hãy thử lại sau.' });
      const old = worker;
      worker = null;
      if (old) await old.terminate();
    },
  };
}

export type PlanReader = ReturnType<typeof planReader>;
