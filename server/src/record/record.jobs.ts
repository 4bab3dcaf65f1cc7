import { Worker } from 'node:worker_threads';
import type { MeetingReport } from '@diemcau/shared';
import type { Logger } from 'pino';
import { entryUrl } from '../lib/built';
import { newId } from '../lib/ids';
import { RECORD_STAGES, type RecordStage } from './record.build';
import type { RecordData } from './record.docs';
import type { RecordJobInput, RecordJobMessage } from './record.worker';

/** Longest a record may take before its worker is stopped. */
export const RECORD_TIMEOUT_MS = 5 * 60_000;
/** How long a finished record stays downloadable. */
export const RECORD_KEEP_MS = 15 * 60_000;
/** Records waiting beyond this are refused with "busy, try again". */
export const MAX_WAITING_RECORDS = 4;

/** What the page polls: where a job is, and what to do next. */
export type RecordJobStatus = {
  jobId: string;
  meetingId: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  stage: RecordStage;
  percent: number;
  /** Why it failed, for the person who asked. */
  message: string | null;
  /** Size of the zip in bytes, once done. */
  size: number | null;
  fileName: string;
  createdAt: number;
};

type Job = RecordJobStatus & { bytes: Uint8Array | null; expires: NodeJS.Timeout | null };
/** The record's inputs, read on the main thread (database reads are async and cheap). */
export type RecordSource = { data: Omit<RecordData, 'charts'>; report: MeetingReport | null };

const WORKER_URL = entryUrl(import.meta.url, './record.worker-entry.mjs', 'record.worker');

/**
 * Meeting records made in one worker thread, one at a time, others waiting in order; the page
 * polls a job's progress and then downloads it. Asking again while a meeting's record is
 * being made answers the same job. The worker starts on the first job and is replaced when
 * it crashes or takes longer than `timeoutMs`.
 */
export function recordJobs(deps: { logger: Logger; now: () => number; load: (meetingId: string) => Promise<RecordSource | null>; timeoutMs?: number; keepMs?: number }) {
  const timeoutMs = deps.timeoutMs ?? RECORD_TIMEOUT_MS;
  const keepMs = deps.keepMs ?? RECORD_KEEP_MS;
  const jobs = new Map<string, Job>();
  const waiting: Job[] = [];
  let running: { job: Job; timer: NodeJS.Timeout } | null = null;
  let worker: Worker | null = null;
  let closed = false;

  const publicStatus = ({ bytes: _bytes, expires: _expires, ...status }: Job): RecordJobStatus => ({ ...status });

  const settle = (job: Job, outcome: { bytes: Uint8Array } | { message: string }) => {
    if ('bytes' in outcome) Object.assign(job, { state: 'done', stage: 'done', percent: 100, bytes: outcome.bytes, size: outcome.bytes.byteLength });
    else Object.assign(job, { state: 'failed', message: outcome.message });
    job.expires = setTimeout(() => jobs.delete(job.jobId), keepMs);
    job.expires.unref();
  };

  const finish = (outcome: { bytes: Uint8Array } | { message: string }) => {
    if (!running) return;
    clearTimeout(running.timer);
    settle(running.job, outcome);
    running = null;
    void pump();
  };

  const replace = (message: string) => {
    const old = worker;
    worker = null;
    if (old) void old.terminate();
    finish({ message });
  };

  const start = (): Worker => {
    const created = new Worker(WORKER_URL, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    created.unref();
    created.on('message', (message: RecordJobMessage) => {
      if (!running || running.job.jobId !== message.id) return;
      if (message.kind === 'progress') Object.assign(running.job, { stage: message.stage, percent: message.percent });
      else if (message.kind === 'done') finish({ bytes: message.bytes });
      else finish({ message: message.message });
    });
    created.on('error', (error) => {
      deps.logger.error({ err: error }, 'record worker failed');
      replace('Hồ sơ quá lớn để lập trong bộ nhớ cho phép. Hãy tải riêng từng tệp (danh sách tham dự, câu hỏi).');
    });
    created.on('exit', (code) => {
      if (worker !== created) return;
      worker = null;
      if (running) replace(`Trình lập hồ sơ dừng bất ngờ (mã ${code}). Hãy thử lại.`);
    });
    return created;
  };

  const pump = async (): Promise<void> => {
    if (running || closed) return;
    const job = waiting.shift();
    if (!job) return;
    const timer = setTimeout(() => {
      deps.logger.warn({ timeoutMs, meetingId: job.meetingId }, 'record timed out');
      replace(`Lập hồ sơ quá ${Math.round(timeoutMs / 60_000)} phút nên đã dừng. Hãy thử lại, hoặc tải riêng từng tệp.`);
    }, timeoutMs);
    running = { job, timer };
    Object.assign(job, { state: 'running', stage: 'loading', percent: RECORD_STAGES.loading });
    try {
      const source = await deps.load(job.meetingId);
      if (running?.job !== job) return;
      if (!source) return void finish({ message: 'Không tìm thấy hội nghị (có thể đã bị xóa).' });
      worker ??= start();
      worker.postMessage({ id: job.jobId, ...source } satisfies RecordJobInput);
    } catch (error) {
      deps.logger.error({ err: error, meetingId: job.meetingId }, 'record data could not be read');
      finish({ message: 'Không đọc được số liệu của hội nghị; hãy thử lại.' });
    }
  };

  return {
    /** Starts a record of the meeting, or answers the one already being made; null when too many wait. */
    start(meetingId: string, fileName: string): RecordJobStatus | null {
      const current = [...jobs.values()].find((j) => j.meetingId === meetingId && (j.state === 'queued' || j.state === 'running'));
      if (current) return publicStatus(current);
      if (closed || waiting.length >= MAX_WAITING_RECORDS) return null;
      const job: Job = {
        jobId: newId(),
        meetingId,
        state: 'queued',
        stage: 'queued',
        percent: 0,
        message: null,
        size: null,
        fileName,
        createdAt: deps.now(),
        bytes: null,
        expires: null,
      };
      jobs.set(job.jobId, job);
      waiting.push(job);
      void pump();
      return publicStatus(job);
    },

    /** A job of `meetingId` (another meeting's job is not found). */
    status(meetingId: string, jobId: string): RecordJobStatus | null {
      const job = jobs.get(jobId);
      return job && job.meetingId === meetingId ? publicStatus(job) : null;
    },

    /** The finished zip of a job, or null. */
    file(meetingId: string, jobId: string): { bytes: Uint8Array; fileName: string } | null {
      const job = jobs.get(jobId);
      return job && job.meetingId === meetingId && job.bytes ? { bytes: job.bytes, fileName: job.fileName } : null;
    },

    async close(): Promise<void> {
      closed = true;
      for (const job of waiting.splice(0)) settle(job, { message: 'Máy chủ đang dừng; hãy thử lại sau.' });
      if (running) finish({ message: 'Máy chủ đang dừng; hãy thử lại sau.' });
      for (const job of jobs.values()) if (job.expires) clearTimeout(job.expires);
      jobs.clear();
      const old = worker;
      worker = null;
      if (old) await old.terminate();
    },
  };
}

export type RecordJobs = ReturnType<typeof recordJobs>;
