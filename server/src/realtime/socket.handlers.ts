import {
  type Ack,
  audienceOf,
  CheckIn,
  type ClientToServerEvents,
  type PublicQuestionsSnapshot,
  type QuestionsSnapshot,
  COMMAND_NAMES,
  Commands,
  EVENT_INPUTS,
  EVENT_ROLES,
  fail,
  HeadcountUpdate,
  invalidInput,
  mayEmit,
  moderatesQuestions,
  MyQuestionsQuery,
  ok,
  PresenceReport,
  QuestionAnswer,
  QuestionEdit,
  QuestionMerge,
  QuestionModerate,
  QuestionPin,
  QuestionRoute,
  QuestionSubmit,
  QuestionUnmerge,
  QuestionVote,
  VideoMute,
  VideoRemove,
  VideoReport,
  ReadinessReport,
  RollCallAnswerInput,
  RollCallClose,
  RollCallStart,
  seesAttendance,
} from '@diemcau/shared';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AccessService } from '../access/access';
import type { Clock } from '../lib/clock';
import { clientAddress, type TrustProxy } from '../http/client-address';
import type { MeetingService } from '../meetings/meetings.service';
import type { QuestionActor, QuestionsService } from '../questions/questions.service';
import type { SitesService } from '../sites/sites.service';
import type { VideoService } from '../video/video.service';
import { attendanceRoom, audienceRoom, meetingRoom, moderationRoom, officeRoom, publicQuestionsRoom, senderRoom, siteRoom } from './broadcaster';
import type { AppServer, AppSocket } from './types';

const FORBIDDEN = 'Liên kết này không có quyền thực hiện thao tác này.';
const INTERNAL = 'Máy chủ gặp lỗi khi xử lý; thao tác chưa được lưu. Thử lại; nếu vẫn lỗi, tải lại trang.';

/** An error a connection attempt is refused with; the client reads `data.message`. */
class HandshakeError extends Error {
  constructor(
    message: string,
    readonly data: { code: string; message: string },
  ) {
    super(message);
  }
}

type EventName = keyof ClientToServerEvents;
/** What a handler produces: an ack, or an ack and what to broadcast once the sender has it. */
type Outcome<T> = Ack<T> | { ack: Ack<T>; publish: () => void };

/**
 * Socket glue: authenticates the handshake, joins the rooms of the connection's role, sends
 * the snapshots, and runs every client event through parse → authorise → work → ack → publish.
 */
