import { CreateMeeting, DuplicateMeeting, fail, Id, invalidInput, MeetingLinkReissue, MeetingListQuery, PinLogin } from '@diemcau/shared';
import { type Request, type Response, Router } from 'express';
import type { AccessService } from '../access/access';
import { BODY_LIMITS, jsonBody } from '../http/body';
import { guard, sendFailure } from '../http/http';
import type { LimiterFactory } from '../lib/rate-limit';
import type { MeetingService } from './meetings.service';
import type { MeetingsStore } from './meetings.store';

/**
 * HTTP routes for managing meetings (organiser) and for PIN login. Live commands go over
 * the socket; these are the rarer actions around a meeting.
 */
export function meetingsRouter(deps: {
  meetings: MeetingService;
  store: MeetingsStore;
  access: AccessService;
  now: () => number;
  limiters: LimiterFactory;
  /** Cuts the live connections of revoked tokens (a meeting's, or null: the organiser's). */
  revoked: (meetingId: string | null, tokenIds: readonly string[]) => Promise<void>;
}) {
  const { meetings, store, access } = deps;
  const router = Router();
  // Wrong PINs only are counted (a right one never is), so a hall of sites logging in from one
  // address, or a stranger knowing the code, cannot lock anyone out; see PIN_LIMITS.
  const wrongByAddressAndCode = deps.limiters('pin-address-code', PIN_LIMITS.perAddressAndCode, PIN_LIMITS.windowMs);
  const wrongByAddress = deps.limiters('pin-address', PIN_LIMITS.perAddress, PIN_LIMITS.windowMs);
  const wrongByCode = deps.limiters('pin-code', PIN_LIMITS.perCode, PIN_LIMITS.windowMs);

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

  router.post('/meetings', requireRole('admin'), jsonBody(BODY_LIMITS.meeting), async (req, res) => {
    const body = CreateMeeting.safeParse(req.body);
    if (!body.success) return void sendFailure(res, invalidInput(body.error));
    const created = await meetings.create(body.data);
    res.status(201).json({ ok: true, data: await access.meetingAccess(created) });
  });

  router.post('/meetings/:id/duplicate', requireRole('admin'), jsonBody(BODY_LIMITS.duplicate), async (req, res) => {
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

  /** A new MC (and MC PIN), projector or leadership link; pages open on the old one are disconnected. */
  router.post('/meetings/:id/access/reissue', guard(access, ['admin', 'mc'], { meetingParam: 'id' }), jsonBody(BODY_LIMITS.linkKind), async (req, res) => {
    const id = meetingId(req, res);
    if (!id) return;
    const body = MeetingLinkReissue.safeParse(req.body);
    if (!body.success) return void sendFailure(res, invalidInput(body.error));
    const meeting = await meetings.load(id);
    if (!meeting) return void sendFailure(res, fail('not_found', 'Không tìm thấy hội nghị.'));
    const revoked = await access.reissueMeetingLink(id, body.data.kind);
    await deps.revoked(id, revoked);
    res.json({ ok: true, data: await access.meetingAccess(meeting) });
  });

  /** A new organiser link; the old one stops working and its pages are disconnected. */
  router.post('/admin/reissue', requireRole('admin'), jsonBody(BODY_LIMITS.none), async (_req, res) => {
    const renewed = await access.reissueAdminToken();
    if (!renewed) return void sendFailure(res, fail('conflict', 'Mã quản trị được đặt bằng biến môi trường ADMIN_TOKEN: đổi giá trị đó rồi khởi động lại máy chủ.', { reason: 'env_token' }));
    if (renewed.revoked) await deps.revoked(null, [renewed.revoked]);
    res.json({ ok: true, data: { token: renewed.token } });
  });

  router.post('/pin', jsonBody(BODY_LIMITS.pin), async (req, res) => {
    const body = PinLogin.safeParse(req.body);
    if (!body.success) return void sendFailure(res, invalidInput(body.error));
    const address = req.ip ?? 'unknown';
    const { code, pin } = body.data;
    const pair = `${address}|${code}`;
    // Before the PIN is looked at: this address's wrong attempts on this code, on any code, and —
    // only for an address that already got this code wrong — the code's wrong attempts from everyone.
    const [mine, anyCode, everyone] = await Promise.all([wrongByAddressAndCode.peek(pair), wrongByAddress.peek(address), wrongByCode.peek(code)]);
    const waitMs = Math.max(mine.waitMs, anyCode.waitMs, mine.count > 0 ? everyone.waitMs : 0);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      res.set('Retry-After', String(seconds));
      return void sendFailure(res, fail('rate_limited', `Nhập sai quá nhiều lần từ địa chỉ này. Thử lại sau ${seconds} giây (các điểm cầu khác vẫn vào được).`));
    }
    const meeting = await store.getByCode(code);
    const login = meeting ? await access.pinLogin(meeting.id, pin) : null;
    if (!meeting || !login) {
      await Promise.all([wrongByAddressAndCode.take(pair), wrongByAddress.take(address), wrongByCode.take(code)]);
      return void sendFailure(res, fail('unauthorized', 'Mã hội nghị hoặc PIN không đúng. Kiểm tra lại với Ban Tổ chức.'));
    }
    res.json({ ok: true, data: { token: login.token, role: login.role, meetingId: meeting.id } });
  });

  return router;
}

/**
 * Wrong PIN attempts allowed per window before the next attempt waits for the window's end: per
 * address on one code, per address on any code, and per code from every address (checked only
 * for an address that already got that code wrong, so sites logging in right are never held
 * back by someone else's guesses). The sum of what this allows is in docs/security.md.
 */
export const PIN_LIMITS = { windowMs: 5 * 60_000, perAddressAndCode: 10, perAddress: 30, perCode: 60 };
