import { CreateMeeting, DuplicateMeeting, fail, Id, invalidInput, MeetingListQuery, PinLogin } from '@diemcau/shared';
import { type Request, type Response, Router } from 'express';
import type { AccessService } from '../access/access';
import { guard, sendFailure } from '../http/http';
import type { LimiterFactory } from '../lib/rate-limit';
import type { MeetingService } from './meetings.service';
import type { MeetingsStore } from './meetings.store';

/**
 * HTTP routes for managing meetings (organiser) and for PIN login. Live commands go over
 * the socket; these are the rarer actions around a meeting.
 */
export function meetingsRouter(deps: { meetings: MeetingService; store: MeetingsStore; access: AccessService; now: () => number; limiters: LimiterFactory }) {
  const { meetings, store, access } = deps;
  const router = Router();
  const pinByAddress = deps.limiters('pin-address', 10, 60_000);
  const pinByCode = deps.limiters('pin-code', 20, 15 * 60_000);

  const requireRole = (...roles: Parameters<typeof guard>[1]) => guard(access, roles);

  const meetingId = (req: Request, res: Response): string | null => {
    const parsed = Id.safeParse(req.params.id);
    if (!parsed.success) {
      sendFailure(res, fail('invalid', 'Mã hội nghị trong đường dẫn không hợp lệ.'));
      return null;
    }
    return parsed.data;
  };

  router.get('/meetings', requireRole('admin'), async (req, res) => {
    const query = MeetingListQuery.safeParse(req.query);
    if (!query.success) return void sendFailure(res, invalidInput(query.error));
    res.json({ ok: true, data: await store.list(query.data.q, 200, query.data.status) });
  });

  router.post('/meetings', requireRole('admin'), async (req, res) => {
    const body = CreateMeeting.safeParse(req.body);
    if (!body.success) return void sendFailure(res, invalidInput(body.error));
    const created = await meetings.create(body.data);
    res.status(201).json({ ok: true, data: await access.meetingAccess(created) });
  });

  router.post('/meetings/:id/duplicate', requireRole('admin'), async (req, res) => {
    const id = meetingId(req, res);
    if (!id) return;
    const body = DuplicateMeeting.safeParse(req.body ?? {});
    if (!body.success) return void sendFailure(res, invalidInput(body.error));
    const copy = await meetings.duplicate(id, body.data);
    if (!copy) return void sendFailure(res, fail('not_found', 'Không tìm thấy hội nghị để nhân bản.'));
    res.status(201).json({ ok: true, data: await access.meetingAccess(copy) });
  });

  router.delete('/meetings/:id', requireRole('admin'), async (req, res) => {
    const id = meetingId(req, res);
    if (!id) return;
    if (!(await meetings.remove(id))) return void sendFailure(res, fail('not_found', 'Không tìm thấy hội nghị (có thể đã bị xóa).'));
    res.json({ ok: true, data: { id } });
  });

  router.get('/meetings/:id/access', requireRole('admin'), async (req, res) => {
    const id = meetingId(req, res);
    if (!id) return;
    const meeting = await meetings.load(id);
    if (!meeting) return void sendFailure(res, fail('not_found', 'Không tìm thấy hội nghị.'));
    res.json({ ok: true, data: await access.meetingAccess(meeting) });
  });

  router.post('/pin', async (req, res) => {
    const waitMs = await pinByAddress.take(req.ip ?? 'unknown');
    const body = PinLogin.safeParse(req.body);
    if (!body.success) return void sendFailure(res, invalidInput(body.error));
    const codeWaitMs = Math.max(waitMs, await pinByCode.take(body.data.code));
    if (codeWaitMs > 0) {
      res.set('Retry-After', String(Math.ceil(codeWaitMs / 1000)));
      return void sendFailure(res, fail('rate_limited', `Nhập sai quá nhiều lần. Thử lại sau ${Math.ceil(codeWaitMs / 1000)} giây.`));
    }
    const meeting = await store.getByCode(body.data.code);
    const login = meeting ? await access.pinLogin(meeting.id, body.data.pin) : null;
    if (!meeting || !login) return void sendFailure(res, fail('unauthorized', 'Mã hội nghị hoặc PIN không đúng. Kiểm tra lại với Ban Tổ chức.'));
    res.json({ ok: true, data: { token: login.token, role: login.role, meetingId: meeting.id } });
  });

  return router;
}
