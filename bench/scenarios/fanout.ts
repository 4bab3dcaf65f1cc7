import { randomBytes } from 'node:crypto';
import type { ClientToServerEvents, ServerToClientEvents } from '@diemcau/shared';
import { io, type Socket } from 'socket.io-client';
import { BROADCAST_EVENT, type BroadcastRequest, TRIGGER_TOKEN } from '../baseline-server';
import type { BenchOptions } from '../lib/args';
import { sleep } from '../lib/clock';
import { type FanoutResult, FanoutRun, type Trigger } from '../lib/measure';
import { freePort, type NodeChild, removeTempDir, spawnNode, tempDir, waitForHttp } from '../lib/processes';
import { READY_EVENT } from '../lib/protocol';
import { type Row, row } from '../lib/report';
import { percentile } from '../lib/stats';
import type { Scenario } from './types';

type McSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Ack<T> = { ok: true; data: T } | { ok: false; message: string };

const ACK_TIMEOUT_MS = 5_000;

/** A server under test, listening on 127.0.0.1. */
type Running = { url: string; child: NodeChild };

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

const clientOptions = (token: string) => ({ auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });

/** Closers of everything opened so far; run in reverse order whatever happens. */
class Resources {
  private readonly closers: (() => unknown)[] = [];
  add<T>(value: T, close: (value: T) => unknown): T {
    this.closers.push(() => close(value));
    return value;
  }
  async closeAll(): Promise<void> {
    for (const close of this.closers.reverse()) await close();
  }
}

/** diemcau with the demo meeting in a fresh data dir on 127.0.0.1 (optionally CPU-profiled), started by its MC. */
async function startDiemcau(options: BenchOptions, resources: Resources): Promise<Running & { trigger: Trigger; token: string }> {
  const port = await freePort();
  const dataDir = resources.add(tempDir('diemcau-bench-'), removeTempDir);
  const adminToken = randomBytes(24).toString('hex');
  const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, DEMO: 'true', CLIENT_DIR: '', LOG_LEVEL: 'warn' };
  const nodeArgs = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const child = resources.add(spawnNode('diemcau server', 'server/src/index.ts', { env, nodeArgs }), (c) => c.stop());
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, child);

  const meetingId = (await getJson<{ id: string }[]>(`${url}/api/meetings`, adminToken))[0]?.id;
  if (!meetingId) throw new Error('the demo meeting was not seeded (DEMO=true)');
  const links = await getJson<{ mcToken: string; projectorToken: string }>(`${url}/api/meetings/${meetingId}/access`, adminToken);
  const mc = resources.add(await connectReady<McSocket>(io(url, clientOptions(links.mcToken)), 'MC'), (s) => s.close());
  accepted('meeting:start', await mc.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:start', { shiftPlan: true }));
  // Alternating keeps the agenda between its first two items however many changes are asked for.
  const trigger: Trigger = async (index) => {
    const timed = mc.timeout(ACK_TIMEOUT_MS);
    const ack: Ack<{ rev: number }> = index % 2 === 0 ? await timed.emitWithAck('agenda:next', {}) : await timed.emitWithAck('agenda:previous', {});
    return accepted('agenda change', ack).rev;
  };
  return { url, child, trigger, token: links.projectorToken };
}

/** The bare server; its trigger broadcasts a packet as large as diemcau's change of the same index. */
async function startBaseline(bytesByIndex: readonly number[], resources: Resources): Promise<Running & { trigger: Trigger; token: string }> {
  const port = await freePort();
  const child = resources.add(spawnNode('baseline server', 'bench/baseline-server.ts', { env: { PORT: String(port) } }), (c) => c.stop());
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, child);
  const socket = resources.add(await connectReady(io(url, clientOptions(TRIGGER_TOKEN)), 'baseline trigger'), (s) => s.close());
  const trigger: Trigger = async (index) => {
    const request: BroadcastRequest = { rev: index + 1, bytes: bytesByIndex[index] ?? 0 };
    return accepted(BROADCAST_EVENT, (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(BROADCAST_EVENT, request)) as Ack<{ rev: number }>).rev;
  };
  return { url, child, trigger, token: 'audience' };
}

const median = (values: readonly number[]) => percentile(values.filter((v) => v > 0), 50);

/** Both servers up with their own N clients; changes alternate between them so both see the same noise. */
async function measure(options: BenchOptions, log: (line: string) => void): Promise<{ app: FanoutResult; base: FanoutResult }> {
  const resources = new Resources();
  try {
    const open = async (label: string, server: Running & { trigger: Trigger; token: string }) => {
      log(`${label} on ${server.url}: connecting ${options.clients} clients`);
      const run = await FanoutRun.open({ label, url: server.url, token: server.token, server: server.child, trigger: server.trigger, options, log });
      return resources.add(run, (r) => r.close());
    };
    const appRun = await open('diemcau', await startDiemcau(options, resources));
    const baseRun = await open('baseline', await startBaseline(appRun.result.bytesByIndex, resources));
    log(`${options.warmup} warm-up + ${options.changes} measured changes on each, alternating`);
    for (let index = 0; index < options.warmup + options.changes; index += 1) {
      // diemcau first: the baseline's change `index` copies the size diemcau's just had.
      await appRun.step(index);
      await sleep(options.pauseMs);
      await baseRun.step(index);
      await sleep(options.pauseMs);
    }
    return { app: await appRun.close(), base: await baseRun.close() };
  } finally {
    await resources.closeAll();
  }
}

export const fanout: Scenario = {
  description: 'delay until the last of N clients receives an agenda change, vs a bare Socket.IO broadcast',
  async run(options, log) {
    const { app, base } = await measure(options, log);
    const line = (metric: string, unit: string, pick: (r: FanoutResult) => number | null): Row[] => {
      const value = pick(app);
      return value === null ? [] : [row('fanout', options.clients, metric, unit, value, pick(base))];
    };
    return [
      ...line('p50', 'ms', (r) => percentile(r.delaysMs, 50)),
      ...line('p99', 'ms', (r) => percentile(r.delaysMs, 99)),
      ...line('max', 'ms', (r) => Math.max(...r.delaysMs)),
      ...line('ack-p50', 'ms', (r) => percentile(r.ackMs, 50)),
      ...line('message', 'B', (r) => median(r.bytesByIndex.slice(options.warmup))),
      ...line('connect-all', 'ms', (r) => r.connectMs),
      ...line('server-cpu', 'ms/change', (r) => r.serverCpuMsPerChange),
      ...line('incomplete', 'changes', (r) => r.incomplete.length),
    ];
  },
};
