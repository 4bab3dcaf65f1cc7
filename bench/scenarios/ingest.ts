import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { ClientToServerEvents, ServerToClientEvents } from '@diemcau/shared';
import Libsql from 'libsql';
import { io, type Socket } from 'socket.io-client';
import type { BenchOptions } from '../lib/args';
import { nowMs, sleep } from '../lib/clock';
import { type IngestRun, PhoneFleet } from '../lib/phone-fleet';
import { cpuTimeMs, machineCpuMs, mainThreadCpuTimeMs, untilIdle } from '../lib/processes';
import { QUESTIONS_CHANGED_EVENT } from '../lib/protocol';
import { comparedRows, formatTable } from '../lib/report';
import { api, clientOptions, connectReady, Resources, startDiemcau } from '../lib/servers';
import { percentile, round } from '../lib/stats';
import type { Scenario } from './types';

/** How long the public page waits for a submission's acknowledgement before retrying over HTTP. */
const ACK_TIMEOUT_MS = 8_000;
const CONNECT_TIMEOUT_MS = 30_000;
/** Time between the signal and the first submission, so every worker has the signal first. */
const LEAD_MS = 500;
/** Before the storm the server must be idle (its ramp-up worked off): under 10 % of a core over 0.5 s. */
const IDLE = { windowMs: 500, share: 0.1, limitMs: 30_000 };
/** The crash check kills the persisting server this long into a fresh burst of submissions. */
const CRASH_AFTER_MS = 1_000;
/** After the last ack, how long the moderator may take to show every acknowledged row (flushes are 250 ms apart). */
const MODERATOR_GRACE_MS = 5_000;
/** Everything comes from 127.0.0.1: the per-address and per-phone limits would refuse the storm. */
const LIMITS_OFF = { QUESTION_LIMIT_PER_ADDRESS: '0', QUESTION_LIMIT_PER_SENDER: '0', SOCKET_COMMANDS_PER_SECOND: '0' };
/** The issue's target on a 2-core machine. */
const TARGET_PER_S = 2_000;

/** CPU use over the measured window: server process and its event-loop thread, client workers (% of one core), machine (% of all cores). */
type CpuUse = { serverMs: number; serverPct: number; loopPct: number; workersPct: number; machinePct: number; iowaitPct: number };

/** What the moderator's connection heard during the run (persisted run only). */
type ModeratorSeen = { rows: number; batches: number; largestBatch: number; missing: number };

type IngestResult = IngestRun & {
  ackedPerS: number;
  connectMs: number;
  cpu: CpuUse | null;
  bottleneck: string;
  /** Persisted run only: rows of the meeting in the database after the server was killed, and acknowledged ids (run and crash burst) not among them. */
  stored: number | null;
  /** Acknowledged submissions looked up in the database (run and crash burst). */
  checked: number | null;
  lost: number | null;
  moderator: ModeratorSeen | null;
};

const EMFILE_HINT = 'out of file descriptors: raise the limit in this shell first, e.g. `ulimit -n 65536`';

/** Samples CPU counters at the start and at the end of the measured window; resolves at its end. */
function measureCpu(pids: { server: number | undefined; workers: (number | undefined)[] }, from: number, to: number): Promise<CpuUse | null> {
  const read = () => {
    const workers = pids.workers.map(cpuTimeMs);
    return {
      server: cpuTimeMs(pids.server),
      loop: mainThreadCpuTimeMs(pids.server),
      workers: workers.some((w) => w === null) ? null : workers.reduce<number>((a, b) => a + (b ?? 0), 0),
      machine: machineCpuMs(),
    };
  };
  return new Promise((resolve) => {
    setTimeout(() => {
      const before = read();
      setTimeout(() => {
        const after = read();
        const ms = to - from;
        const { server: s0, loop: l0, workers: w0, machine: m0 } = before;
        const { server: s1, loop: l1, workers: w1, machine: m1 } = after;
        if (s0 === null || s1 === null || l0 === null || l1 === null || w0 === null || w1 === null || m0 === null || m1 === null) return resolve(null);
        const pct = (used: number) => round((100 * used) / ms, 0);
        const share = (part: number) => round((100 * part) / Math.max(1, m1.total - m0.total), 0);
        resolve({ serverMs: s1 - s0, serverPct: pct(s1 - s0), loopPct: pct(l1 - l0), workersPct: pct(w1 - w0), machinePct: share(m1.busy - m0.busy), iowaitPct: share(m1.iowait - m0.iowait) });
      }, Math.max(0, to - nowMs()));
    }, Math.max(0, from - nowMs()));
  });
}

