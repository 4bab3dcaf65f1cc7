import { fail, Id } from '@diemcau/shared';
import { type Request, type Response, Router } from 'express';
import type { AccessService } from '../access/access';
import { BODY_LIMITS, jsonBody } from '../http/body';
import { attachment, guard, sendFailure } from '../http/http';
import type { MeetingService } from '../meetings/meetings.service';
import type { RecordJobs } from './record.jobs';

const NO_JOB = 'Không tìm thấy lượt lập hồ sơ này (hồ sơ chỉ giữ 15 phút sau khi lập xong). Bấm "Tạo hồ sơ" để lập lại.';

/**
 * The meeting record for the MC and the organiser only: start making it (202 with a job),
 * poll the job's progress, download the zip once done.
 */
export function recordRouter(deps: { jobs: RecordJobs; meetings: MeetingService; access: AccessService }) {
  const { jobs, meetings } = deps;
  const router = Router();
  const control = guard(deps.access, ['admin', 'mc'], { meetingParam: 'id' });
  const jobIdOf = (req: Request, res: Response): string | null => {
    const parsed = Id.safeParse(req.params.jobId);
    if (!parsed.success) sendFailure(res, fail('invalid', 'Mã lượt lập hồ sơ trong đường dẫn không hợp lệ.'));
    return parsed.success ? parsed.data : null;
  };

  router.post('/meetings/:id/record', control, jsonBody(BODY_LIMITS.none), async (req, res) => {
    const meeting = await meetings.load(String(req.params.id));
    if (!meeting) return void sendFailure(res, fail('not_found', 'Không tìm thấy hội nghị (có thể đã bị xóa).'));
    const job = jobs.start(meeting.id, `ho-so-hoi-nghi-${meeting.code}-${meeting.state.details.date}.zip`);
    if (!job) return void sendFailure(res, fail('rate_limited', 'Máy chủ đang lập nhiều hồ sơ cùng lúc; hãy thử lại sau ít phút.'));
    res.status(202).json({ ok: true, data: job });
  });

  router.get('/meetings/:id/record/:jobId', control, (req, res) => {
    const jobId = jobIdOf(req, res);
    if (!jobId) return;
    const job = jobs.status(String(req.params.id), jobId);
    if (!job) return void sendFailure(res, fail('not_found', NO_JOB));
    res.json({ ok: true, data: job });
  });

  router.get('/meetings/:id/record/:jobId/file', control, (req, res) => {
    const jobId = jobIdOf(req, res);
    if (!jobId) return;
    const meetingId = String(req.params.id);
    const file = jobs.file(meetingId, jobId);
    if (!file) {
      const job = jobs.status(meetingId, jobId);
      if (!job) return void sendFailure(res, fail('not_found', NO_JOB));
      return void sendFailure(res, fail('conflict', job.state === 'failed' ? (job.message ?? 'Không lập được hồ sơ.') : 'Hồ sơ chưa lập xong; chờ thanh tiến độ đến 100 %.'));
    }
    res.set('Content-Disposition', attachment(file.fileName)).type('application/zip').send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  });

  return router;
}
