import type { BenchOptions } from '../lib/args';
import { sleep } from '../lib/clock';
import { FanoutRun } from '../lib/measure';
import { untilIdle } from '../lib/processes';
import type { ProbeReply } from '../lib/protocol';
import { comparedRows } from '../lib/report';
import { probe, Resources } from '../lib/servers';
import { round } from '../lib/stats';
import type { Scenario } from './types';
import { baselineTarget, diemcauTarget, type Sizes, type Target } from './fanout';

/** Agenda changes (baseline: broadcasts of the same size) sent once the clients are in, so every socket has written a message. */
const CHANGES = 5;
/** Before each reading the server must be idle: under 10 % of a core over 0.5 s. */
const IDLE = { windowMs: 500, share: 0.1, limitMs: 30_000 };

type MemoryResult = { connected: number; before: ProbeReply; after: ProbeReply };

const MIB = 2 ** 20;
const perClientKiB = (r: MemoryResult, pick: (p: ProbeReply) => number) => (pick(r.after) - pick(r.before)) / 1024 / r.connected;

/** Memory after a full collection once the server is idle (the ramp-up or the changes worked off). */
async function settledReading(target: Target): Promise<ProbeReply> {
  await untilIdle(target.child.process.pid, IDLE);
  await sleep(200);
  return probe(target.child, { gc: true, resetLoop: false });
}

/** One server: a reading with no client, N screens connected, a few changes to them all, a second reading. */
async function measureOn(label: string, target: Target, options: BenchOptions, resources: Resources, log: (line: string) => void): Promise<MemoryResult & Sizes> {
  const before = await settledReading(target);
  log(`${label} on ${target.url}: ${round(before.rss / MIB)} MiB RSS, ${round(before.heapUsed / MIB)} MiB heap with no client; connecting ${options.clients}`);
  const run = resources.add(await FanoutRun.open({ label, url: target.url, links: target.links, engine: target.engine, server: target.child, trigger: target.trigger, options: { ...options, warmup: CHANGES }, log }), (r) => r.close());
  for (let index = 0; index < CHANGES; index += 1) await run.step(index);
  const after = await settledReading(target);
  log(`  ${label}: ${round(after.rss / MIB)} MiB RSS, ${round(after.heapUsed / MIB)} MiB heap with ${run.result.connected} clients (after a full GC)`);
  return { connected: run.result.connected, before, after, bytesByIndex: run.result.bytesByIndex, snapshotBytes: run.result.snapshotBytes };
}

export const memory: Scenario = {
  description: 'server memory per connected screen (RSS and heap after a full GC), vs bare Socket.IO',
  sizes: [5000],
  inAll: true,
  timeoutS: ({ clients }) => 180 + Math.ceil(clients / 10),
  async run(options, log) {
    const resources = new Resources();
    try {
      const app = await measureOn('diemcau', await diemcauTarget(options, resources, true), options, resources, log);
      const base = await measureOn('baseline', await baselineTarget(app, resources, options, true), options, resources, log);
      const rows = comparedRows<MemoryResult>('memory', options.clients, app, base, [
        ['rss_per_client', 'KiB', (r) => perClientKiB(r, (p) => p.rss)],
        ['heap_per_client', 'KiB', (r) => perClientKiB(r, (p) => p.heapUsed)],
        ['external_per_client', 'KiB', (r) => perClientKiB(r, (p) => p.external)],
        ['rss_with_clients', 'MiB', (r) => r.after.rss / MIB],
        ['heap_with_clients', 'MiB', (r) => r.after.heapUsed / MIB],
        ['rss_idle', 'MiB', (r) => r.before.rss / MIB],
        ['heap_idle', 'MiB', (r) => r.before.heapUsed / MIB],
        ['connected', 'clients', (r) => r.connected],
      ]);
      const ratio = rows.find((r) => r.metric === 'heap_per_client')?.ratio;
      log(`memory: target ≤ 1.1× bare Socket.IO per client (heap): ${ratio === null || ratio === undefined ? 'no ratio' : ratio <= 1.1 ? `met (${ratio}×)` : `NOT met (${ratio}×)`}; bottleneck: none, memory is read after a full GC with the server idle`);
      return rows;
    } finally {
      await resources.closeAll();
    }
  },
};
