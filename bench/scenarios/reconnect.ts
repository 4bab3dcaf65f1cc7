import os from 'node:os';
import type { ClientToServerEvents, ServerToClientEvents } from '@diemcau/shared';
import { io, type Socket } from 'socket.io-client';
import { nowMs } from '../lib/clock';
import { connectTimeoutMs, summariseConnect } from '../lib/fleet';
import { mergeTallies, WorkerPool } from '../lib/pool';
import { cpuTimeMs, type NodeChild, untilIdle } from '../lib/processes';
import type { ProbeReply, ResyncCommand, ResyncReport } from '../lib/protocol';
import { type Row, row } from '../lib/report';
import { type Ack, ACK_TIMEOUT_MS, accepted, clientOptions, connectReady, importSites, probe, Resources, startDiemcau } from '../lib/servers';
import { percentile, round } from '../lib/stats';
import type { Scenario } from './types';

/** The target: every site has the current snapshot again this soon after a restart. */
const TARGET_S = 10;
/** How long the sites may take to resync before the run reports who is missing. */
const RESYNC_LIMIT_MS = 60_000;
const CONNECT_TIMEOUT_MS = 30_000;
/** Agenda changes before the restart: the snapshot the sites must get back is not the first one. */
const CHANGES = 3;
const IDLE = { windowMs: 500, share: 0.1, limitMs: 30_000 };
/** The first words of the line server/src/index.ts prints once it listens. */
const LISTENING_BANNER = 'diemcau đang chạy tại';

type McSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Progress = Extract<ResyncReport, { type: 'resynced' }>;

/** When a starting server prints that it listens (its banner), and its CPU time then. */
function listeningAt(child: NodeChild): Promise<{ at: number; cpuMs: number | null }> {
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      if (!chunk.toString().includes(LISTENING_BANNER)) return;
      child.process.stdout?.off('data', onData);
      resolve({ at: nowMs(), cpuMs: cpuTimeMs(child.process.pid) });
    };
    child.process.stdout?.on('data', onData);
  });
}

/** Waits until every worker reported all its sites resynced, or the limit; then asks for the counts. */
async function awaitResync(pool: WorkerPool<ResyncCommand, ResyncReport>, limitMs: number): Promise<Progress[]> {
  try {
    return await pool.collect('resynced', limitMs);
  } catch {
    for (const worker of pool.workers) pool.send(worker, { type: 'count' });
    return pool.collect('resynced', 5_000);
  }
}