/**
 * Names what limited the throughput, from the CPU figures of the measured window. `keptUp`:
 * an open loop whose offered rate was acknowledged in full (the load, not the server, set it).
 */
function bottleneckOf(cpu: CpuUse | null, workers: number, keptUp: boolean): string {
  if (cpu === null) return 'unknown (no /proc to read CPU use from)';
  const figures = `server ${cpu.serverPct} % of a core (event loop ${cpu.loopPct} %), ${workers} phone workers ${cpu.workersPct} % of a core in all, machine ${cpu.machinePct} % busy + ${cpu.iowaitPct} % waiting for the disk`;
  if (cpu.loopPct >= 90) return `the server's event loop (saturated): ${figures}`;
  if (keptUp) return `the offered load (--rate): the server keeps up with it: ${figures}`;
  if (cpu.machinePct >= 80) return `the machine's cores (server and phone workers compete for them; the figure is a lower bound for the server alone): ${figures}`;
  if (cpu.workersPct >= 90 * workers) return `the phone workers, not the server (raise --workers): ${figures}`;
  // The commit's disk sync runs on the event loop (SQLite is called synchronously): time blocked in it is not CPU.
  return `the server's event loop, busy and otherwise blocked in the disk sync of each group commit (or too few phones in flight: raise --clients): ${figures}`;
}

/** A moderator connection counting the distinct rows its `questions:changed` batches carry. */
async function openModerator(url: string, token: string, resources: Resources): Promise<{ ids: Set<string>; batches: number; largestBatch: number }> {
  const seen = { ids: new Set<string>(), batches: 0, largestBatch: 0 };
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, clientOptions(token));
  resources.add(socket, (s) => s.close());
  socket.on(QUESTIONS_CHANGED_EVENT, (change) => {
    seen.batches += 1;
    seen.largestBatch = Math.max(seen.largestBatch, change.questions.length);
    for (const q of change.questions) seen.ids.add(q.id);
  });
  await connectReady(socket, 'moderator');
  return seen;
}

/** The meeting's question ids in the server's database file (the server has stopped), opened query-only. */
async function storedIds(dataDir: string, meetingId: string): Promise<Set<string>> {
  const database = new Libsql(path.join(dataDir, 'diemcau.db'));
  try {
    database.exec('PRAGMA query_only = ON');
    const rows = database.prepare('SELECT id FROM questions WHERE meeting_id = ?').all([meetingId]) as { id: string }[];
    return new Set(rows.map((row) => String(row.id)));
  } finally {
    database.close();
  }
}

/**
 * One server (persisting or not) with N phones on its public link: the phones submit for the
 * warm-up and the measured window; the persisting server is then killed during a second burst
 * and its database checked for every question it acknowledged.
 */
