/**
 * A bench worker holding a share of the sites: one connection per site, each with its own
 * link. On the driver's signal every site checks in at its slot of the window and notes the
 * send → acknowledgement latency.
 */
import type { Socket } from 'socket.io-client';
import { nowMs } from '../lib/clock';
import { connectMany, serveDriver } from '../lib/connect';
import { CHECK_IN_EVENT, checkInOf, jsonBytes, type SiteCommand, type SiteReport } from '../lib/protocol';

type Ack = { ok: boolean; message?: string };

let sockets: (Socket | null)[] = [];
/** Global index of this worker's first site (its slot in the window, its headcount). */
let first = 0;
let lost = 0;
let closing = false;

const send = (report: SiteReport) => process.send?.(report);

async function connectAll(command: Extract<SiteCommand, { type: 'connect' }>): Promise<void> {
  first = command.first;
  const ramp = await connectMany({ ...command, count: command.tokens.length }, (i) => command.tokens[i] ?? '', (socket) => {
    socket.on('disconnect', () => {
      if (!closing) lost += 1;
    });
  });
  sockets = ramp.sockets;
  send({ type: 'connected', connected: ramp.connected, failed: ramp.failed, errors: ramp.errors, elapsedMs: ramp.elapsedMs });
}

function checkInAll(command: Extract<SiteCommand, { type: 'checkIn' }>): void {
  const latenciesMs: number[] = [];
  const ackBytes: number[] = [];
  const errors = new Map<string, number>();
  const fail = (reason: string) => errors.set(reason, (errors.get(reason) ?? 0) + 1);
  let firstSentAt = Number.POSITIVE_INFINITY;
  let lastAckAt = 0;
  let pending = sockets.length;
  const settle = () => {
    pending -= 1;
    if (pending > 0) return;
    if (lost > 0) fail(`${lost} sites disconnected`);
    const failed = sockets.length - latenciesMs.length;
    send({ type: 'checkedIn', latenciesMs, failed, errors: [...errors].map(([text, n]) => `${n}× ${text}`), firstSentAt, lastAckAt, ackBytes });
  };
  if (pending === 0) return settle();

  sockets.forEach((socket, i) => {
    const index = first + i;
    const at = command.startAt + (command.windowMs * index) / command.total;
    setTimeout(() => {
      if (!socket?.connected) {
        fail('not connected');
        return settle();
      }
      const sentAt = nowMs();
      firstSentAt = Math.min(firstSentAt, sentAt);
      socket
        .timeout(command.ackTimeoutMs)
        .emitWithAck(CHECK_IN_EVENT, checkInOf(index))
        .then(
          (ack: Ack) => {
            const ackedAt = nowMs();
            lastAckAt = Math.max(lastAckAt, ackedAt);
            if (!ack.ok) return void fail(`refused: ${ack.message ?? '?'}`);
            latenciesMs.push(ackedAt - sentAt);
            // Sizes of a sample are enough for the median the baseline copies.
            if (ackBytes.length < 200) ackBytes.push(jsonBytes(ack));
          },
          (error: Error) => fail(error.message.includes('timed out') ? `no acknowledgement within ${command.ackTimeoutMs} ms` : error.message),
        )
        .finally(settle);
    }, Math.max(0, at - nowMs()));
  });
}

serveDriver<SiteCommand>(
  (command) => {
    switch (command.type) {
      case 'connect':
        return void connectAll(command);
      case 'checkIn':
        return checkInAll(command);
      default:
        command satisfies never;
    }
  },
  () => {
    closing = true;
    for (const socket of sockets) socket?.close();
  },
);
