import { parentPort } from 'node:worker_threads';
import type { MeetingReport } from '@diemcau/shared';
import { renderReportCharts } from '../reports/charts';
import { buildRecord, RECORD_STAGES, type RecordStage } from './record.build';
import type { RecordData } from './record.docs';

/**
 * The worker thread that writes meeting records (documents, workbooks, charts, zip), so a
 * meeting of 3,000 sites and thousands of questions does not hold up the server's event loop
 * while its record is written. One job at a time; progress and the result are posted by id.
 */

export type RecordJobInput = { id: string; data: Omit<RecordData, 'charts'>; report: MeetingReport | null };
export type RecordJobMessage =
  | { id: string; kind: 'progress'; stage: RecordStage; percent: number }
  | { id: string; kind: 'done'; bytes: Uint8Array }
  | { id: string; kind: 'failed'; message: string };

if (!parentPort) throw new Error('record.worker.ts runs as a worker thread (see record.jobs.ts)');
const port = parentPort;

port.on('message', (job: RecordJobInput) => {
  const post = (message: RecordJobMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  void (async () => {
    try {
      post({ id: job.id, kind: 'progress', stage: 'charts', percent: RECORD_STAGES.charts });
      const charts = job.report ? await renderReportCharts(job.report) : [];
      const bytes = await buildRecord({ ...job.data, charts }, (p) => post({ id: job.id, kind: 'progress', ...p }));
      post({ id: job.id, kind: 'done', bytes }, [bytes.buffer as ArrayBuffer]);
    } catch (error) {
      console.error('record worker failed', error);
      post({ id: job.id, kind: 'failed', message: 'Lỗi khi lập hồ sơ; hãy thử lại. Nếu vẫn lỗi, tải riêng từng tệp (danh sách tham dự, câu hỏi).' });
    }
  })();
});
