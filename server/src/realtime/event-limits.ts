import { fail } from '@diemcau/shared';
import type { Logger } from 'pino';
import { TokenBucket } from '../lib/token-bucket';
import type { AppSocket } from './types';

/** A budget: `perSecond` sustained (0: no limit), `burst` at once. */
export type Budget = { perSecond: number; burst: number };

/**
 * What one connection may cost. Commands and reads have separate budgets of work units (each
 * event costs its weight: a clock sample 1, a full re-sync more; a page re-syncing its clock
 * never starves its own commands); `replyBytes` is charged with the bytes each answer actually
 * takes on the wire, after it is encoded, and shared by every connection of one link (three
 * board tabs share one budget; the public link, shared by every phone, is per connection):
 * while it is spent, reads are refused until it refills. Over budget a message is answered
 * `rate_limited`; a connection refused `refusalsBeforeDisconnect` times within ten seconds is
 * closed.
 */
export type EventLimits = { commands: Budget; reads: Budget; replyBytes?: Budget; refusalsBeforeDisconnect: number };

/**
 * Far above what a page sends (the MC presses a few keys a second; a page takes five clock
 * samples a minute and re-syncs after a reconnect), far below what a script can: answers at
 * 128 KB/s after a 4 MB burst, so the attendance of a 3,000-site meeting (1.4 MB) can be
 * re-read by one link every ~11 s, not in a loop.
 */
export const DEFAULT_EVENT_LIMITS: EventLimits = {
  commands: { perSecond: 20, burst: 60 },
  reads: { perSecond: 10, burst: 30 },
  replyBytes: { perSecond: 128 * 1024, burst: 4 * 1024 * 1024 },
  refusalsBeforeDisconnect: 100,
};

/** Events that only read, and what each costs in work units (the database reads and the snapshot it builds). */
const READ_WEIGHTS = new Map<string, number>([
  ['clock:ping', 1],
  ['question:mine', 1],
  ['meeting:sync', 2],
  ['meeting:access', 3],
  ['questions:sync', 3],
  ['attendance:sync', 5],
]);

export const RATE_LIMITED = 'Thao tác gửi quá nhanh; thao tác này chưa được thực hiện. Chờ vài giây rồi thử lại.';
export const REPLIES_LIMITED = 'Đã tải quá nhiều dữ liệu trong thời gian ngắn; chờ vài giây rồi tải lại.';

/** Answer budgets shared by the connections of one link: the bucket and how many connections hold it. */
const shared = new Map<string, { bucket: TokenBucket; holders: number }>();

/** The answer budget of a socket: its link's, or its own for the public link (every phone shares that one). */
function replyBudget(socket: AppSocket, budget: Budget, now: () => number): { bucket: TokenBucket; release: () => void } {
  const key = socket.data.role === 'public' || !socket.data.tokenId ? `connection:${socket.id}` : `link:${socket.data.tokenId}`;
  let entry = shared.get(key);
  if (!entry) shared.set(key, (entry = { bucket: new TokenBucket(budget.burst, budget.perSecond, now), holders: 0 }));
  entry.holders++;
  const held = entry;
  return {
    bucket: held.bucket,
    release: () => {
      if (--held.holders === 0 && shared.get(key) === held) shared.delete(key);
    },
  };
}

/** Socket.IO's encoding of an acknowledgement (type 3; 6 with binary attachments), as engine.io is handed it. */
const isAck = (data: unknown) => typeof data === 'string' && (data.charCodeAt(0) === 0x33 || data.charCodeAt(0) === 0x36);

/** Puts a connection's messages through its budgets, before any handler parses them. */
export function limitEvents(socket: AppSocket, limits: EventLimits, now: () => number, logger: Logger): void {
  const bucket = (budget: Budget) => (budget.perSecond > 0 ? new TokenBucket(budget.burst, budget.perSecond, now) : null);
  const commands = bucket(limits.commands);
  const reads = bucket(limits.reads);
  const strikes = new TokenBucket(limits.refusalsBeforeDisconnect, limits.refusalsBeforeDisconnect / 10, now);
  const replies = limits.replyBytes && limits.replyBytes.perSecond > 0 ? replyBudget(socket, limits.replyBytes, now) : null;
  if (replies) {
    // Charged with what each answer takes once encoded: a 1.4 MB snapshot costs 1.4 MB, a clock sample a few bytes.
    socket.conn.on('packetCreate', (packet: { type: string; data?: unknown }) => {
      if (packet.type === 'message' && isAck(packet.data)) replies.bucket.charge((packet.data as string).length);
    });
    socket.once('disconnect', replies.release);
  }
  socket.use(([event, ...args], next) => {
    const weight = typeof event === 'string' ? READ_WEIGHTS.get(event) : undefined;
    const budget = weight === undefined ? commands : reads;
    const spent = budget !== null && !budget.take(weight ?? 1);
    const overReplies = !spent && weight !== undefined && replies !== null && !replies.bucket.available();
    if (!spent && !overReplies) return next();
    if (!strikes.take()) {
      logger.warn({ meetingId: socket.data.meetingId, role: socket.data.role, address: socket.data.address }, 'connection closed: sustained flood of messages');
      socket.disconnect(true);
      return;
    }
    const ack = args.at(-1);
    if (typeof ack === 'function') {
      ack(overReplies ? fail('rate_limited', REPLIES_LIMITED, { reason: 'reply_bytes' }) : fail('rate_limited', RATE_LIMITED, { reason: 'connection_rate' }));
    }
  });
}
