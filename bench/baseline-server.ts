/**
 * The bare baseline: a Socket.IO server with no application behind it. Audience clients join
 * one room; a trigger client asks it to broadcast a `meeting:changed` packet of a given byte
 * size to that room. What diemcau adds over this is what `npm run bench` reports.
 *
 * Env: PORT (required), HOST (default 127.0.0.1).
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { Server } from 'socket.io';
import { CHANGE_EVENT, packetBytes, READY_EVENT } from './lib/protocol';

/** Trigger request: broadcast a change with this revision, padded to `bytes` on the wire. */
export type BroadcastRequest = { rev: number; bytes: number };
export const BROADCAST_EVENT = 'bench:broadcast';
export const TRIGGER_TOKEN = 'bench-trigger';
const AUDIENCE_ROOM = 'audience';

/** A change payload shaped like diemcau's, padded so its packet is exactly `bytes` long (when it can be). */
export function paddedChange(rev: number, bytes: number): { meetingId: string; rev: number; patch: { pad: string } } {
  const empty = { meetingId: 'baseline', rev, patch: { pad: '' } };
  const missing = Math.max(0, bytes - packetBytes(CHANGE_EVENT, empty));
  return { ...empty, patch: { pad: 'x'.repeat(missing) } };
}

function main(): void {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be set to the port to listen on');
  const httpServer = createServer((req, res) => {
    res.writeHead(req.url === '/healthz' ? 200 : 404, { 'Content-Type': 'text/plain' }).end(req.url === '/healthz' ? 'ok' : 'not found');
  });
  const io = new Server(httpServer, { serveClient: false });

  io.on('connection', (socket) => {
    const auth = (socket.handshake.auth ?? {}) as { token?: unknown };
    if (auth.token === TRIGGER_TOKEN) {
      socket.on(BROADCAST_EVENT, (request: BroadcastRequest, ack: (res: { ok: true; data: { rev: number } }) => void) => {
        ack({ ok: true, data: { rev: request.rev } });
        io.to(AUDIENCE_ROOM).emit(CHANGE_EVENT, paddedChange(request.rev, request.bytes));
      });
    } else {
      void socket.join(AUDIENCE_ROOM);
    }
    // Same readiness signal as diemcau: the client counts as connected once it has this.
    socket.emit(READY_EVENT, { rev: 0 });
  });

  httpServer.listen(port, process.env.HOST ?? '127.0.0.1');
  const stop = () => io.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Run as a process by the bench; imported by the driver only for its constants.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
