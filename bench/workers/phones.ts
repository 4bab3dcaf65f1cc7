/**
 * A bench worker holding a share of the public phones: each a connection with the meeting's
 * public link and its own device key. On the driver's signal the phones submit questions for
 * the warm-up and the measured window, closed loop (each sends its next question once the
 * last is acknowledged) or open loop (a fixed rate, acknowledged or not), and note each
 * send → acknowledgement latency and the server id of every acknowledged question.
 */
import type { Socket } from 'socket.io-client';
import { nowMs, sleep } from '../lib/clock';
import { connectMany, serveDriver } from '../lib/connect';
import { jsonBytes, type PhoneCommand, type PhoneReport, QUESTION_SUBMIT_EVENT, questionOf } from '../lib/protocol';

type Ack = { ok: true; data: { id: string; clientId: string } } | { ok: false; message?: string };

/** Open loop: how often the worker checks which submissions are due. */
const TICK_MS = 5;
/** Closed loop: phones start spread over this much of the warm-up, not all in the same millisecond. */
const START_SPREAD_MS = 200;

let sockets: (Socket | null)[] = [];
/** Each phone's device key, issued by the server as the public page asks for it. */
let deviceKeys: (string | null)[] = [];
/** Global index of this worker's first phone (its client ids and device keys). */
let first = 0;

const send = (report: PhoneReport) => process.send?.(report);

async function connectAll(command: Extract<PhoneCommand, { type: 'connect' }>): Promise<void> {
  first = command.first;
  // A phone whose connection drops shows as its submissions failing ("not connected", "socket has been disconnected").
  const ramp = await connectMany(command, () => command.token, () => undefined);
  sockets = ramp.sockets;
  deviceKeys = [];
  for (let i = 0; i < command.count; i += command.batchSize) {
    const batch = Array.from({ length: Math.min(command.batchSize, command.count - i) }, () =>
      fetch(`${command.url}/api/public/${command.token}/device`, { method: 'POST' })
        .then(async (res) => ((await res.json()) as { data?: { deviceKey: string } }).data?.deviceKey ?? null)
        .catch(() => null),
    );
    deviceKeys.push(...(await Promise.all(batch)));
  }
  send({ type: 'connected', connected: ramp.connected, failed: ramp.failed, errors: ramp.errors, elapsedMs: ramp.elapsedMs });
}

async function submitAll(command: Extract<PhoneCommand, { type: 'submit' }>): Promise<void> {
  const windowStart = command.startAt + command.warmupMs;
  const endAt = windowStart + command.durationMs;
  const ackedIds: string[] = [];
  const latenciesMs: number[] = [];
  const errors = new Map<string, number>();
  const fail = (reason: string) => errors.set(reason, (errors.get(reason) ?? 0) + 1);
  let sent = 0;
  let failed = 0;
  let ackedInWindow = 0;
  let lastAckAt = 0;
  let ackBytes = 0;
  const seqs = sockets.map(() => 0);

  /** One submission from phone `i` of this worker; settles once acknowledged or failed. */
  const submitOne = async (i: number): Promise<void> => {
    const socket = sockets[i];
    const phone = first + i;
    const seq = seqs[i]!;
    seqs[i] = seq + 1;
    sent += 1;
    if (!socket?.connected) {
      failed += 1;
      return void fail('not connected');
    }
    // Its device key: the same for all its submissions, as the public page keeps it.
    const senderKey = deviceKeys[i];
    if (!senderKey) {
      failed += 1;
      return void fail('no device key');
    }
    const clientId = `${command.tag}_${String(phone).padStart(6, '0')}_${seq}`;
    const sentAt = nowMs();
    try {
      const ack = (await socket.timeout(command.ackTimeoutMs).emitWithAck(QUESTION_SUBMIT_EVENT, { clientId, senderKey, text: questionOf(phone, seq) })) as Ack;
      const ackedAt = nowMs();
      if (!ack.ok) {
        failed += 1;
        return void fail(`refused: ${ack.message ?? '?'}`);
      }
      if (ack.data.clientId !== clientId) {
        failed += 1;
        return void fail('acknowledged with another client id');
      }
      ackedIds.push(ack.data.id);
      lastAckAt = Math.max(lastAckAt, ackedAt);
      if (ackBytes === 0) ackBytes = jsonBytes(ack);
      if (sentAt >= windowStart && sentAt < endAt) latenciesMs.push(ackedAt - sentAt);
      if (ackedAt >= windowStart && ackedAt < endAt) ackedInWindow += 1;
    } catch (error) {
      failed += 1;
      const message = error instanceof Error ? error.message : String(error);
      fail(message.includes('timed out') ? `no acknowledgement within ${command.ackTimeoutMs} ms` : message);
    }
  };

  if (command.rate > 0) {
    // Open loop: submission k of this worker is due at startAt + k / rate, whatever is still unacknowledged.
    const inFlight = new Set<Promise<void>>();
    let next = 0;
    await sleep(Math.max(0, command.startAt - nowMs()));
    while (nowMs() < endAt && sockets.length > 0) {
      const due = Math.floor(((nowMs() - command.startAt) * command.rate) / 1000);
      for (; sent < due; next = (next + 1) % sockets.length) {
        const pending = submitOne(next);
        inFlight.add(pending);
        void pending.finally(() => inFlight.delete(pending));
      }
      await sleep(TICK_MS);
    }
    await Promise.all(inFlight);
  } else {
    await Promise.all(
      sockets.map(async (_, i) => {
        await sleep(Math.max(0, command.startAt + (START_SPREAD_MS * i) / sockets.length - nowMs()));
        while (nowMs() < endAt) {
          // A phone whose connection dropped stops: counted once, not spun on.
          if (!sockets[i]?.connected) {
            failed += 1;
            return void fail('not connected');
          }
          await submitOne(i);
        }
      }),
    );
  }
  send({ type: 'submitted', sent, ackedIds, latenciesMs, ackedInWindow, failed, errors: [...errors].map(([text, n]) => `${n}× ${text}`), lastAckAt, ackBytes });
}

serveDriver<PhoneCommand>(
  (command) => {
    switch (command.type) {
      case 'connect':
        return void connectAll(command);
      case 'submit':
        return void submitAll(command);
      default:
        command satisfies never;
    }
  },
  () => {
    for (const socket of sockets) socket?.close();
  },
);
