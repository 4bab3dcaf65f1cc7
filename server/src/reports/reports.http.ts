import { fail } from '@diemcau/shared';
import { Router } from 'express';
import type { AccessService } from '../access/access';
import { guard, sendFailure } from '../http/http';
import type { ReportsService } from './reports.service';

/** The meeting report for the MC and the organiser (the whole report is not for sites or the public). */
export function reportsRouter(deps: { reports: ReportsService; access: AccessService }) {
  const router = Router();
  const control = guard(deps.access, ['admin', 'mc'], { meetingParam: 'id' });

  router.get('/meetings/:id/report', control, async (req, res) => {
    const report = await deps.reports.report(String(req.params.id));
    if (!report) return void sendFailure(res, fail('not_found', 'Không tìm thấy hội nghị (có thể đã bị xóa). Kiểm tra lại đường dẫn.'));
    res.json({ ok: true, data: report });
  });

  return router;
}
