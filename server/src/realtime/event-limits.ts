import { fail } from '@diemcau/shared';
import type { Logger } from 'pino';
import { TokenBucket } from '../lib/token-bucket';
import type { AppSocket } from './types';

/** A budget: `perSecond` sustained (0: no limit), `burst` at once. */
export type Budget = { perSecond: number; burst: number };

/**
 * How many messages one connection may send: commands and reads have separate budgets (a
 * page re-syncing its clock never starves its own commands); over budget a message is
 * answered `rate_limited`; a connection refused `refusalsBeforeDisconnect` times within ten
 * seconds is closed.
 */
export type EventLimits = { commands: Budget; reads: Budget; refusalsBeforeDisconnect: number };

/**
 * Far above what a page sends (the MC presses a few keys a second; a page takes five clock
 * samples a minute), far below what a script can.
 */
export const DEFAULT_EVENT_LIMITS: EventLimits = { commands: { perSecond: 20, burst: 60 }, reads: { perSecond: 10, burst: 30 }, refusalsBeforeDisconnect: 100 };

/** Events that only read: clock samples and re-syncs. */
const READS = new Set(['clock:ping', 'meeting:sync', 'questions:sync', 'attendance:sync', 'question:mine']);

export const RATE_LIMITED = 'Thao tác gửi quá nhanh; thao tác này chưa được thực hiện. Chờ vài giây rồi thử lại.';

/** Puts a connection's messages through its budgets, before any handler parses them. */
export function limitEvents(socket: AppSocket, limits: EventLimits, now: () => number, logger: Logger): void {
  const bucket = (budget: Budget) => (budget.perSecond > 0 ? new TokenBucket(budget.burst, budget.perSecond, now) : null);
  const commands = bucket(limits.commands);
  const reads = bucket(limits.reads);
  const strikes = new TokenBucket(limits.refusalsBeforeDisconnect, limits.refusalsBeforeDisconnect / 10, now);
  socket.use(([event, ...args], next) => {
    const budget = READS.has(String(event)) ? reads : commands;
    if (!budget || budget.take()) return next();
    if (!strikes.take()) {
      logger.warn({ meetingId: socket.data.meetingId, role: socket.data.role, address: socket.data.address }, 'connection closed: sustained flood of messages');
      socket.disconnect(true);
      return;
    }
    const ack = args.at(-1);
    if (typeof ack === 'function') ack(fail('rate_limited', RATE_LIMITED, { reason: 'connection_rate' }));
  });
}