async function runOn(persist: boolean, options: BenchOptions, log: (line: string) => void): Promise<IngestResult> {
  const label = persist ? 'diemcau' : 'baseline';
  const resources = new Resources();
  try {
    const server = await startDiemcau(options, resources, { env: { ...LIMITS_OFF, PERSIST_QUESTIONS: String(persist) }, profile: persist });
    const pid = server.child.process.pid;
    // A copy of the demo meeting: its agenda, no sample questions, questions settings at their
    // defaults (moderated before publishing, so nothing a phone sends is broadcast to the phones).
    // Only this run's rows are in it.
    const meeting = await api<{ meetingId: string }>('POST', `${server.url}/api/meetings/${server.demoMeetingId}/duplicate`, server.adminToken);
    const links = await api<{ publicToken: string; moderatorToken: string }>('GET', `${server.url}/api/meetings/${meeting.meetingId}/questions/access`, server.adminToken);
    const moderator = persist ? await openModerator(server.url, links.moderatorToken, resources) : null;

    log(`${label} on ${server.url}${persist ? '' : ' (PERSIST_QUESTIONS=false: validates, screens, acks; writes and broadcasts nothing)'}: connecting ${options.clients} phones`);
    const fleet = resources.add(new PhoneFleet(options.clients, options.workers), (f) => f.close());
    const ramp = await fleet.connect(server.url, links.publicToken, { batchSize: options.batchSize, timeoutMs: CONNECT_TIMEOUT_MS });
    if (ramp.failed > 0) {
      const hint = ramp.errors.some((e) => e.includes('EMFILE')) ? `\n${EMFILE_HINT}` : '';
      throw new Error(`${label}: ${ramp.failed} phones could not connect (${ramp.errors.join('; ')})${hint}\n${server.child.output()}`);
    }
    log(`  ${label}: ${options.clients} phones connected in ${Math.round(ramp.elapsedMs)} ms`);
    if ((await untilIdle(pid, IDLE)) === null) log(`  ${label}: server still busy ${IDLE.limitMs / 1000} s after the ramp-up; going on`);

    const startAt = nowMs() + LEAD_MS;
    const warmupMs = options.warmupS * 1000;
    const durationMs = options.durationS * 1000;
    const loop = options.rate > 0 ? `open loop at ${options.rate}/s offered` : 'closed loop: each phone sends its next question on its ack';
    log(`  ${label}: submitting for ${options.warmupS} s warm-up + ${options.durationS} s measured (${loop})`);
    const cpu = measureCpu({ server: pid, workers: fleet.pids }, startAt + warmupMs, startAt + warmupMs + durationMs);
    const tag = randomBytes(5).toString('hex');
    const run = await fleet.submit({ startAt, warmupMs, durationMs, rate: options.rate, ackTimeoutMs: ACK_TIMEOUT_MS, tag });
    const cpuUse = await cpu;
    const ackedPerS = run.ackedInWindow / options.durationS;
    const keptUp = options.rate > 0 && ackedPerS >= 0.98 * options.rate;
    const bottleneck = bottleneckOf(cpuUse, fleet.pids.length, keptUp);
    log(`  ${label}: ${run.sent} sent, ${run.ackedIds.length} acked (${round(ackedPerS, 0)}/s in the measured window), ack p50 ${round(percentile(run.latenciesMs, 50))} ms, p99 ${round(percentile(run.latenciesMs, 99))} ms`);
    if (run.failed > 0) log(`  ${label}: ${run.failed} SUBMISSIONS NOT ACKNOWLEDGED: ${run.errors.join('; ')}`);
    if (cpuUse && run.ackedInWindow > 0) {
      const perAck = (1000 * cpuUse.serverMs) / run.ackedInWindow;
      log(`  ${label}: server CPU ${round(perAck, 0)} µs per acknowledged submission: one core would ack about ${round(1e6 / perAck, -1)}/s`);
    }
    log(`  ${label}: bottleneck: ${bottleneck}`);

    let seen: ModeratorSeen | null = null;
    if (moderator) {
      const deadline = Date.now() + MODERATOR_GRACE_MS;
      while (Date.now() < deadline && run.ackedIds.some((id) => !moderator.ids.has(id))) await sleep(100);
      const missing = run.ackedIds.filter((id) => !moderator.ids.has(id)).length;
      seen = { rows: moderator.ids.size, batches: moderator.batches, largestBatch: moderator.largestBatch, missing };
      log(`  ${label}: the moderator got ${seen.rows} rows in ${seen.batches} questions:changed batches (largest ${seen.largestBatch})${missing > 0 ? `; ${missing} acknowledged rows NOT shown within ${MODERATOR_GRACE_MS} ms` : ''}`);
    }

    let stored: number | null = null;
    let checked: number | null = null;
    let lost: number | null = null;
    if (persist) {
      const acked = [...run.ackedIds];
      if (options.cpuProfDir) {
        // --cpu-prof needs a normal exit to write its profile: no crash, a SIGTERM after the run.
        await server.child.stop();
        log(`  ${label}: server stopped (SIGTERM, for the profile); no crash check`);
      } else {
        // An ack is sent only after its COMMIT, so it must survive the process dying mid-storm:
        // the phones submit again and the server is killed while submissions are in flight.
        const burstAt = nowMs() + LEAD_MS;
        const burst = fleet.submit({ startAt: burstAt, warmupMs: 0, durationMs: CRASH_AFTER_MS * 3, rate: options.rate, ackTimeoutMs: ACK_TIMEOUT_MS, tag: randomBytes(5).toString('hex') });
        await sleep(Math.max(0, burstAt + CRASH_AFTER_MS - nowMs()));
        server.child.process.kill('SIGKILL');
        await server.child.exited;
        const after = await burst;
        acked.push(...after.ackedIds);
        log(`  ${label}: crash check: killed (SIGKILL) ${CRASH_AFTER_MS} ms into a new burst, after ${after.ackedIds.length} more acks; cut off: ${after.errors.join('; ') || 'nothing'}`);
      }
      const ids = await storedIds(server.dataDir, meeting.meetingId);
      stored = ids.size;
      checked = acked.length;
      lost = acked.filter((id) => !ids.has(id)).length;
      log(`  ${label}: database has ${stored} rows for ${acked.length} acknowledged submissions: ${lost === 0 ? 'none lost' : `${lost} ACKNOWLEDGED SUBMISSIONS LOST`}`);
    }
    return { ...run, ackedPerS, connectMs: ramp.elapsedMs, cpu: cpuUse, bottleneck, stored, checked, lost, moderator: seen };
  } finally {
    await resources.closeAll();
  }
}

