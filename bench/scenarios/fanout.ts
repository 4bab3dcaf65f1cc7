import type { ClientToServerEvents, ServerToClientEvents } from '@diemcau/shared';
import { io, type Socket } from 'socket.io-client';
import { BROADCAST_EVENT, type BroadcastRequest, TRIGGER_TOKEN } from '../baseline-server';
import type { BenchOptions } from '../lib/args';
import { sleep } from '../lib/clock';
import { type FanoutResult, FanoutRun, type Trigger } from '../lib/measure';
import type { NodeChild } from '../lib/processes';
import { comparedRows, type Metric } from '../lib/report';
import { type Ack, ACK_TIMEOUT_MS, accepted, api, clientOptions, connectReady, Resources, type Running, startBaseline, startDiemcau } from '../lib/servers';
import { percentile } from '../lib/stats';
import type { Scenario } from './types';

type McSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** A deployment under a fanout measurement: where its clients connect (`urls`: spread over several nodes; else `url`) and what makes it broadcast. */
export type Target = Running & { trigger: Trigger; token: string; urls?: readonly string[]; otherServers?: readonly NodeChild[] };
type Started = Running & { adminToken: string; demoMeetingId: string };

/** The demo meeting of a running diemcau, started by its MC on `server`; its trigger moves the agenda back and forth. */
export async function mcTarget(server: Started, resources: Resources): Promise<Target> {
  const { url, child, adminToken, demoMeetingId } = server;
  const links = await api<{ mcToken: string; projectorToken: string }>('GET', `${url}/api/meetings/${demoMeetingId}/access`, adminToken);
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

/** diemcau with its demo meeting started by its MC (`probe`: see bench/server-probe.ts). */
export async function diemcauTarget(options: BenchOptions, resources: Resources, probe = false): Promise<Target> {
  return mcTarget(await startDiemcau(options, resources, { probe }), resources);
}

/** The bare server; its trigger broadcasts a packet as large as diemcau's change of the same index. */
export async function baselineTarget(bytesByIndex: readonly number[], resources: Resources, options: BenchOptions, probe = false): Promise<Target> {
  const { url, child } = await startBaseline(resources, { clients: options.clients, probe });
  const socket = resources.add(await connectReady(io(url, clientOptions(TRIGGER_TOKEN)), 'baseline trigger'), (s) => s.close());
  const trigger: Trigger = async (index) => {
    const request: BroadcastRequest = { rev: index + 1, bytes: bytesByIndex[index] ?? 0 };
    return accepted(BROADCAST_EVENT, (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(BROADCAST_EVENT, request)) as Ack<{ rev: number }>).rev;
  };
  return { url, child, trigger, token: 'audience' };
}

const median = (values: readonly number[]) => percentile(values.filter((v) => v > 0), 50);

/** One side of a comparison: its label and how its deployment is started (given the other side's packet sizes so far). */
export type Side = { label: string; start: (resources: Resources, appBytesByIndex: readonly number[]) => Promise<Target> };

/** Both deployments up with their own N clients; changes alternate between them so both see the same noise. */
export async function measurePair(options: BenchOptions, log: (line: string) => void, app: Side, base: Side): Promise<{ app: FanoutResult; base: FanoutResult }> {
  const resources = new Resources();
  try {
    const open = async (label: string, target: Target) => {
      log(`${label} on ${(target.urls ?? [target.url]).join(' + ')}: connecting ${options.clients} clients`);
      const { url, urls, token, child: server, otherServers, trigger } = target;
      const run = await FanoutRun.open({ label, url, urls, token, server, otherServers, trigger, options, log });
      return resources.add(run, (r) => r.close());
    };
    const appRun = await open(app.label, await app.start(resources, []));
    const baseRun = await open(base.label, await base.start(resources, appRun.result.bytesByIndex));
    log(`${options.warmup} warm-up + ${options.changes} measured changes on each, alternating`);
    for (let index = 0; index < options.warmup + options.changes; index += 1) {
      // The app first: the baseline's change `index` may copy the size the app's just had.
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

/** The figures of a fanout comparison, diemcau's next to its baseline's. */
export const fanoutMetrics = (warmup: number): Metric<FanoutResult>[] => [
  ['p50', 'ms', (r) => percentile(r.delaysMs, 50)],
  ['p99', 'ms', (r) => percentile(r.delaysMs, 99)],
  ['max', 'ms', (r) => Math.max(...r.delaysMs)],
  ['ack-p50', 'ms', (r) => percentile(r.ackMs, 50)],
  ['message', 'B', (r) => median(r.bytesByIndex.slice(warmup))],
  ['connect-all', 'ms', (r) => r.connectMs],
  ['server-cpu', 'ms/change', (r) => r.serverCpuMsPerChange],
  ['incomplete', 'changes', (r) => r.incomplete.length],
];

export const fanout: Scenario = {
  sizes: [1000, 5000, 10_000],
  inAll: true,
  description: 'delay until the last of N clients receives an agenda change, vs a bare Socket.IO broadcast',
  timeoutS: ({ clients }) => 120 + Math.ceil(clients / 50),
  async run(options, log) {
    const { app, base } = await measurePair(
      options,
      log,
      { label: 'diemcau', start: (resources) => diemcauTarget(options, resources) },
      { label: 'baseline', start: (resources, bytes) => baselineTarget(bytes, resources, options) },
    );
    return comparedRows<FanoutResult>('fanout', options.clients, app, base, fanoutMetrics(options.warmup));
  },
};
