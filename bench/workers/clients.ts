/**
 * A bench worker: holds a share of the audience connections so that the server's event loop,
 * not the driver's, is what is measured. Notes when each connection receives each change.
 */
import type { Socket } from 'socket.io-client';
import { nowMs } from '../lib/clock';
import { connectMany, serveDriver } from '../lib/connect';
import { CHANGE_EVENT, type DriverMessage, packetBytes, type WorkerMessage } from '../lib/protocol';

type Change = { rev: number };
type Seen = { count: number; lastAt: number; bytes: number };

let sockets: (Socket | null)[] = [];
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

async function connectAll(message: Extract<DriverMessage, { type: 'connect' }>): Promise<void> {
  const ramp = await connectMany(message, () => message.token, (socket) => {
    socket.on(CHANGE_EVENT, onChange);
    socket.on('disconnect', () => {
      if (!closing) lost += 1;
    });
  });
  sockets = ramp.sockets;
  expected = ramp.connected;
  send({ type: 'connected', connected: ramp.connected, failed: ramp.failed, errors: ramp.errors, elapsedMs: ramp.elapsedMs });
}

serveDriver<DriverMessage>(
  (message) => {
    switch (message.type) {
      case 'connect':
        return void connectAll(message);
      case 'count':
        return void send({ type: 'count', rev: message.rev, received: seen.get(message.rev)?.count ?? 0, lost });
      default:
        message satisfies never;
    }
  },
  () => {
    closing = true;
    for (const socket of sockets) socket?.close();
  },
);
