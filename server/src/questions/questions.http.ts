import { fail, Id, invalidInput, MyQuestionsQuery, QuestionSubmit, QuestionVote } from '@diemcau/shared';
import { type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { AccessService } from '../access/access';
import { BODY_LIMITS, jsonBody } from '../http/body';
import { guard, principalOf, sendAck, sendBuilt, sendFailure, XLSX } from '../http/http';
import type { Sandbox } from '../sandbox/sandbox';
import type { DeviceKeys } from './device-keys';
import type { LimiterFactory } from '../lib/rate-limit';
import type { MeetingService } from '../meetings/meetings.service';
import type { Broadcaster } from '../realtime/broadcaster';
import type { QuestionActor, QuestionsService } from './questions.service';

const Reissue = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['public', 'moderator']) }),
  z.object({ kind: z.literal('office'), officeId: Id }),
]);

/** Reads of the public page per address per minute (a school hall shares one address). */
const PUBLIC_READS_PER_MINUTE = 1_200;

/**
 * Device keys issued per 10 minutes: per address (a school hall, or a mobile carrier's shared
 * address, gets one for each of 600 phones) and per meeting from everyone. A phone keeps its key;
 * one address minting keys to vote again is held to this many votes per question per 10 minutes.
 */
export const DEVICE_KEY_LIMITS = { windowMs: 10 * 60_000, perAddress: 600, perMeeting: 30_000 };

/**
 * The public page's plain HTTP path (no socket needed: slow phones, strict networks) under
 * `/api/public/:token`, and the organiser's routes: the questions links and the export.
 */
