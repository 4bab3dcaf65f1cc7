/**
 * The bare baseline: a Socket.IO server with no application behind it. Audience clients join
 * one room; a trigger client asks it to broadcast a `meeting:changed` packet of a given byte
 * size to that room. Sites (`checkin`) check in and are acknowledged at once with a row of a
 * configured byte size, which is also forwarded as it is to the board: no storage, no
 * presence, no coalescing. What diemcau adds over this is what `npm run bench` reports.
 *
 * Env: PORT (required), HOST (default 127.0.0.1).
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { Server } from 'socket.io';
import { BOARD_CHANGE_EVENT, BOARD_SNAPSHOT_EVENT, CHANGE_EVENT, CHECK_IN_EVENT, jsonBytes, packetBytes, READY_EVENT } from './lib/protocol';

/** Trigger request: broadcast a change with this revision, padded to `bytes` on the wire. */
export type BroadcastRequest = { rev: number; bytes: number };
export const BROADCAST_EVENT = 'bench:broadcast';
export const TRIGGER_TOKEN = 'bench-trigger';
const AUDIENCE_ROOM = 'audience';

/** Sent by the trigger before a check-in storm: acknowledge each check-in with `ackBytes` of JSON. */
export type ConfigureRequest = { ackBytes: number };
export const CONFIGURE_EVENT = 'bench:configure';
/** A site's link is this prefix and the site's id; the board's link is BOARD_TOKEN. */
export const SITE_TOKEN_PREFIX = 'bench-site:';
export const BOARD_TOKEN = 'bench-board';
const BOARD_ROOM = 'board';

/** `make('')`, padded with 'x' so that `size` of it is exactly `bytes` (when it can be). */
function padded<T>(bytes: number, make: (pad: string) => T, size: (value: T) => number): T {
  return make('x'.repeat(Math.max(0, bytes - size(make('')))));
}

/** A change payload shaped like diemcau's, padded so its packet is exactly `bytes` long (when it can be). */
export const paddedChange = (rev: number, bytes: number) =>
  padded(bytes, (pad) => ({ meetingId: 'baseline', rev, patch: { pad } }), (change) => packetBytes(CHANGE_EVENT, change));

/** A site row as the board reads it, padded so that its acknowledgement `{ok, data: row}` is `bytes` of JSON. */
const paddedRow = (id: string, version: number, headcount: number, bytes: number) =>
  padded(bytes, (pad) => ({ id, meetingId: 'baseline', version, checkedInAt: Date.now(), headcount, pad }), (row) => jsonBytes({ ok: true, data: row }));

function main(): void {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be set to the port to listen on');
  const httpServer = createServer((req, res) => {
    res.writeHead(req.url === '/healthz' ? 200 : 404, { 'Content-Type': 'text/plain' }).end(req.url === '/healthz' ? 'ok' : 'not found');
  });
  const io = new Server(httpServer, { serveClient: false });
  let ackBytes = 0;
  const versions = new Map<string, number>();

  io.on('connection', (socket) => {
    const auth = (socket.handshake.auth ?? {}) as { token?: unknown };
    const token = typeof auth.token === 'string' ? auth.token : '';
    if (token === TRIGGER_TOKEN) {
      socket.on(BROADCAST_EVENT, (request: BroadcastRequest, ack: (res: { ok: true; data: { rev: number } }) => void) => {
        ack({ ok: true, data: { rev: request.rev } });
        io.to(AUDIENCE_ROOM).emit(CHANGE_EVENT, paddedChange(request.rev, request.bytes));
      });
      socket.on(CONFIGURE_EVENT, (request: ConfigureRequest, ack: (res: { ok: true; data: null }) => void) => {
        ackBytes = request.ackBytes;
        ack({ ok: true, data: null });
      });
    } else if (token === BOARD_TOKEN) {
      void socket.join(BOARD_ROOM);
    } else if (token.startsWith(SITE_TOKEN_PREFIX)) {
      const siteId = token.slice(SITE_TOKEN_PREFIX.length);
      socket.on(CHECK_IN_EVENT, (input: { headcount: number }, ack: (res: { ok: true; data: unknown }) => void) => {
        const version = (versions.get(siteId) ?? 0) + 1;
        versions.set(siteId, version);
        const row = paddedRow(siteId, version, input.headcount, ackBytes);
        ack({ ok: true, data: row });
        io.to(BOARD_ROOM).emit(BOARD_CHANGE_EVENT, { meetingId: 'baseline', sites: [row], removed: [] });
      });
    } else {
      void socket.join(AUDIENCE_ROOM);
    }
    // Same readiness signal as diemcau: the client counts as connected once it has this.
    socket.emit(READY_EVENT, { rev: 0 });
    if (token === BOARD_TOKEN) socket.emit(BOARD_SNAPSHOT_EVENT, { meetingId: 'baseline', sites: [] });
  });

  httpServer.listen(port, process.env.HOST ?? '127.0.0.1');
  const stop = () => io.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Run as a process by the bench; imported by the driver only for its constants.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
