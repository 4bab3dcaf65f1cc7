import type { ClientToServerEvents, ServerToClientEvents } from '@diemcau/shared';
import { io, type Socket } from 'socket.io-client';
import { BROADCAST_EVENT, type BroadcastRequest, TRIGGER_TOKEN } from '../baseline-server';
import type { BenchOptions } from '../lib/args';
import { sleep } from '../lib/clock';
import { type FanoutResult, FanoutRun, type Trigger } from '../lib/measure';
import { comparedRows } from '../lib/report';
import { type Ack, ACK_TIMEOUT_MS, accepted, api, clientOptions, connectReady, Resources, type Running, startBaseline, startDiemcau } from '../lib/servers';
import { percentile } from '../lib/stats';
import type { Scenario } from './types';

type McSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Target = Running & { trigger: Trigger; token: string };

/** diemcau with its demo meeting started by its MC; its trigger moves the agenda back and forth (`probe`: see bench/server-probe.ts). */
export async function diemcauTarget(options: BenchOptions, resources: Resources, probe = false): Promise<Target> {
  const { url, child, adminToken, demoMeetingId } = await startDiemcau(options, resources, { probe });
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

/** Both servers up with their own N clients; changes alternate between them so both see the same noise. */
async function measure(options: BenchOptions, log: (line: string) => void): Promise<{ app: FanoutResult; base: FanoutResult }> {
  const resources = new Resources();
  try {
    const open = async (label: string, server: Target) => {
      log(`${label} on ${server.url}: connecting ${options.clients} clients`);
      const run = await FanoutRun.open({ label, url: server.url, token: server.token, server: server.child, trigger: server.trigger, options, log });
      return resources.add(run, (r) => r.close());
    };
    const appRun = await open('diemcau', await diemcauTarget(options, resources));
    const baseRun = await open('baseline', await baselineTarget(appRun.result.bytesByIndex, resources, options));
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
  sizes: [1000, 5000, 10_000],
  inAll: true,
  description: 'delay until the last of N clients receives an agenda change, vs a bare Socket.IO broadcast',
  timeoutS: ({ clients }) => 120 + Math.ceil(clients / 50),
  async run(options, log) {
    const { app, base } = await measure(options, log);
    return comparedRows<FanoutResult>('fanout', options.clients, app, base, [
      ['p50', 'ms', (r) => percentile(r.delaysMs, 50)],
      ['p99', 'ms', (r) => percentile(r.delaysMs, 99)],
      ['max', 'ms', (r) => Math.max(...r.delaysMs)],
      ['ack-p50', 'ms', (r) => percentile(r.ackMs, 50)],
      ['message', 'B', (r) => median(r.bytesByIndex.slice(options.warmup))],
      ['connect-all', 'ms', (r) => r.connectMs],
      ['server-cpu', 'ms/change', (r) => r.serverCpuMsPerChange],
      ['incomplete', 'changes', (r) => r.incomplete.length],
    ]);
  },
};