export function questionsRouter(deps: {
  questions: QuestionsService;
  meetings: MeetingService;
  access: AccessService;
  broadcaster: Broadcaster;
  sandbox: Sandbox;
  devices: DeviceKeys;
  now: () => number;
  limiters: LimiterFactory;
  publicReadsPerMinute?: number | undefined;
  deviceKeysPerAddress?: number | undefined;
}) {
  const { questions, meetings, access } = deps;
  const router = Router();
  const reads = deps.limiters('public-reads', deps.publicReadsPerMinute ?? PUBLIC_READS_PER_MINUTE, 60_000);
  const keysPerAddress = deps.deviceKeysPerAddress ?? DEVICE_KEY_LIMITS.perAddress;
  const keysByAddress = keysPerAddress > 0 ? deps.limiters('device-keys-address', keysPerAddress, DEVICE_KEY_LIMITS.windowMs) : null;
  const keysByMeeting = keysPerAddress > 0 ? deps.limiters('device-keys-meeting', DEVICE_KEY_LIMITS.perMeeting, DEVICE_KEY_LIMITS.windowMs) : null;

  /**
   * Admits a request on a public link (the token in the path) before its body is read: the
   * address's read budget, then a live public link of an existing meeting; sets `res.locals.meetingId`.
   */
  const publicLink = async (req: Request, res: Response, next: NextFunction) => {
    const waitMs = await reads.take(req.ip ?? '');
    if (waitMs > 0) return void sendFailure(res, fail('rate_limited', `Quá nhiều yêu cầu từ địa chỉ mạng này. Thử lại sau ${Math.ceil(waitMs / 1000)} giây.`));
    const principal = await access.resolve(req.params.token);
    if (!principal || principal.role !== 'public' || !principal.meetingId) {
      return void sendFailure(res, fail('not_found', 'Liên kết gửi câu hỏi không đúng hoặc đã được thay. Quét lại mã QR mới nhất của hội nghị.'));
    }
    if (!(await meetings.load(principal.meetingId))) return void sendFailure(res, fail('not_found', 'Không tìm thấy hội nghị của liên kết này (có thể đã bị xóa).'));
    res.locals.meetingId = principal.meetingId;
    next();
  };
  const meetingOfLink = (res: Response) => String(res.locals.meetingId);

  const publicActor = (req: Request): QuestionActor => ({ role: 'public', siteId: null, officeId: null, address: req.ip ?? '', connectionKey: `http:${req.ip ?? ''}` });

  router.get('/public/:token', publicLink, async (_req, res) => {
    sendAck(res, await questions.publicInfo(meetingOfLink(res)));
  });

  /** A device key for this phone (the page asks once and keeps it): limited per address and per meeting. */
  router.post('/public/:token/device', publicLink, jsonBody(BODY_LIMITS.none), async (req, res) => {
    const meetingId = meetingOfLink(res);
    const waitMs = Math.max((await keysByAddress?.take(req.ip ?? '')) ?? 0, (await keysByMeeting?.take(meetingId)) ?? 0);
    if (waitMs > 0) {
      res.set('Retry-After', String(Math.ceil(waitMs / 1000)));
      return void sendFailure(res, fail('rate_limited', `Quá nhiều thiết bị mới từ địa chỉ mạng này. Trang sẽ tự thử lại sau ${Math.ceil(waitMs / 1000)} giây; bạn vẫn xem được các câu hỏi.`, { reason: 'device_keys' }));
    }
    res.status(201).json({ ok: true, data: { deviceKey: await deps.devices.issue(meetingId) } });
  });

  router.post('/public/:token/questions', publicLink, jsonBody(BODY_LIMITS.question), async (req, res) => {
    const meetingId = meetingOfLink(res);
    const body = QuestionSubmit.safeParse(req.body);
    if (!body.success) return void sendFailure(res, invalidInput(body.error));
    const result = await questions.receive(meetingId, publicActor(req), body.data);
    // 201 for a new submission, 200 when the same client id was stored before (a retry).
    sendAck(res, result.ok ? { ok: true, data: result.data.question } : result, result.ok && result.data.created ? 201 : 200);
  });

  router.get('/public/:token/questions', publicLink, async (req, res) => {
    const meetingId = meetingOfLink(res);
    const query = MyQuestionsQuery.safeParse(req.query);
    if (!query.success) return void sendFailure(res, invalidInput(query.error));
    const visible = await questions.visible(meetingId);
    if (!query.data.senderKey) return void sendAck(res, { ok: true, data: { mine: [], visible } });
    const { ack } = await questions.mine(meetingId, publicActor(req), query.data.senderKey);
    sendAck(res, ack.ok ? { ok: true, data: { mine: ack.data, visible } } : ack);
  });

  router.post('/public/:token/questions/:questionId/vote', publicLink, jsonBody(BODY_LIMITS.vote), async (req, res) => {
    const meetingId = meetingOfLink(res);
    const body = QuestionVote.safeParse({ ...(typeof req.body === 'object' && req.body ? req.body : {}), questionId: req.params.questionId });
    if (!body.success) return void sendFailure(res, invalidInput(body.error));
    sendAck(res, await questions.vote(meetingId, publicActor(req), body.data));
  });

  const manage = guard(access, ['admin', 'mc'], { meetingParam: 'id' });

  const meetingOf = async (req: Request, res: Response) => {
    const meeting = await meetings.load(String(req.params.id));
    if (!meeting) sendFailure(res, fail('not_found', 'Không tìm thấy hội nghị (có thể đã bị xóa).'));
    return meeting;
  };

  router.get('/meetings/:id/questions/access', manage, async (req, res) => {
    const meeting = await meetingOf(req, res);
    if (meeting) res.json({ ok: true, data: await access.questionsAccess(meeting.id, meeting.state.questions.offices) });
  });

  router.post('/meetings/:id/questions/access/reissue', manage, jsonBody(BODY_LIMITS.linkKind), async (req, res) => {
    const meeting = await meetingOf(req, res);
    if (!meeting) return;
    const body = Reissue.safeParse(req.body);
    if (!body.success) return void sendFailure(res, invalidInput(body.error));
    if (body.data.kind === 'office' && !meeting.state.questions.offices.some((o) => o.id === (body.data as { officeId: string }).officeId)) {
      return void sendFailure(res, fail('not_found', 'Không có phòng, ban này trong thiết lập câu hỏi.'));
    }
    await access.reissueQuestionsLink(meeting.id, body.data);
    await deps.broadcaster.questionsLinkRevoked(meeting.id, body.data);
    res.json({ ok: true, data: await access.questionsAccess(meeting.id, meeting.state.questions.offices) });
  });

  /** Moderators export every question; an office inbox link only the questions routed to its office. */
  router.get('/meetings/:id/questions.xlsx', guard(access, ['admin', 'mc', 'moderator', 'office'], { meetingParam: 'id' }), async (req, res) => {
    const meeting = await meetingOf(req, res);
    if (!meeting) return;
    const { role, officeId } = principalOf(req);
    const all = await questions.all(meeting.id);
    const own = role === 'office' ? all.filter((q) => q.officeId !== null && q.officeId === officeId) : all;
    const built = await deps.sandbox.run('questions:xlsx', { meeting: meeting.state, questions: own, generatedAt: deps.now() }, { lane: meeting.id });
    const office = role === 'office' ? `-${meeting.state.questions.offices.find((o) => o.id === officeId)?.name ?? 'phong-ban'}` : '';
    sendBuilt(res, built, `cau-hoi-${meeting.code}${office}.xlsx`, XLSX);
  });

  return router;
}
