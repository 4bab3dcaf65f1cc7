import { randomBytes } from 'node:crypto';
import type { ClientToServerEvents, ServerToClientEvents } from '@diemcau/shared';
import { io, type Socket } from 'socket.io-client';
import { BROADCAST_EVENT, type BroadcastRequest, TRIGGER_TOKEN } from '../baseline-server';
import type { BenchOptions } from '../lib/args';
import { type FanoutResult, measureFanout, type Trigger } from '../lib/measure';
import { freePort, type NodeChild, removeTempDir, spawnNode, tempDir, waitForHttp } from '../lib/processes';
import { READY_EVENT } from '../lib/protocol';
import { type Row, row } from '../lib/report';
import { percentile } from '../lib/stats';
import type { Scenario } from './types';

type Log = (line: string) => void;
type McSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Ack<T> = { ok: true; data: T } | { ok: false; message: string };

const ACK_TIMEOUT_MS = 5_000;

/** A running server under test: where it listens and how to stop it (and drop its data). */
type Running = { url: string; child: NodeChild; stop: () => Promise<void> };

/** Connects a socket and waits for its first snapshot (the server's "ready"). */
async function connectReady<S extends Socket>(socket: S, what: string): Promise<S> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no ${READY_EVENT} within ${ACK_TIMEOUT_MS} ms`)), ACK_TIMEOUT_MS);
    socket.once(READY_EVENT as 'connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${what}: ${error.message}`));
    });
  });
  return socket;
}

const accepted = <T>(what: string, ack: Ack<T>): T => {
  if (!ack.ok) throw new Error(`${what} refused: ${ack.message}`);
  return ack.data;
};

async function getJson<T>(url: string, adminToken: string): Promise<T> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${adminToken}` }, signal: AbortSignal.timeout(ACK_TIMEOUT_MS) });
  return accepted(`GET ${url}`, (await response.json()) as Ack<T>);
}

/** diemcau with the demo meeting in a fresh data dir, on 127.0.0.1; optionally CPU-profiled. */
async function startDiemcau(options: BenchOptions): Promise<Running & { adminToken: string }> {
  const port = await freePort();
  const dataDir = tempDir('diemcau-bench-');
  const adminToken = randomBytes(24).toString('hex');
  const child = spawnNode('diemcau server', 'server/src/index.ts', {
    env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, DEMO: 'true', CLIENT_DIR: '', LOG_LEVEL: 'warn' },
    nodeArgs: options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, child);
  const stop = async () => {
    await child.stop();
    removeTempDir(dataDir);
  };
  return { url, child, adminToken, stop };
}

async function startBaseline(): Promise<Running> {
  const port = await freePort();
  const child = spawnNode('baseline server', 'bench/baseline-server.ts', { env: { PORT: String(port) } });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, child);
  return { url, child, stop: () => child.stop() };
}

const clientOptions = (token: string) => ({ auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });

/** The demo meeting under N projector clients, with the MC (in this process) moving through the agenda. */
async function measureDiemcau(options: BenchOptions, log: Log): Promise<FanoutResult> {
  const server = await startDiemcau(options);
  const mc: { socket?: McSocket } = {};
  try {
    const meetings = await getJson<{ id: string }[]>(`${server.url}/api/meetings`, server.adminToken);
    const meetingId = meetings[0]?.id;
    if (!meetingId) throw new Error('the demo meeting was not seeded (DEMO=true)');
    const links = await getJson<{ mcToken: string; projectorToken: string }>(`${server.url}/api/meetings/${meetingId}/access`, server.adminToken);
    mc.socket = await connectReady<McSocket>(io(server.url, clientOptions(links.mcToken)), 'MC');
    const socket = mc.socket;
    accepted('meeting:start', await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:start', { shiftPlan: true }));
    // Alternating keeps the agenda between its first two items however many changes are asked for.
    const trigger: Trigger = async (index) => {
      const timed = socket.timeout(ACK_TIMEOUT_MS);
      const ack: Ack<{ rev: number }> = index % 2 === 0 ? await timed.emitWithAck('agenda:next', {}) : await timed.emitWithAck('agenda:previous', {});
      return accepted('agenda change', ack).rev;
    };
    log(`diemcau ${server.url}: ${options.clients} projector clients, MC advancing the agenda`);
    return await measureFanout({ url: server.url, token: links.projectorToken, server: server.child, trigger, options, log });
  } finally {
    mc.socket?.close();
    await server.stop();
  }
}

/** The bare server broadcasting, change by change, packets as large as diemcau's were. */
async function measureBaseline(options: BenchOptions, bytesByIndex: readonly number[], log: Log): Promise<FanoutResult> {
  const server = await startBaseline();
  const trigger: { socket?: Socket } = {};
  try {
    const socket = await connectReady(io(server.url, clientOptions(TRIGGER_TOKEN)), 'baseline trigger');
    trigger.socket = socket;
    const fire: Trigger = async (index) => {
      const request: BroadcastRequest = { rev: index + 1, bytes: bytesByIndex[index] ?? 0 };
      return accepted(BROADCAST_EVENT, (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(BROADCAST_EVENT, request)) as Ack<{ rev: number }>).rev;
    };
    log(`baseline ${server.url}: bare Socket.IO, same clients and message sizes`);
    return await measureFanout({ url: server.url, token: 'audience', server: server.child, trigger: fire, options, log });
  } finally {
    trigger.socket?.close();
    await server.stop();
  }
}

const median = (values: readonly number[]) => percentile(values.filter((v) => v > 0), 50);

export const fanout: Scenario = {
  description: 'delay until the last of N clients receives an agenda change, vs a bare Socket.IO broadcast',
  async run(options, log) {
    const app = await measureDiemcau(options, log);
    const base = await measureBaseline(options, app.bytesByIndex, log);
    const line = (metric: string, unit: string, pick: (r: FanoutResult) => number | null): Row[] => {
      const value = pick(app);
      return value === null ? [] : [row('fanout', options.clients, metric, unit, value, pick(base))];
    };
    return [
      ...line('p50', 'ms', (r) => percentile(r.delaysMs, 50)),
      ...line('p99', 'ms', (r) => percentile(r.delaysMs, 99)),
      ...line('max', 'ms', (r) => Math.max(...r.delaysMs)),
      ...line('message', 'B', (r) => median(r.bytesByIndex.slice(options.warmup))),
      ...line('connect-all', 'ms', (r) => r.connectMs),
      ...line('server-cpu', 'ms/change', (r) => r.serverCpuMsPerChange),
      ...line('incomplete', 'changes', (r) => r.incomplete.length),
    ];
  },
};
