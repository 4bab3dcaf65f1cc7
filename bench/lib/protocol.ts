/** IPC between the driver and a client worker process (bench/workers/clients.ts). */

export type DriverMessage =
  /** Open `count` connections, `batchSize` at a time, each waiting for its snapshot. */
  | { type: 'connect'; url: string; token: string; count: number; batchSize: number; timeoutMs: number }
  /** How many of this worker's connections have received `rev` so far (after a timeout). */
  | { type: 'count'; rev: number }
  | { type: 'close' };

export type WorkerMessage =
  | Connected
  /** Every connection of this worker received `rev`; `lastAt` is when the last one did. */
  | { type: 'received'; rev: number; lastAt: number; bytes: number }
  | { type: 'count'; rev: number; received: number; lost: number };

/** The event every scenario's clients time: diemcau's change broadcast, mimicked by the baseline server. */
export const CHANGE_EVENT = 'meeting:changed';
/** Sent once a connection has joined its rooms; clients count as connected only after it. */
export const READY_EVENT = 'meeting:snapshot';

/** UTF-8 size of the Socket.IO packet `42["event",payload]` that carries `payload` over the wire. */
export const packetBytes = (event: string, payload: unknown): number => Buffer.byteLength(`42${JSON.stringify([event, payload])}`);

/** UTF-8 size of a value as JSON (an acknowledgement's payload). */
export const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/** Each ramp-up's report, from either kind of worker. */
export type Connected = { type: 'connected'; connected: number; failed: number; errors: string[]; elapsedMs: number };

/** IPC between the driver and a site worker (bench/workers/sites.ts): one connection per site, each with its own link. */
export type SiteCommand =
  /** Open one connection per token, `batchSize` at a time; `first` is the global index of `tokens[0]`. */
  | { type: 'connect'; url: string; tokens: string[]; first: number; batchSize: number; timeoutMs: number }
  /** Site with global index g of `total` checks in at `startAt + windowMs * g / total` (wall-clock ms). */
  | { type: 'checkIn'; startAt: number; windowMs: number; total: number; ackTimeoutMs: number }
  | { type: 'close' };

export type SiteReport =
  | Connected
  /** Every check-in of this worker was acknowledged or failed: send → ack latencies of the accepted ones. */
  | { type: 'checkedIn'; latenciesMs: number[]; failed: number; errors: string[]; firstSentAt: number; lastAckAt: number; ackBytes: number[] };

/** The event a site checks in with (diemcau's, mimicked by the baseline server). */
export const CHECK_IN_EVENT = 'site:checkIn';
/** What the board hears of attendance: a snapshot once, then batches of changed rows. */
export const BOARD_SNAPSHOT_EVENT = 'attendance:snapshot';
export const BOARD_CHANGE_EVENT = 'attendance:changed';

/** Headcount site number `index` reports: varied, so the board's total proves every row arrived. */
export const headcountOf = (index: number): number => 5 + (index % 20);

/** The check-in form of site number `index`, as a site's page sends it. */
export const checkInOf = (index: number) => ({ representative: 'Nguyễn Văn A', representativeTitle: 'Trưởng phòng', headcount: headcountOf(index) });