export const ingest: Scenario = {
  sizes: [1000],
  inAll: true,
  description: 'N public phones submit questions: sustained acked submissions/s (durable) and ack latency, vs the same server acking without writing',
  timeoutS: ({ clients, warmupS, durationS }) => 120 + Math.ceil(clients / 25) + 2 * (warmupS + durationS + ACK_TIMEOUT_MS / 1000 + MODERATOR_GRACE_MS / 1000) + 15,
  async run(options, log) {
    const app = await runOn(true, options, log);
    const base = await runOn(false, options, log);
    const rows = comparedRows<IngestResult>('ingest', options.clients, app, base, [
      ['acked_per_s', 'submissions/s', (r) => r.ackedPerS],
      ['ack_p50', 'ms', (r) => percentile(r.latenciesMs, 50)],
      ['ack_p99', 'ms', (r) => percentile(r.latenciesMs, 99)],
      ['acked', 'submissions', (r) => r.ackedIds.length],
      ['errors', 'submissions', (r) => r.failed],
      ['lost', 'submissions', (r) => r.lost],
      ['moderator_rows', 'rows', (r) => r.moderator?.rows ?? null],
      ['ack_size', 'B', (r) => r.ackBytes],
      ['server_cpu', '% of a core', (r) => r.cpu?.serverPct ?? null],
      // CPU the server spent per acknowledged submission: what capacity one core gives, whatever else ran on the machine.
      ['server_cpu_per_ack', 'µs', (r) => (r.cpu && r.ackedInWindow > 0 ? (1000 * r.cpu.serverMs) / r.ackedInWindow : null)],
      ['workers_cpu', '% of a core', (r) => r.cpu?.workersPct ?? null],
      ['connect_all', 'ms', (r) => r.connectMs],
    ]);
    const durable = app.ackedPerS >= TARGET_PER_S && app.failed === 0 && app.lost === 0;
    log(`ingest: target ≥ ${TARGET_PER_S} durable submissions/s with none lost or unacknowledged: ${durable ? 'met' : 'NOT met'} (${round(app.ackedPerS, 0)}/s, ${app.failed} not acknowledged, ${app.lost} lost)`);
    if (app.lost !== null && app.lost > 0) {
      log(formatTable(rows));
      throw new Error(`ingest: ${app.lost} acknowledged submissions are not in the database (${app.stored} rows for ${app.checked} acks): an ack was sent before its row was durable`);
    }
    return rows;
  },
};
