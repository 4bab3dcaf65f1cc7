import { fail, invalidInput } from '@diemcau/shared';
import { type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { AccessService } from '../access/access';
import { BODY_LIMITS, uploadBody } from '../http/body';
import { guard, sendFailure } from '../http/http';
import type { PlanReader } from './plans.pool';
import { MAX_PLAN_BYTES, MAX_PLAN_TEXT } from './plans.read';

const PastedPlan = z.object({ text: z.string().max(MAX_PLAN_TEXT, 'nội dung dán quá dài (tối đa 500 000 ký tự)') });

/**
 * POST /api/plans/preview: a plan as a raw upload (`?filename=` names it) or as JSON `{ text }`,
 * read off the request path by the worker; answers `{ ok: true, data: PlanPreview }`. Creating
 * the meeting from the corrected preview is the ordinary POST /api/meetings.
 */
export function plansRouter(deps: { access: AccessService; reader: PlanReader }) {
  const router = Router();
  router.post(
    '/plans/preview',
    guard(deps.access, ['admin', 'mc']),
    uploadBody({ json: BODY_LIMITS.planText, raw: BODY_LIMITS.planFile }),
    async (req, res) => {
      if (req.is('application/json')) {
        const body = PastedPlan.safeParse(req.body);
        if (!body.success) return void sendFailure(res, invalidInput(body.error));
        return void res.json({ ok: true, data: await deps.reader.read({ kind: 'text', text: body.data.text }) });
      }
      const filename = typeof req.query.filename === 'string' ? req.query.filename.slice(0, 200) : 'ke-hoach';
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (bytes.length === 0) return void sendFailure(res, fail('invalid', 'Chưa có tệp: chọn tệp kế hoạch .docx, .pdf hoặc dán nội dung.'));
      res.json({ ok: true, data: await deps.reader.read({ kind: 'file', bytes: new Uint8Array(bytes), filename }) });
    },
  );
  // A file over the limit is refused before the route: say so in the plan's words.
  router.use('/plans', (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const { type, limit } = error as { type?: string; limit?: number };
    if (type !== 'entity.too.large' || limit !== BODY_LIMITS.planFile) return next(error);
    res.status(413).json(fail('invalid', `Tệp vượt quá giới hạn ${MAX_PLAN_BYTES / 1024 / 1024} MB. Hãy xoá hình ảnh trong văn bản hoặc lưu bản .docx/.pdf chỉ có chữ rồi tải lên lại.`));
  });
  return router;
}