export const reconnect: Scenario = {
  description: 'N sites reconnect after a server restart (SIGTERM, start again on the same data) until all have the current snapshot',
  sizes: [3000],
  inAll: true,
  timeoutS: ({ clients }) => 180 + Math.ceil(clients / 20),
  async run(options, log) {
    const resources = new Resources();
    try {
      const server = await startDiemcau(options, resources, { probe: true });
      const meeting = await importSites(server, 0, options.clients);
      const mc = resources.add(await connectReady<McSocket>(io(server.url, clientOptions(meeting.mcToken)), 'MC'), (s) => s.close());
      accepted('meeting:start', await mc.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:start', { shiftPlan: true }));
      let rev = 0;
      for (let i = 0; i < CHANGES; i += 1) {
        const ack: Ack<{ rev: number }> = await mc.timeout(ACK_TIMEOUT_MS).emitWithAck('agenda:next', {});
        rev = accepted('agenda:next', ack).rev;
      }
      mc.close();

      log(`reconnect on ${server.url}: connecting ${options.clients} sites`);
      const pool = resources.add(new WorkerPool<ResyncCommand, ResyncReport>('resync worker', 'bench/workers/resync.ts', options.clients, options.workers), (p) => p.close({ type: 'close' }));
      let first = 0;
      for (const worker of pool.workers) {
        pool.send(worker, { type: 'connect', url: server.url, tokens: meeting.tokens.slice(first, first + worker.share), batchSize: options.batchSize, timeoutMs: CONNECT_TIMEOUT_MS });
        first += worker.share;
      }
      const ramp = summariseConnect(await pool.collect('connected', connectTimeoutMs(pool, { batchSize: options.batchSize, timeoutMs: CONNECT_TIMEOUT_MS })));
      if (ramp.failed > 0) throw new Error(`${ramp.failed} sites could not connect: ${ramp.errors.join('; ')}`);
      log(`  ${options.clients} sites connected in ${Math.round(ramp.elapsedMs)} ms at revision ${rev}`);
      await untilIdle(server.child.process.pid, IDLE);

      // The restart: SIGTERM (the server says goodbye to every socket), then the same command again.
      const stoppedAt = nowMs();
      await server.child.stop(30_000);
      const downAt = nowMs();
      for (const worker of pool.workers) pool.send(worker, { type: 'expect', rev });
      // From the moment the new process listens (its banner), not from when /healthz answers:
      // the sites knock as soon as the port is open, and the probe's request queues behind them.
      let listening: Promise<{ at: number; cpuMs: number | null }> | null = null;
      const child = await server.restart((spawned) => {
        listening = listeningAt(spawned);
      });
      const { at: upAt, cpuMs: cpuAtUp } = await listening!;
      await probe(child, { gc: false, resetLoop: true });
      log(`  stopped in ${Math.round(downAt - stoppedAt)} ms, listening again ${Math.round(upAt - downAt)} ms later; waiting for every site's snapshot`);

      const workersCpuAtUp = pool.workers.map((w) => cpuTimeMs(w.child.process.pid) ?? Number.NaN);
      const reports = await awaitResync(pool, RESYNC_LIMIT_MS);
      const workersCpuMs = pool.workers.map((w, i) => (cpuTimeMs(w.child.process.pid) ?? Number.NaN) - workersCpuAtUp[i]!);
      const doneAt = nowMs();
      const lag: ProbeReply = await probe(child, { gc: false, resetLoop: true });
      const cpuMs = (cpuTimeMs(child.process.pid) ?? Number.NaN) - (cpuAtUp ?? Number.NaN);
      const times = reports.flatMap((r) => r.snapshotAt).map((t) => (t - upAt) / 1000);
      const resynced = reports.reduce((sum, r) => sum + r.resynced, 0);
      const stale = reports.reduce((sum, r) => sum + r.staleSnapshots, 0);
      const lastS = times.length ? Math.max(...times) : Number.NaN;
      const errors = mergeTallies(reports.flatMap((r) => r.connectErrors));
      const serverBusy = cpuMs / Math.max(1, (resynced === options.clients ? Math.max(...reports.flatMap((r) => r.snapshotAt)) : doneAt) - upAt);
      const workersBusy = workersCpuMs.reduce((a, b) => a + b, 0) / Math.max(1, doneAt - upAt);
      const load = os.loadavg()[0] ?? 0;
      const share = `server ${Math.round(serverBusy * 100)} % of a core, client workers ${Math.round(workersBusy * 100)} % in all`;
      const bottleneck =
        serverBusy >= 0.8
          ? `the server's event loop (${share})`
          : load > os.cpus().length
            ? `the machine: load ${round(load, 1)} on ${os.cpus().length} cores left the server less than a core (${share})`
            : `the sites' reconnection delays (the page's 1–3 s backoff, ±50 %), not the server (${share})`;
      log(`  ${resynced}/${options.clients} sites have revision ${rev} again; the last ${round(lastS, 2)} s after the server listened (${round((doneAt - stoppedAt) / 1000, 1)} s after the stop began)`);
      if (errors.length) log(`  failed attempts while reconnecting: ${errors.slice(0, 5).join('; ')}; after it listened: ${reports.flatMap((r) => r.errorAt).filter((t) => t >= upAt).length}`);
      log(`  resynced after the server listened, deciles (s): ${[10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((p) => round(percentile(times, p), 1)).join(' ')}`);
      log(`  event loop delay while they came back: p50 ${round(lag.loop.p50Ms)} ms, p99 ${round(lag.loop.p99Ms)} ms, max ${round(lag.loop.maxMs)} ms`);
      log(`reconnect: target every site resynced ≤ ${TARGET_S} s after the restart: ${resynced === options.clients && lastS <= TARGET_S ? 'met' : 'NOT met'}; bottleneck: ${bottleneck}`);
      const rows: Row[] = [
        row('reconnect', options.clients, 'all_resynced', 's', lastS, null),
        row('reconnect', options.clients, 'resynced_p50', 's', percentile(times, 50), null),
        row('reconnect', options.clients, 'resynced_p99', 's', percentile(times, 99), null),
        row('reconnect', options.clients, 'stop_to_all_resynced', 's', (Math.max(...reports.flatMap((r) => r.snapshotAt)) - stoppedAt) / 1000, null),
        row('reconnect', options.clients, 'start_to_listening', 's', (upAt - downAt) / 1000, null),
        row('reconnect', options.clients, 'missing', 'sites', options.clients - resynced, null),
        row('reconnect', options.clients, 'stale_snapshots', 'snapshots', stale, null),
        row('reconnect', options.clients, 'server_cpu', 'ms', cpuMs, null),
        row('reconnect', options.clients, 'server_cpu_per_site', 'ms', cpuMs / Math.max(1, resynced), null),
        row('reconnect', options.clients, 'client_workers_cpu', 'ms', workersCpuMs.reduce((a, b) => a + b, 0), null),
        row('reconnect', options.clients, 'loop_delay_p99', 'ms', lag.loop.p99Ms, null),
        row('reconnect', options.clients, 'loop_delay_max', 'ms', lag.loop.maxMs, null),
      ];
      return rows;
    } finally {
      await resources.closeAll();
    }
  },
};
