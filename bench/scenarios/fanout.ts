import { type ClientToServerEvents, MAX_SITES, type QuestionsAccess, type ServerToClientEvents } from '@diemcau/shared';
import { io, type Socket } from 'socket.io-client';
import { AUDIENCE_TOKEN_PREFIX, BROADCAST_EVENT, type BroadcastRequest, TRIGGER_TOKEN } from '../baseline-server';
import type { BenchOptions } from '../lib/args';
import { sleep } from '../lib/clock';
import { type FanoutResult, FanoutRun, type Trigger } from '../lib/measure';
import { type AudienceLinks, describeMix, type Engine, mixOf, type PageKind, pageSocket } from '../lib/page';
import type { NodeChild } from '../lib/processes';
import { comparedRows, type Metric } from '../lib/report';
import { type Ack, ACK_TIMEOUT_MS, accepted, api, clientOptions, connectReady, importSites, Resources, type Running, startBaseline, startDiemcau } from '../lib/servers';
import { percentile } from '../lib/stats';
import type { Scenario } from './types';

type McSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** A deployment under a fanout measurement: where its clients connect (`urls`: spread over several nodes; else `url`), on which links and wire, and what makes it broadcast. */
export type Target = Running & { trigger: Trigger; links: AudienceLinks; engine: Engine; urls?: readonly string[]; otherServers?: readonly NodeChild[] };
type Started = Running & { adminToken: string; demoMeetingId: string };

/**
 * A meeting for `screens` pages on a running diemcau: a copy of the demo meeting with one
 * site per site page of the mix (up to MAX_SITES, each its own link), started by its MC on
 * `server`; its trigger moves the agenda back and forth.
 */
export async function mcTarget(server: Started, resources: Resources, screens: number): Promise<Target> {
  const { url, child, adminToken } = server;
  const sites = Math.max(1, Math.min(MAX_SITES, mixOf(screens).site));
  const meeting = await importSites(server, 0, sites);
  const questions = await api<QuestionsAccess>('GET', `${url}/api/meetings/${meeting.meetingId}/questions/access`, adminToken);
  const mc = resources.add(await connectReady<McSocket>(io(url, clientOptions(meeting.mcToken)), 'MC'), (s) => s.close());
  accepted('meeting:start', await mc.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:start', { shiftPlan: true }));
  // Alternating keeps the agenda between its first two items however many changes are asked for.
  const trigger: Trigger = async (index) => {
    const timed = mc.timeout(ACK_TIMEOUT_MS);
    const ack: Ack<{ rev: number }> = index % 2 === 0 ? await timed.emitWithAck('agenda:next', {}) : await timed.emitWithAck('agenda:previous', {});
    return accepted('agenda change', ack).rev;
  };
  const links: AudienceLinks = { projector: meeting.projectorToken, board: meeting.leadershipToken, public: questions.publicToken, sites: meeting.tokens };
  return { url, child, trigger, links, engine: 'socket.io' };
}

/** diemcau with a meeting for `options.clients` pages started by its MC (`probe`: see bench/server-probe.ts). */
export async function diemcauTarget(options: BenchOptions, resources: Resources, probe = false): Promise<Target> {
  return mcTarget(await startDiemcau(options, resources, { probe }), resources, options.clients);
}

/** The baselines' links: one per page kind, so that they pad each kind's snapshot to diemcau's. */
const BASELINE_LINKS: AudienceLinks = {
  projector: `${AUDIENCE_TOKEN_PREFIX}projector`,
  board: `${AUDIENCE_TOKEN_PREFIX}board`,
  public: `${AUDIENCE_TOKEN_PREFIX}public`,
  sites: [`${AUDIENCE_TOKEN_PREFIX}site`],
};

/** What the baselines copy from diemcau's run: each change's packet size, each page kind's snapshot size. */
export type Sizes = { bytesByIndex: readonly number[]; snapshotBytes: Partial<Record<PageKind, number>> };

/** A bare baseline (Socket.IO, or `ws` with `engine` 'ws'); its trigger broadcasts a packet as large as diemcau's change of the same index. */
export async function baselineTarget(sizes: Sizes, resources: Resources, options: BenchOptions, probe = false, engine: Engine = 'socket.io'): Promise<Target> {
  const { url, child } = await startBaseline(resources, { clients: options.clients, probe, engine, greetBytes: sizes.snapshotBytes });
  const socket = pageSocket(engine, url, TRIGGER_TOKEN, ACK_TIMEOUT_MS);
  resources.add(socket, (s) => s.close());
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error: Error) => reject(new Error(`baseline trigger: ${error.message}`)));
    socket.connect();
  });
  const trigger: Trigger = async (index) => {
    const request: BroadcastRequest = { rev: index + 1, bytes: sizes.bytesByIndex[index] ?? 0 };
    return accepted(BROADCAST_EVENT, (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(BROADCAST_EVENT, request)) as Ack<{ rev: number }>).rev;
  };
  return { url, child, trigger, links: BASELINE_LINKS, engine };
}

