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
  fail,
  HeadcountUpdate,
  invalidInput,
  mayEmit,
  moderatesQuestions,
  MyQuestionsQuery,
  ok,
  PageQuery,
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
  ProblemAcknowledge,
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
import { attendanceRoom, audienceRoom, meetingRoom, moderationRoom, officeRoom, pagesRoom, publicQuestionsRoom, senderRoom, siteRoom } from './broadcaster';
import { type ConnectionLimits, type EventLimits, limitEvents } from './event-limits';
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
/** A client event's work for one connection, given its parsed input. */
type Work<S extends z.ZodType | null, T> = (socket: AppSocket, input: S extends z.ZodType ? z.output<S> : undefined) => Promise<Outcome<T>>;

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
    /** Connections open at once from one address on this node (0: no cap). */
    connectionsPerAddress: number;
    /** Each connection's message budgets; null: none. */
    eventLimits: EventLimits | null;
  },
) {
  const { access, meetings, sites, questions, video, clock, logger } = deps;

  // Open connections per address, counted on this node: a cap far above a school hall's share.
  const perAddress = new Map<string, number>();
  const released = (address: string) => {
    const left = (perAddress.get(address) ?? 1) - 1;
    if (left > 0) perAddress.set(address, left);
    else perAddress.delete(address);
  };

  // The handshake: socket.io does not await a middleware, so `admit` never throws (it answers `next`).
  const admit = async (socket: AppSocket, next: (error?: Error) => void) => {
    try {
      const address = clientAddress(socket.request, deps.trustProxy);
      if (deps.connectionsPerAddress > 0 && (perAddress.get(address) ?? 0) >= deps.connectionsPerAddress) {
        next(new HandshakeError('too_many_connections', { code: 'rate_limited', message: 'Quá nhiều kết nối từ cùng một địa chỉ mạng. Đóng bớt các trang đang mở rồi tải lại trang.' }));
        return;
      }
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
        address,
      };
      perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
      socket.once('disconnect', () => released(address));
      next();
    } catch (error) {
      logger.error({ err: error }, 'handshake failed');
      next(new HandshakeError('internal', { code: 'internal', message: INTERNAL }));
    }
  };
  io.use((socket, next) => void admit(socket, next));

  // One table of handlers, built once and shared by every connection; a connection adds one
  // entry point (a middleware, see `dispatchPackets`) instead of a listener per event.
  const mySite = (socket: AppSocket) => socket.data.siteId ?? '';
  const actorOf = (socket: AppSocket): QuestionActor => ({
    role: socket.data.role,
    siteId: socket.data.siteId,
    officeId: socket.data.officeId,
    address: socket.data.address,
    connectionKey: socket.id,
  });
  const handlers = new Map<string, (socket: AppSocket, args: unknown[]) => void>();
  const handle = <S extends z.ZodType | null, T>(event: EventName, schema: S, work: Work<S, T>) => {
    if (schema !== EVENT_INPUTS[event]) throw new Error(`"${event}" is registered with a schema other than EVENT_INPUTS["${event}"] (shared/src/inputs.ts)`);
    handlers.set(event, listener(event, schema, work));
  };

  for (const name of COMMAND_NAMES) {
    handle(name, Commands[name], async (socket, input) => {
      const { meetingId, role, siteId } = socket.data;
      const { ack, publish } = await meetings.execute(meetingId, name, input as never, { role, siteId });
      return { ack, publish };
    });
  }
  handle('meeting:sync', null, (socket) => meetings.snapshot(socket.data.meetingId, socket.data.role, socket.data.siteId, socket.data.officeId));
  handle('meeting:access', null, async (socket) => {
    const meeting = await meetings.load(socket.data.meetingId);
    return meeting ? ok(await access.meetingAccess(meeting)) : fail('not_found', 'Không tìm thấy hội nghị.');
  });
  handle('attendance:sync', PageQuery, (socket, input) => sites.page(socket.data.meetingId, input));

  handle('site:checkIn', CheckIn, (socket, input) => sites.checkIn(socket.data.meetingId, mySite(socket), input));
  handle('site:headcount', HeadcountUpdate, (socket, input) => sites.setHeadcount(socket.data.meetingId, mySite(socket), input.headcount));
  handle('site:readiness', ReadinessReport, (socket, input) => sites.setReadiness(socket.data.meetingId, mySite(socket), input.readiness, input.note));
  handle('rollCall:answer', RollCallAnswerInput, (socket, input) => sites.answerRollCall(socket.data.meetingId, mySite(socket), input.rollCallId, input.headcount));
  handle('presence:report', PresenceReport, async (socket, input) => {
    sites.reportRtt(socket.data.meetingId, mySite(socket), input.rttMs);
    return ok(null);
  });
  handle('rollCall:start', RollCallStart, (socket, input) => sites.startRollCall(socket.data.meetingId, input));
  handle('rollCall:close', RollCallClose, (socket, input) => sites.closeRollCall(socket.data.meetingId, input.rollCallId));
  handle('site:acknowledge', ProblemAcknowledge, (socket, input) => sites.acknowledgeProblem(socket.data.meetingId, input.siteId));

  handle('question:submit', QuestionSubmit, (socket, input) => questions.submit(socket.data.meetingId, actorOf(socket), input));
  handle('question:mine', MyQuestionsQuery, async (socket, input) => {
    const { meetingId } = socket.data;
    const { ack, room } = await questions.mine(meetingId, actorOf(socket), input.senderKey);
    if (room && 'keyHash' in room) await socket.join(senderRoom(meetingId, room.keyHash));
    return ack;
  });
  handle('question:vote', QuestionVote, (socket, input) => questions.vote(socket.data.meetingId, actorOf(socket), input));
  handle('questions:sync', PageQuery, (socket, input) => questions.page(socket.data.meetingId, socket.data.role, socket.data.officeId, input));
  handle('question:moderate', QuestionModerate, (socket, input) => questions.moderate(socket.data.meetingId, actorOf(socket), input));
  handle('question:edit', QuestionEdit, (socket, input) => questions.edit(socket.data.meetingId, actorOf(socket), input));
  handle('question:route', QuestionRoute, (socket, input) => questions.route(socket.data.meetingId, actorOf(socket), input));
  handle('question:answer', QuestionAnswer, (socket, input) => questions.answer(socket.data.meetingId, actorOf(socket), input));
  handle('question:merge', QuestionMerge, (socket, input) => questions.merge(socket.data.meetingId, actorOf(socket), input));
  handle('question:unmerge', QuestionUnmerge, (socket, input) => questions.unmerge(socket.data.meetingId, actorOf(socket), input));
  handle('question:pin', QuestionPin, (socket, input) => questions.pin(socket.data.meetingId, actorOf(socket), input));

  handle('video:token', null, (socket) => video.token(socket.data.meetingId, { role: socket.data.role, tokenId: socket.data.tokenId, siteId: socket.data.siteId }));
  handle('video:open', null, (socket) => video.openRoom(socket.data.meetingId));
  handle('video:mute', VideoMute, (socket, input) => video.mute(socket.data.meetingId, input.siteId, input.source));
  handle('video:muteAll', EVENT_INPUTS['video:muteAll'], (socket) => video.muteAll(socket.data.meetingId));
  handle('video:remove', VideoRemove, (socket, input) => video.remove(socket.data.meetingId, input.siteId));
  handle('video:report', VideoReport, async (socket, input) => video.report(socket.data.meetingId, mySite(socket), input));

  // The sample the client sends is not read: any message with a callback gets the time.
  handlers.set('clock:ping', (_socket, args) => {
    const ack = args.at(-1);
    if (typeof ack === 'function') ack(clock.now());
  });

  /**
   * The one path every event packet of a connection takes (socket.io runs middlewares for each
   * incoming event, in a `process.nextTick` where a throw would stop the process): the name must
   * be a known event (a client can send any string or number, or a reserved-looking one), the
   * handler runs guarded, and anything thrown fails this message only — answered `internal`
   * when there is an ack. The packet never reaches socket.io's emitter.
   */
  function dispatch(socket: AppSocket, packet: unknown[]): void {
    const ack = packet.at(-1);
    try {
      const event = packet[0];
      const handler = typeof event === 'string' ? handlers.get(event) : undefined;
      if (!handler) {
        if (typeof ack === 'function') ack(fail('invalid', `Sự kiện ${describeEvent(event)} không tồn tại.`, { reason: 'unknown_event' }));
        return;
      }
      handler(socket, packet.slice(1));
    } catch (error) {
      failed(socket, packet, ack, error);
    }
  }

  /** Whatever got past the handlers' own guards: logged, and the sender told when it can be. */
  function failed(socket: AppSocket, packet: unknown[], ack: unknown, error: unknown): void {
    try {
      logger.error({ err: error, event: describeEvent(packet[0]), meetingId: socket.data.meetingId }, 'event failed');
      if (typeof ack === 'function') ack(fail('internal', INTERNAL));
    } catch {
      // the log or the ack itself threw: nothing more to tell anyone
    }
  }

  /** Each connection's budgets (none without limits). */
  const limitsOf = new WeakMap<AppSocket, ConnectionLimits>();

  /**
   * Every event packet of every connection, guarded: one listener shared by all connections
   * (socket.io calls it with the socket as `this`, synchronously as the packet is read), so a
   * connection holds no closure of its own. Its budgets first, then the dispatch.
   */
  function onPacket(this: AppSocket, ...packet: unknown[]): void {
    try {
      const limits = limitsOf.get(this);
      if (limits && !limits.admit(this, packet, logger)) return;
      dispatch(this, packet);
    } catch (error) {
      failed(this, packet, packet.at(-1), error);
    }
  }

  /**
   * A connection's entry point: `onPacket` sees each packet first; the one middleware, shared,
   * never lets it on, so it never reaches socket.io's own emitter (where an event named
   * "error" or a number would throw in a `process.nextTick` and stop the process).
   */
  function dispatchPackets(socket: AppSocket): void {
    if (deps.eventLimits) limitsOf.set(socket, limitEvents(socket, deps.eventLimits, clock.now));
    socket.onAny(onPacket);
    socket.use(handled);
  }

  function siteDisconnected(this: AppSocket): void {
    const { meetingId, siteId } = this.data;
    if (siteId) void sites.disconnected(meetingId, siteId).catch((error: unknown) => logger.error({ err: error }, 'presence disconnect failed'));
  }

  io.on('connection', (socket) => {
    dispatchPackets(socket);
    const { meetingId, role, siteId, officeId } = socket.data;
    const rooms = [meetingRoom(meetingId), audienceRoom(meetingId, audienceOf(role))];
    if (role !== 'public') rooms.push(pagesRoom(meetingId));
    if (seesAttendance(role)) rooms.push(attendanceRoom(meetingId));
    if (siteId) rooms.push(siteRoom(meetingId, siteId));
    if (moderatesQuestions(role)) rooms.push(moderationRoom(meetingId));
    else if (officeId) rooms.push(officeRoom(meetingId, officeId));
    else if (role !== 'office') rooms.push(publicQuestionsRoom(meetingId));
    void socket.join(rooms);
    // A site's own row is sent once its connection is stored (a group commit, ms later), so the page holds the row's latest version.
    const present = siteId ? sites.connected(meetingId, siteId).catch((error: unknown) => logger.error({ err: error }, 'presence connect failed')) : null;
    void greet(socket, present);

    if (siteId) socket.on('disconnect', siteDisconnected);
  });

  /** The snapshots a new connection needs: the meeting, and the attendance its role sees (`present`: its site's connection being stored). */
  async function greet(socket: AppSocket, present: Promise<void> | null): Promise<void> {
    const { meetingId, role, siteId } = socket.data;
    try {
      const snapshot = await meetings.snapshot(meetingId, role, siteId, socket.data.officeId);
      if (!snapshot.ok) return void socket.disconnect(true);
      socket.emit('meeting:snapshot', snapshot.data);
      if (role !== 'public') socket.emit('video:state', video.stateOf(meetingId));
      if (seesAttendance(role)) socket.emit('attendance:snapshot', await sites.snapshot(meetingId));
      if (siteId) {
        await present;
        socket.emit('site:changed', await sites.siteSnapshot(meetingId, siteId));
      }
      const asked = await questions.snapshot(meetingId, role, socket.data.officeId);
      if (moderatesQuestions(role) || role === 'office') socket.emit('questions:snapshot', asked as QuestionsSnapshot);
      else socket.emit('publicQuestions:snapshot', asked as PublicQuestionsSnapshot);
    } catch (error) {
      logger.error({ err: error, meetingId }, 'snapshot failed');
      socket.disconnect(true);
    }
  }

  /**
   * The listener of one client event, shared by every connection (`this` is the socket): the
   * acknowledgement must be a function (else the message is ignored), the input must parse, the
   * role must be allowed; then the work runs, its ack is sent, and only then its broadcast.
   */
  function listener<S extends z.ZodType | null, T>(event: EventName, schema: S, work: Work<S, T>) {
    return function respond(socket: AppSocket, args: unknown[]): void {
      // The callback is the last argument whatever came before it: a message without its
      // payload is answered "invalid" instead of being left waiting.
      const ack = args.at(-1);
      if (typeof ack !== 'function') {
        logger.debug({ event }, 'event without acknowledgement callback ignored');
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
          const outcome = await work(socket, input as never);
          if ('publish' in outcome) {
            reply(outcome.ack);
            outcome.publish();
          } else reply(outcome);
        } catch (error) {
          failed(socket, [event], reply, error);
        }
      })();
    };
  }
}

/** The last middleware of every connection: the packet was handled by `onPacket`; it goes no further. */
function handled(): void {}

/** An event name as a client sent it, safe to log and to quote back (a string cut short, else its type). */
function describeEvent(event: unknown): string {
  return typeof event === 'string' ? JSON.stringify(event.slice(0, 60)) : `(${event === null ? 'null' : typeof event})`;
}
