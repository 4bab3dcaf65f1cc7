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
/** The audience's links: this prefix and the page kind (bench/lib/page.ts); the greeting is padded per kind. */
export const AUDIENCE_TOKEN_PREFIX = 'audience:';
/** Env GREET_BYTES: JSON `{ kind: bytes }`, the size of diemcau's snapshot packet per page kind, which the baselines pad their own to. */
export type GreetBytes = Partial<Record<string, number>>;
export const greetBytesFromEnv = (): GreetBytes => (process.env.GREET_BYTES ? (JSON.parse(process.env.GREET_BYTES) as GreetBytes) : {});

/** A snapshot shaped like diemcau's (its revision), padded so its packet is `bytes` long. */
export const paddedSnapshot = (rev: number, bytes: number) =>
  padded(bytes, (pad) => ({ meetingId: 'baseline', rev, pad }), (snapshot) => packetBytes(READY_EVENT, snapshot));

/** What the page asks besides its commands, answered as a bare server would: the time, an empty list, ok. */
export const PAGE_ANSWERS: Record<string, () => unknown> = {
  'clock:ping': () => Date.now(),
  'presence:report': () => ({ ok: true, data: null }),
  'question:mine': () => ({ ok: true, data: [] }),
};

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

/** The listener answering one of the page's requests; built once per event, shared by every socket. */
const answers = new Map<string, (...args: unknown[]) => void>();
function answer(event: string): (...args: unknown[]) => void {
  let listener = answers.get(event);
  if (!listener) {
    const reply = PAGE_ANSWERS[event]!;
    listener = (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack === 'function') ack(reply());
    };
    answers.set(event, listener);
  }
  return listener;
}

function main(): void {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be set to the port to listen on');
  const httpServer = createServer((req, res) => {
    res.writeHead(req.url === '/healthz' ? 200 : 404, { 'Content-Type': 'text/plain' }).end(req.url === '/healthz' ? 'ok' : 'not found');
  });
  // diemcau's heartbeat (HEARTBEAT in server/src/app.ts): the server pings every 10 s.
  const io = new Server(httpServer, { serveClient: false, pingInterval: 10_000, pingTimeout: 10_000 });
  let ackBytes = 0;
  let rev = 0;
  const greetBytes = greetBytesFromEnv();
  const versions = new Map<string, number>();

  io.on('connection', (socket) => {
    const auth = (socket.handshake.auth ?? {}) as { token?: unknown };
    const token = typeof auth.token === 'string' ? auth.token : '';
    if (token === TRIGGER_TOKEN) {
      socket.on(BROADCAST_EVENT, (request: BroadcastRequest, ack: (res: { ok: true; data: { rev: number } }) => void) => {
        rev = request.rev;
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
      for (const event of Object.keys(PAGE_ANSWERS)) socket.on(event, answer(event));
    }
    // Same readiness signal as diemcau: the client counts as connected once it has this.
    const kind = token.startsWith(AUDIENCE_TOKEN_PREFIX) ? token.slice(AUDIENCE_TOKEN_PREFIX.length) : '';
    socket.emit(READY_EVENT, paddedSnapshot(rev, greetBytes[kind] ?? 0));
    if (token === BOARD_TOKEN) socket.emit(BOARD_SNAPSHOT_EVENT, { meetingId: 'baseline', sites: [] });
  });

  // The same listen backlog as diemcau (server/src/index.ts): a storm of pages is not refused by the kernel.
  httpServer.listen({ port, host: process.env.HOST ?? '127.0.0.1', backlog: 4_096 });
  const stop = () => void io.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Run as a process by the bench; imported by the driver only for its constants.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