const median = (values: readonly number[]) => percentile(values.filter((v) => v > 0), 50);

/** One side of a comparison: its label and how its deployment is started (given the first side's sizes so far). */
export type Side = { label: string; start: (resources: Resources, sizes: Sizes) => Promise<Target> };

/**
 * Every deployment up with its own N clients (the first one's sizes copied by the others);
 * changes alternate between them so all see the same noise. Results in the order of `sides`.
 */
export async function measureSides(options: BenchOptions, log: (line: string) => void, sides: readonly Side[]): Promise<FanoutResult[]> {
  const resources = new Resources();
  try {
    log(`each audience: ${describeMix(options.clients)}, as the pages connect and live (bench/lib/page.ts)`);
    const runs: FanoutRun[] = [];
    for (const side of sides) {
      const first = runs[0]?.result;
      const target = await side.start(resources, { bytesByIndex: first?.bytesByIndex ?? [], snapshotBytes: first?.snapshotBytes ?? {} });
      const { url, urls, links, engine, child: server, otherServers, trigger } = target;
      log(`${side.label} on ${(urls ?? [url]).join(' + ')}: connecting ${options.clients} clients (${engine})`);
      const run = await FanoutRun.open({ label: side.label, url, urls, links, engine, server, otherServers, trigger, options, log });
      runs.push(resources.add(run, (r) => r.close()));
    }
    log(`${options.warmup} warm-up + ${options.changes} measured changes on each, alternating`);
    for (let index = 0; index < options.warmup + options.changes; index += 1) {
      // The first first: the others' change `index` copies the size the first's just had.
      for (const run of runs) {
        await run.step(index);
        await sleep(options.pauseMs);
      }
    }
    const results: FanoutResult[] = [];
    for (const run of runs) results.push(await run.close());
    return results;
  } finally {
    await resources.closeAll();
  }
}

/** Two deployments compared: `app` first, `base` copying its sizes. */
export async function measurePair(options: BenchOptions, log: (line: string) => void, app: Side, base: Side): Promise<{ app: FanoutResult; base: FanoutResult }> {
  const [appResult, baseResult] = await measureSides(options, log, [app, base]);
  return { app: appResult!, base: baseResult! };
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

/** The figures also compared with bare ws: the physical limit to approach. */
const VS_WS = new Set(['p50', 'p99', 'max', 'server-cpu', 'connect-all']);

export const fanout: Scenario = {
  sizes: [1000, 5000, 10_000],
  inAll: true,
  description: 'delay until the last of N page-like clients (sites, projectors, public phones, a board) receives an agenda change, vs bare Socket.IO and bare ws broadcasts in the same run',
  timeoutS: ({ clients }) => 300 + Math.ceil(clients / 8),
  async run(options, log) {
    const [app, sio, ws] = await measureSides(options, log, [
      { label: 'diemcau', start: (resources) => diemcauTarget(options, resources) },
      { label: 'bare Socket.IO', start: (resources, sizes) => baselineTarget(sizes, resources, options) },
      { label: 'bare ws', start: (resources, sizes) => baselineTarget(sizes, resources, options, false, 'ws') },
    ]);
    const metrics = fanoutMetrics(options.warmup);
    const vsWs = metrics.filter(([name]) => VS_WS.has(name)).map(([name, unit, pick]) => [`${name} ÷ ws`, unit, pick] as const);
    const sioVsWs = metrics.filter(([name]) => VS_WS.has(name)).map(([name, unit, pick]) => [`${name} bare Socket.IO ÷ ws`, unit, pick] as const);
    const rows = [
      ...comparedRows<FanoutResult>('fanout', options.clients, app!, sio!, metrics),
      ...comparedRows<FanoutResult>('fanout', options.clients, app!, ws!, vsWs),
      ...comparedRows<FanoutResult>('fanout', options.clients, sio!, ws!, sioVsWs),
    ];
    const ratio = (metric: string) => rows.find((r) => r.metric === metric)?.ratio ?? null;
    const verdict = (value: number | null, limit: number) => (value === null ? 'no ratio' : `${value}× (${value <= limit ? 'met' : 'NOT met'}, ≤ ${limit}×)`);
    log(`fanout ${options.clients}: vs bare Socket.IO p50 ${verdict(ratio('p50'), 1.1)}, p99 ${verdict(ratio('p99'), 1.1)}; vs bare ws (stretch) p50 ${verdict(ratio('p50 ÷ ws'), 1.2)}, p99 ${verdict(ratio('p99 ÷ ws'), 1.2)}`);
    return rows;
  },
};
