import { FileLimitError } from './limits';
import { type JobReply, type JobRequest, SANDBOX_JOBS } from './sandbox.jobs';

/**
 * The sandbox process: runs one job at a time as the server sends them (sandbox.ts), each
 * under the heap limit it was started with; the server kills it past its memory or time.
 */

if (!process.send) throw new Error('sandbox.child.ts runs as a child process (see sandbox.ts)');
const send = (reply: JobReply) => process.send!(reply);

process.on('message', (request: JobRequest) => {
  void (async () => {
    try {
      const run = SANDBOX_JOBS[request.kind] as (input: unknown) => unknown;
      send({ id: request.id, ok: true, value: await run(request.input) });
    } catch (error) {
      if (error instanceof FileLimitError) return send({ id: request.id, ok: false, limit: error.limit, message: error.message });
      console.error(`sandbox job ${request.kind} failed`, error);
      send({ id: request.id, ok: false, limit: 'crash', message: 'Không đọc được tệp này do lỗi của hệ thống. Hãy thử lại; nếu vẫn lỗi, lưu lại tệp dưới dạng khác.' });
    }
  })();
});
// The server went away: nothing left to do.
process.on('disconnect', () => process.exit(0));
