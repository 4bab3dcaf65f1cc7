import { fail } from '@diemcau/shared';
import type { Logger } from 'pino';
import { TokenBucket } from '../lib/token-bucket';
import type { AppServer, AppSocket } from './types';

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
 * 128 KB/s after a 2 MB burst, so the attendance of a 3,000-site meeting (1.4 MB) can be
 * re-read by one link every ~11 s, not in a loop.
 */
export const DEFAULT_EVENT_LIMITS: EventLimits = {
  commands: { perSecond: 20, burst: 60 },
  reads: { perSecond: 10, burst: 30 },
  replyBytes: { perSecond: 128 * 1024, burst: 2 * 1024 * 1024 },
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

/** Answer budgets shared by the connections of one link: the bucket, how many connections hold it, how long it takes to refill. */
const shared = new Map<string, { bucket: TokenBucket; holders: number; refillMs: number }>();
/** Each connection's answer budget, by its engine.io connection (what emits `packetCreate`). */
const repliesOf = new WeakMap<object, TokenBucket>();

const linkKey = (socket: AppSocket) => `link:${socket.data.tokenId}`;
/** The public link is shared by every phone: each connection has its own answer budget, held by nothing else. */
const ownReplyBudget = (socket: AppSocket) => socket.data.role === 'public' || !socket.data.tokenId;

/**
 * The answer budget of a socket: its link's (held until it disconnects, and kept after its last
 * connection until it has refilled, so closing every tab and reconnecting gives it no new one),
 * or its own for a phone of the public link: an eighth of the burst and a quarter of the rate
 * (its page re-syncs rarely).
 */
function replyBudget(socket: AppSocket, budget: Budget, now: () => number): TokenBucket {
  if (ownReplyBudget(socket)) return new TokenBucket(Math.max(64 * 1024, budget.burst / 8), budget.perSecond / 4, now);
  const key = linkKey(socket);
  let entry = shared.get(key);
  if (!entry) shared.set(key, (entry = { bucket: new TokenBucket(budget.burst, budget.perSecond, now), holders: 0, refillMs: Math.ceil((budget.burst / budget.perSecond) * 1000) }));
  entry.holders++;
  socket.once('disconnect', releaseLinkBudget);
  return entry.bucket;
}

/** A connection holding its link's answer budget left (one listener shared by every connection: `this` is the socket). */
function releaseLinkBudget(this: AppSocket): void {
  const key = linkKey(this);
  const entry = shared.get(key);
  if (!entry || --entry.holders > 0) return;
  // Forgotten once a full burst has refilled, on a timer that holds nothing open.
  setTimeout(forgetLinkBudget, entry.refillMs, key, entry).unref();
}

function forgetLinkBudget(key: string, entry: { holders: number }): void {
  if (entry.holders === 0 && shared.get(key) === entry) shared.delete(key);
}

/**
 * What a connection is charged for, as engine.io is handed it: acknowledgements (Socket.IO type
 * 3, or 6 with binary attachments) and the snapshots sent when it connects (`2["…:snapshot"`),
 * not the broadcasts every page of a meeting gets.
 */
const SNAPSHOT = /^2\["[a-zA-Z]+:snapshot"/;
const charged = (data: unknown): data is string =>
  typeof data === 'string' && (data.charCodeAt(0) === 0x33 || data.charCodeAt(0) === 0x36 || (data.charCodeAt(0) === 0x32 && SNAPSHOT.test(data.slice(0, 40))));

/**
 * Charges an answer with what it takes once encoded (a 1.4 MB snapshot costs 1.4 MB, a clock
 * sample a few bytes). One listener shared by every connection: `this` is its engine.io socket.
 */
function chargeReply(this: object, packet: { type: string; data?: unknown }): void {
  if (packet.type === 'message' && charged(packet.data)) repliesOf.get(this)?.charge(packet.data.length);
}

/** Longest a connection of a link whose answer budget is spent waits before it is let in. */
export const MAX_ADMISSION_WAIT_MS = 15_000;

/**
 * Lets a connection in once its link's answer budget is no longer spent: a link reconnecting in a
 * loop to be sent its snapshots again is slowed to what its budget refills, never locked out
 * (a page that reconnects after a dropped line has its budget and waits for nothing). Runs after
 * authentication (it needs the link).
 */
export function admitConnections(io: AppServer, limits: EventLimits): void {
  if (!limits.replyBytes || limits.replyBytes.perSecond <= 0) return;
  io.use((socket, next) => {
    const entry = ownReplyBudget(socket) ? undefined : shared.get(linkKey(socket));
    const waitMs = entry?.bucket.msUntilAvailable() ?? 0;
    if (waitMs === 0) return next();
    setTimeout(() => next(), Math.min(waitMs, MAX_ADMISSION_WAIT_MS));
  });
}

/**
 * One connection's budgets. Nothing here is a closure per connection; a bucket is made the first
 * time it is needed (a projector never sends a command; a bucket made then is the full one a
 * bucket made at connect would have refilled to), so a screen that only reads holds one.
 */
export class ConnectionLimits {
  private commands: TokenBucket | null = null;
  private reads: TokenBucket | null = null;
  private strikes: TokenBucket | null = null;

  constructor(
    private readonly limits: EventLimits,
    private readonly now: () => number,
    private readonly replies: TokenBucket | null,
  ) {}

  private bucket(budget: Budget): TokenBucket | null {
    return budget.perSecond > 0 ? new TokenBucket(budget.burst, budget.perSecond, this.now) : null;
  }

  /**
   * Whether the packet `[event, ...args]` may go on to its handler; when not, the refusal is
   * answered here (or, after too many, the connection closed).
   */
  admit(socket: AppSocket, packet: unknown[], logger: Logger): boolean {
    const event = packet[0];
    const weight = typeof event === 'string' ? READ_WEIGHTS.get(event) : undefined;
    const budget = weight === undefined ? (this.commands ??= this.bucket(this.limits.commands)) : (this.reads ??= this.bucket(this.limits.reads));
    const spent = budget !== null && !budget.take(weight ?? 1);
    const overReplies = !spent && weight !== undefined && this.replies !== null && !this.replies.available();
    if (!spent && !overReplies) return true;
    const { refusalsBeforeDisconnect } = this.limits;
    this.strikes ??= new TokenBucket(refusalsBeforeDisconnect, refusalsBeforeDisconnect / 10, this.now);
    if (!this.strikes.take()) {
      logger.warn({ meetingId: socket.data.meetingId, role: socket.data.role, address: socket.data.address }, 'connection closed: sustained flood of messages');
      socket.disconnect(true);
      return false;
    }
    const ack = packet.at(-1);
    if (typeof ack === 'function') {
      ack(overReplies ? fail('rate_limited', REPLIES_LIMITED, { reason: 'reply_bytes' }) : fail('rate_limited', RATE_LIMITED, { reason: 'connection_rate' }));
    }
    return false;
  }
}

/** A connection's budgets, before any handler parses its messages: `admit` each packet through them. */
export function limitEvents(socket: AppSocket, limits: EventLimits, now: () => number): ConnectionLimits {
  const replies = limits.replyBytes && limits.replyBytes.perSecond > 0 ? replyBudget(socket, limits.replyBytes, now) : null;
  if (replies) {
    repliesOf.set(socket.conn, replies);
    socket.conn.on('packetCreate', chargeReply);
  }
  return new ConnectionLimits(limits, now, replies);
}
