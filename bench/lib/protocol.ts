/** IPC between the driver and a client worker process (bench/workers/clients.ts). */

export type DriverMessage =
  /** Open `count` connections, `batchSize` at a time, each waiting for its snapshot. */
  | { type: 'connect'; url: string; token: string; count: number; batchSize: number; timeoutMs: number }
  /** How many of this worker's connections have received `rev` so far (after a timeout). */
  | { type: 'count'; rev: number }
  | { type: 'close' };

export type WorkerMessage =
  | { type: 'connected'; connected: number; failed: number; errors: string[]; elapsedMs: number }
  /** Every connection of this worker received `rev`; `lastAt` is when the last one did. */
  | { type: 'received'; rev: number; lastAt: number; bytes: number }
  | { type: 'count'; rev: number; received: number; lost: number };

/** The event every scenario's clients time: diemcau's change broadcast, mimicked by the baseline server. */
export const CHANGE_EVENT = 'meeting:changed';
/** Sent once a connection has joined its rooms; clients count as connected only after it. */
export const READY_EVENT = 'meeting:snapshot';

/** UTF-8 size of the Socket.IO packet `42["event",payload]` that carries `payload` over the wire. */
export const packetBytes = (event: string, payload: unknown): number => Buffer.byteLength(`42${JSON.stringify([event, payload])}`);
