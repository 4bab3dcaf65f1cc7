import {
  type Ack,
  audienceOf,
  COMMAND_NAMES,
  type CommandName,
  Commands,
  fail,
  invalidInput,
  mayEmit,
  ok,
} from '@diemcau/shared';
import type { Logger } from 'pino';
import type { AccessService } from '../access/access';
import type { Clock } from '../lib/clock';
import type { MeetingService } from '../meetings/meetings.service';
import { audienceRoom, meetingRoom } from './broadcaster';
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

/**
 * Socket glue: authenticates the handshake, joins the meeting's rooms, sends the snapshot,
 * and runs every client event through parse → authorise → service → ack → publish.
 */
export function registerSocketHandlers(io: AppServer, deps: { access: AccessService; meetings: MeetingService; clock: Clock; logger: Logger }) {
  const { access, meetings, clock, logger } = deps;

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
      socket.data = { meetingId, role: principal.role, tokenId: principal.tokenId };
      next();
    } catch (error) {
      logger.error({ err: error }, 'handshake failed');
      next(new HandshakeError('internal', { code: 'internal', message: INTERNAL }));
    }
  });

  io.on('connection', (socket) => {
    const { meetingId, role } = socket.data;
    void socket.join([meetingRoom(meetingId), audienceRoom(meetingId, audienceOf(role))]);
    void sendSnapshot(socket);

    for (const name of COMMAND_NAMES) {
      socket.on(name, (input: unknown, ack: unknown) => void runCommand(socket, name, input, ack));
    }

    socket.on('meeting:sync', (ack: unknown) => {
      if (typeof ack !== 'function') return;
      void guarded(ack, () => meetings.snapshot(meetingId, role));
    });

    socket.on('meeting:access', (ack: unknown) => {
      if (typeof ack !== 'function') return;
      if (!mayEmit(role, 'meeting:access')) return void ack(fail('forbidden', FORBIDDEN));
      void guarded(ack, async () => {
        const meeting = await meetings.load(meetingId);
        return meeting ? ok(await access.meetingAccess(meeting)) : fail('not_found', 'Không tìm thấy hội nghị.');
      });
    });

    socket.on('clock:ping', (_clientSentAt: unknown, ack: unknown) => {
      if (typeof ack === 'function') ack(clock.now());
    });

    socket.onAny((event: string, ...args: unknown[]) => {
      if (event in Commands || event === 'meeting:sync' || event === 'meeting:access' || event === 'clock:ping') return;
      const ack = args.at(-1);
      if (typeof ack === 'function') ack(fail('invalid', `Sự kiện "${event.slice(0, 60)}" không tồn tại.`, { reason: 'unknown_event' }));
    });
  });

  async function sendSnapshot(socket: AppSocket): Promise<void> {
    const snapshot = await meetings.snapshot(socket.data.meetingId, socket.data.role);
    if (snapshot.ok) socket.emit('meeting:snapshot', snapshot.data);
    else socket.disconnect(true);
  }

  async function guarded<T>(ack: unknown, work: () => Promise<Ack<T>>): Promise<void> {
    const reply = ack as (res: Ack<T>) => void;
    try {
      reply(await work());
    } catch (error) {
      logger.error({ err: error }, 'request failed');
      reply(fail('internal', INTERNAL));
    }
  }

  async function runCommand(socket: AppSocket, name: CommandName, input: unknown, ack: unknown): Promise<void> {
    if (typeof ack !== 'function') {
      logger.warn({ event: name }, 'command without acknowledgement callback ignored');
      return;
    }
    const parsed = Commands[name].safeParse(input);
    if (!parsed.success) return void ack(invalidInput(parsed.error));
    if (!mayEmit(socket.data.role, name)) return void ack(fail('forbidden', FORBIDDEN, { reason: 'role' }));
    try {
      const { ack: result, publish } = await meetings.execute(socket.data.meetingId, name, parsed.data);
      ack(result);
      publish();
    } catch (error) {
      logger.error({ err: error, event: name, meetingId: socket.data.meetingId }, 'command failed');
      ack(fail('internal', INTERNAL));
    }
  }
}
