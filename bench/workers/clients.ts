/**
 * A bench worker: holds a share of the audience connections so that the server's event loop,
 * not the driver's, is what is measured. Notes when each connection receives each change.
 */
import { io, type Socket } from 'socket.io-client';
import { nowMs } from '../lib/clock';
import { CHANGE_EVENT, type DriverMessage, packetBytes, READY_EVENT, type WorkerMessage } from '../lib/protocol';

type Change = { rev: number };
type Seen = { count: number; lastAt: number; bytes: number };

const sockets: Socket[] = [];
const seen = new Map<number, Seen>();
let expected = 0;
let lost = 0;
let closing = false;

const send = (message: WorkerMessage) => process.send?.(message);

function onChange(change: Change): void {
  const at = nowMs();
  let entry = seen.get(change.rev);
  if (!entry) {
    entry = { count: 0, lastAt: 0, bytes: packetBytes(CHANGE_EVENT, change) };
    seen.set(change.rev, entry);
  }
  entry.count += 1;
  entry.lastAt = at;
  if (entry.count === expected) send({ type: 'received', rev: change.rev, lastAt: at, bytes: entry.bytes });
}

const describe = (error: Error & { description?: unknown }): string => {
  const cause = error.description instanceof Error ? error.description.message : (error.description ?? '');
  return `${error.message}${cause ? `: ${String(cause)}` : ''}`;
};

/** Opens one connection; resolves null once it is ready, or the reason it failed. */
function connectOne(url: string, token: string, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    // forceNew: one TCP connection per client, as N browsers would open (no multiplexing).
    const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false, timeout: timeoutMs });
    const timer = setTimeout(() => finish(`no ${READY_EVENT} within ${timeoutMs} ms`), timeoutMs);
    const finish = (failure: string | null) => {
      clearTimeout(timer);
      if (failure) socket.close();
      resolve(failure);
    };
    socket.once(READY_EVENT, () => finish(null));
    socket.once('connect_error', (error) => finish(describe(error)));
    socket.on(CHANGE_EVENT, onChange);
    socket.on('disconnect', () => {
      if (!closing) lost += 1;
    });
    sockets.push(socket);
  });
}

async function connectAll(message: Extract<DriverMessage, { type: 'connect' }>): Promise<void> {
  const started = nowMs();
  const errors = new Map<string, number>();
  let connected = 0;
  for (let offset = 0; offset < message.count; offset += message.batchSize) {
    const size = Math.min(message.batchSize, message.count - offset);
    const results = await Promise.all(Array.from({ length: size }, () => connectOne(message.url, message.token, message.timeoutMs)));
    for (const failure of results) {
      if (failure === null) connected += 1;
      else errors.set(failure, (errors.get(failure) ?? 0) + 1);
    }
  }
  expected = connected;
  const failed = message.count - connected;
  send({ type: 'connected', connected, failed, errors: [...errors].map(([text, n]) => `${n}× ${text}`), elapsedMs: nowMs() - started });
}

process.on('message', (message: DriverMessage) => {
  switch (message.type) {
    case 'connect':
      void connectAll(message);
      return;
    case 'count':
      send({ type: 'count', rev: message.rev, received: seen.get(message.rev)?.count ?? 0, lost });
      return;
    case 'close':
      closing = true;
      for (const socket of sockets) socket.close();
      process.disconnect();
      return;
    default:
      message satisfies never;
  }
});

// The driver is gone (crashed or killed): nothing left to report to.
process.on('disconnect', () => process.exit(0));
