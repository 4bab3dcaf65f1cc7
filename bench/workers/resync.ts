/**
 * A bench worker holding a share of the sites of the `reconnect` scenario. Each socket behaves
 * as the site page's (client/src/realtime/socket.ts): Socket.IO's own reconnection with its
 * delays (`RECONNECTION` in shared), its clock sync, a manual reconnect when the server hung up on purpose (a graceful restart),
 * and on every snapshot the page's follow-up requests (its own questions, its presence).
 */
import { RECONNECTION } from '@diemcau/shared';
import { io, type Socket } from 'socket.io-client';
import { nowMs } from '../lib/clock';
import { serveDriver } from '../lib/connect';
import { mergeTallies } from '../lib/pool';
import { READY_EVENT, type ResyncCommand, type ResyncReport } from '../lib/protocol';

type Snapshot = { rev: number };

const CLOCK_SAMPLES = 5;

const sockets: Socket[] = [];
/** The revision an `expect` waits for (null: none armed); per socket, when it had it. */
let expected: number | null = null;
let snapshotAt: (number | null)[] = [];
let resynced = 0;
let stale = 0;
const connectErrors: string[] = [];
/** When each failed attempt failed (wall-clock ms): the driver tells those after the server answered again. */
const errorAt: number[] = [];

const send = (report: ResyncReport) => process.send?.(report);
const progress = (): ResyncReport => ({
  type: 'resynced',
  total: sockets.length,
  resynced,
  snapshotAt: snapshotAt.filter((t): t is number => t !== null),
  staleSnapshots: stale,
  connectErrors: mergeTallies(connectErrors),
  errorAt,
});

/** The page's clock sync on every connect (client/src/realtime/clock.ts): five round trips, one after the other. */
async function syncClock(socket: Socket): Promise<void> {
  for (let i = 0; i < CLOCK_SAMPLES; i += 1) await socket.timeout(10_000).emitWithAck('clock:ping', Date.now());
  socket.timeout(10_000).emit('presence:report', { rttMs: 20 }, () => undefined);
}

function onSnapshot(index: number, socket: Socket, snapshot: Snapshot): void {
  // What the page asks on every snapshot.
  socket.timeout(10_000).emit('question:mine', {}, () => undefined);
  socket.timeout(10_000).emit('presence:report', { rttMs: 20 }, () => undefined);
  if (expected === null || snapshotAt[index] !== null) return;
  if (snapshot.rev < expected) return void (stale += 1);
  snapshotAt[index] = nowMs();
  resynced += 1;
  if (resynced === sockets.length) send(progress());
}

async function connectAll(command: Extract<ResyncCommand, { type: 'connect' }>): Promise<void> {
  const started = nowMs();
  const errors = new Map<string, number>();
  let connected = 0;
  for (let offset = 0; offset < command.tokens.length; offset += command.batchSize) {
    const batch = command.tokens.slice(offset, offset + command.batchSize);
    await Promise.all(
      batch.map((token, j) => {
        const index = offset + j;
        // The page's reconnection delays; WebSocket only, as the other workers.
        const socket = io(command.url, { auth: { token }, forceNew: true, transports: ['websocket'], timeout: command.timeoutMs, ...RECONNECTION });
        socket.on('connect', () => void syncClock(socket).catch(() => undefined));
        sockets[index] = socket;
        snapshotAt[index] = null;
        socket.on(READY_EVENT, (snapshot: Snapshot) => onSnapshot(index, socket, snapshot));
        socket.on('disconnect', (reason) => {
          if (reason === 'io server disconnect') socket.connect();
        });
        socket.on('connect_error', (error) => {
          if (expected === null) return;
          connectErrors.push(`1× ${error.message}`);
          errorAt.push(nowMs());
        });
        return new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            errors.set(`no ${READY_EVENT} within ${command.timeoutMs} ms`, (errors.get(`no ${READY_EVENT} within ${command.timeoutMs} ms`) ?? 0) + 1);
            resolve();
          }, command.timeoutMs);
          socket.once(READY_EVENT, () => {
            clearTimeout(timer);
            connected += 1;
            resolve();
          });
        });
      }),
    );
  }
  send({ type: 'connected', connected, failed: command.tokens.length - connected, errors: [...errors].map(([text, n]) => `${n}× ${text}`), elapsedMs: nowMs() - started });
}

serveDriver<ResyncCommand>(
  (command) => {
    switch (command.type) {
      case 'connect':
        return void connectAll(command);
      case 'expect':
        expected = command.rev;
        snapshotAt = sockets.map(() => null);
        resynced = 0;
        stale = 0;
        connectErrors.length = 0;
        errorAt.length = 0;
        return;
      case 'count':
        return send(progress());
      default:
        command satisfies never;
    }
  },
  () => {
    for (const socket of sockets) socket.close();
  },
);
