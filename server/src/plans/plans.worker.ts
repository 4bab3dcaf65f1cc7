import { parentPort } from 'node:worker_threads';
import type { PlanPreview } from '@diemcau/shared';
import { readPlanFile, readPlanText } from './plans.read';

/**
 * The worker thread that reads plans, so a 10 MB PDF does not hold up the server's event loop
 * (and everyone's live meeting) while it is parsed. One job at a time, posted back by id.
 */

export type PlanJob = { id: number } & ({ kind: 'file'; bytes: Uint8Array; filename: string } | { kind: 'text'; text: string });
export type PlanJobResult = { id: number; preview: PlanPreview };

if (!parentPort) throw new Error('plans.worker.ts runs as a worker thread (see plans.pool.ts)');
const port = parentPort;

port.on('message', (job: PlanJob) => {
  const work = job.kind === 'text' ? Promise.resolve(readPlanText(job.text)) : readPlanFile({ bytes: job.bytes, filename: job.filename });
  work
    .catch((error: unknown): PlanPreview => {
      // readPlanFile turns bad files into messages; anything else is a defect, reported to the log by the pool.
      console.error('plan reader failed', error);
      return { ok: false, message: 'Không đọc được văn bản này do lỗi của hệ thống. Hãy thử lại, hoặc dán nội dung vào ô văn bản.' };
    })
    .then((preview) => port.postMessage({ id: job.id, preview } satisfies PlanJobResult));
});