export function registerSocketHandlers(
  io: AppServer,
  deps: {
    access: AccessService;
    meetings: MeetingService;
    sites: SitesService;
    questions: QuestionsService;
    video: VideoService;
    clock: Clock;
    logger: Logger;
    trustProxy: TrustProxy;
  },
) {
  const { access, meetings, sites, questions, video, clock, logger } = deps;

  io.use(async (socket, next) => {
    try {
      const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
      const principal = await access.resolve(auth.token);
      if (!principal) {
        next(new HandshakeError('unauthorized', { code: 'unauthorized', message: 'Liên kết không hợp lệ hoặc đã bị thu hồi. Xin liên kết mới từ Ban Tổ chức.' }));
        return;
      }
      const meetingId = principal.meetingId ?? (typeof auth.meetingId === 'string' ? auth.meetingId : null);
      if (!meetingId || !(await meetings.load(meetingId))) {
        next(new HandshakeError('not_found', { code: 'not_found', message: 'Không tìm thấy hội nghị của liên kết này (có thể đã bị xóa).' }));
        return;
      }
      socket.data = {
        meetingId,
        role: principal.role,
        tokenId: principal.tokenId,
        siteId: principal.siteId,
        officeId: principal.officeId,
        address: clientAddress(socket.request, deps.trustProxy),
      };
      next();
    } catch (error) {
      logger.error({ err: error }, 'handshake failed');
      next(new HandshakeError('internal', { code: 'internal', message: INTERNAL }));
    }
  });

  io.on('connection', (socket) => {
    const { meetingId, role, siteId, officeId } = socket.data;
    const rooms = [meetingRoom(meetingId), audienceRoom(meetingId, audienceOf(role))];
    if (seesAttendance(role)) rooms.push(attendanceRoom(meetingId));
    if (siteId) rooms.push(siteRoom(meetingId, siteId));
    if (moderatesQuestions(role)) rooms.push(moderationRoom(meetingId));
    else if (officeId) rooms.push(officeRoom(meetingId, officeId));
    else if (role !== 'office') rooms.push(publicQuestionsRoom(meetingId));
    void socket.join(rooms);
    void greet(socket);

    for (const name of COMMAND_NAMES) {
      handle(socket, name, Commands[name], async (input) => {
        const { ack, publish } = await meetings.execute(meetingId, name, input as never, { role, siteId });
        return { ack, publish };
      });
    }
    handle(socket, 'meeting:sync', null, () => meetings.snapshot(meetingId, role, siteId, officeId));
    handle(socket, 'meeting:access', null, async () => {
      const meeting = await meetings.load(meetingId);
      return meeting ? ok(await access.meetingAccess(meeting)) : fail('not_found', 'Không tìm thấy hội nghị.');
    });
    handle(socket, 'attendance:sync', null, async () => ok(await sites.snapshot(meetingId)));

    const mySite = () => siteId ?? '';
    handle(socket, 'site:checkIn', CheckIn, (input) => sites.checkIn(meetingId, mySite(), input));
    handle(socket, 'site:headcount', HeadcountUpdate, (input) => sites.setHeadcount(meetingId, mySite(), input.headcount));
    handle(socket, 'site:readiness', ReadinessReport, (input) => sites.setReadiness(meetingId, mySite(), input.readiness, input.note));
    handle(socket, 'rollCall:answer', RollCallAnswerInput, (input) => sites.answerRollCall(meetingId, mySite(), input.rollCallId, input.headcount));
    handle(socket, 'presence:report', PresenceReport, async (input) => {
      sites.reportRtt(meetingId, mySite(), input.rttMs);
      return ok(null);
    });
    handle(socket, 'rollCall:start', RollCallStart, (input) => sites.startRollCall(meetingId, input));
    handle(socket, 'rollCall:close', RollCallClose, (input) => sites.closeRollCall(meetingId, input.rollCallId));

    const actor: QuestionActor = { role, siteId, officeId, address: socket.data.address, connectionKey: socket.id };
    handle(socket, 'question:submit', QuestionSubmit, (input) => questions.submit(meetingId, actor, input));
    handle(socket, 'question:mine', MyQuestionsQuery, async (input) => {
      const { ack, room } = await questions.mine(meetingId, actor, input.senderKey);
      if (room && 'keyHash' in room) await socket.join(senderRoom(meetingId, room.keyHash));
      return ack;
    });
    handle(socket, 'question:vote', QuestionVote, (input) => questions.vote(meetingId, actor, input));
    handle(socket, 'questions:sync', null, async () => ok(await questions.snapshot(meetingId, role, officeId)));
    handle(socket, 'question:moderate', QuestionModerate, (input) => questions.moderate(meetingId, actor, input));
    handle(socket, 'question:edit', QuestionEdit, (input) => questions.edit(meetingId, actor, input));
    handle(socket, 'question:route', QuestionRoute, (input) => questions.route(meetingId, actor, input));
    handle(socket, 'question:answer', QuestionAnswer, (input) => questions.answer(meetingId, actor, input));
    handle(socket, 'question:merge', QuestionMerge, (input) => questions.merge(meetingId, actor, input));
    handle(socket, 'question:unmerge', QuestionUnmerge, (input) => questions.unmerge(meetingId, actor, input));
    handle(socket, 'question:pin', QuestionPin, (input) => questions.pin(meetingId, actor, input));

    handle(socket, 'video:token', null, () => video.token(meetingId, { role, tokenId: socket.data.tokenId, siteId }));
    handle(socket, 'video:open', null, () => video.openRoom(meetingId));
    handle(socket, 'video:mute', VideoMute, (input) => video.mute(meetingId, input.siteId, input.source));
    handle(socket, 'video:muteAll', EVENT_INPUTS['video:muteAll'], () => video.muteAll(meetingId));
    handle(socket, 'video:remove', VideoRemove, (input) => video.remove(meetingId, input.siteId));
    handle(socket, 'video:report', VideoReport, async (input) => video.report(meetingId, mySite(), input));

    // The sample the client sends is not read: any message with a callback gets the time.
    socket.on('clock:ping', (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack === 'function') ack(clock.now());
    });

    socket.onAny((event: string, ...args: unknown[]) => {
      if (event in EVENT_ROLES) return;
      const ack = args.at(-1);
      if (typeof ack === 'function') ack(fail('invalid', `Sự kiện "${event.slice(0, 60)}" không tồn tại.`, { reason: 'unknown_event' }));
    });

    if (siteId) {
      void sites.connected(meetingId, siteId).catch((error: unknown) => logger.error({ err: error }, 'presence connect failed'));
      socket.on('disconnect', () => {
        void sites.disconnected(meetingId, siteId).catch((error: unknown) => logger.error({ err: error }, 'presence disconnect failed'));
      });
    }
  });

  /** The snapshots a new connection needs: the meeting, and the attendance its role sees. */
  async function greet(socket: AppSocket): Promise<void> {
    const { meetingId, role, siteId } = socket.data;
    try {
      const snapshot = await meetings.snapshot(meetingId, role, siteId, socket.data.officeId);
      if (!snapshot.ok) return void socket.disconnect(true);
      socket.emit('meeting:snapshot', snapshot.data);
      socket.emit('video:state', video.stateOf(meetingId));
      if (seesAttendance(role)) socket.emit('attendance:snapshot', await sites.snapshot(meetingId));
      if (siteId) socket.emit('site:changed', await sites.siteSnapshot(meetingId, siteId));
      const asked = await questions.snapshot(meetingId, role, socket.data.officeId);
      if (moderatesQuestions(role) || role === 'office') socket.emit('questions:snapshot', asked as QuestionsSnapshot);
      else socket.emit('publicQuestions:snapshot', asked as PublicQuestionsSnapshot);
    } catch (error) {
      logger.error({ err: error, meetingId }, 'snapshot failed');
      socket.disconnect(true);
    }
  }

  /**
   * Registers one client event: the acknowledgement must be a function (else the message is
   * ignored), the input must parse, the role must be allowed; then the work runs, its ack is
   * sent, and only then its broadcast.
   */
  function handle<S extends z.ZodType | null, T>(
    socket: AppSocket,
    event: EventName,
    schema: S,
    work: (input: S extends z.ZodType ? z.output<S> : undefined) => Promise<Outcome<T>>,
  ): void {
    if (schema !== EVENT_INPUTS[event]) throw new Error(`"${event}" is registered with a schema other than EVENT_INPUTS["${event}"] (shared/src/inputs.ts)`);
    socket.on(event, (...args: unknown[]) => {
      // The callback is the last argument whatever came before it: a message without its
      // payload is answered "invalid" instead of being left waiting.
      const ack = args.at(-1);
      if (typeof ack !== 'function') {
        logger.warn({ event }, 'event without acknowledgement callback ignored');
        return;
      }
      const reply = ack as (res: Ack<T>) => void;
      let input: unknown;
      if (schema !== null) {
        const parsed = schema.safeParse(args.length > 1 ? args[0] : undefined);
        if (!parsed.success) return void reply(invalidInput(parsed.error));
        input = parsed.data;
      }
      if (!mayEmit(socket.data.role, event)) return void reply(fail('forbidden', FORBIDDEN, { reason: 'role' }));
      void (async () => {
        try {
          const outcome = await work(input as never);
          if ('publish' in outcome) {
            reply(outcome.ack);
            outcome.publish();
          } else reply(outcome);
        } catch (error) {
          logger.error({ err: error, event, meetingId: socket.data.meetingId }, 'event failed');
          reply(fail('internal', INTERNAL));
        }
      })();
    });
  }
}
