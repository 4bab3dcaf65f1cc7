/** Opening many client connections from inside a worker process, in batches. */
import { io, type Socket } from 'socket.io-client';
import { nowMs } from './clock';
import { READY_EVENT } from './protocol';

const describe = (error: Error & { description?: unknown }): string => {
  const cause = error.description instanceof Error ? error.description.message : (error.description ?? '');
  return `${error.message}${cause ? `: ${String(cause)}` : ''}`;
};

/**
 * Opens one connection with `listen`'s listeners attached before it connects (what the server
 * sends right after its snapshot can arrive in the same turn); resolves null once it has the
 * server's ready event, or the reason it failed (the socket is then closed).
 */
export function connectOne(url: string, token: string, timeoutMs: number, listen: (socket: Socket) => void): Promise<{ socket: Socket; failure: string | null }> {
  return new Promise((resolve) => {
    // forceNew: one TCP connection per client, as N browsers would open (no multiplexing).
    const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false, timeout: timeoutMs });
    const timer = setTimeout(() => finish(`no ${READY_EVENT} within ${timeoutMs} ms`), timeoutMs);
    const finish = (failure: string | null) => {
      clearTimeout(timer);
      if (failure) socket.close();
      resolve({ socket, failure });
    };
    socket.once(READY_EVENT, () => finish(null));
    socket.once('connect_error', (error) => finish(describe(error)));
    listen(socket);
  });
}

export type Ramp = { sockets: (Socket | null)[]; connected: number; failed: number; errors: string[]; elapsedMs: number };

/** Opens `count` connections `batchSize` at a time (connection i with `tokenOf(i)`); `sockets[i]` is null where it failed. */
export async function connectMany(
  input: { url: string; count: number; batchSize: number; timeoutMs: number },
  tokenOf: (index: number) => string,
  listen: (socket: Socket, index: number) => void,
): Promise<Ramp> {
  const started = nowMs();
  const errors = new Map<string, number>();
  const sockets: (Socket | null)[] = [];
  for (let offset = 0; offset < input.count; offset += input.batchSize) {
    const size = Math.min(input.batchSize, input.count - offset);
    const results = await Promise.all(
      Array.from({ length: size }, (_, j) => connectOne(input.url, tokenOf(offset + j), input.timeoutMs, (socket) => listen(socket, offset + j))),
    );
    for (const { socket, failure } of results) {
      sockets.push(failure === null ? socket : null);
      if (failure !== null) errors.set(failure, (errors.get(failure) ?? 0) + 1);
    }
  }
  const connected = sockets.filter(Boolean).length;
  return { sockets, connected, failed: input.count - connected, errors: [...errors].map(([text, n]) => `${n}× ${text}`), elapsedMs: nowMs() - started };
}

/**
 * A worker's IPC loop: every driver command but `close` goes to `handle`; `close` runs
 * `close` (closing the sockets) and lets the worker end. A worker whose driver is gone
 * (crashed or killed) exits: nothing is left to report to.
 */
export function serveDriver<C extends { type: string }>(handle: (command: Exclude<C, { type: 'close' }>) => void, close: () => void): void {
  process.on('message', (command: C) => {
    if (command.type !== 'close') return handle(command as Exclude<C, { type: 'close' }>);
    close();
    process.disconnect();
  });
  process.on('disconnect', () => process.exit(0));
}
