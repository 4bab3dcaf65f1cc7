import { MAX_SITES } from '@diemcau/shared';
import type { Socket } from 'socket.io-client';
import { BOARD_TOKEN, CONFIGURE_EVENT, type ConfigureRequest, SITE_TOKEN_PREFIX, TRIGGER_TOKEN } from '../baseline-server';
import type { BenchOptions } from '../lib/args';
import { Board } from '../lib/board';
import { nowMs, sleep } from '../lib/clock';
import { connectOne } from '../lib/connect';
import { shares } from '../lib/pool';
import { cpuTimeMs, untilIdle } from '../lib/processes';
import { headcountOf } from '../lib/protocol';
import { comparedRows } from '../lib/report';
import { type Ack, ACK_TIMEOUT_MS, accepted, importSites, Resources, type Running, startBaseline, startDiemcau } from '../lib/servers';
import { type CheckInResult, SiteFleet } from '../lib/site-fleet';
import { percentile } from '../lib/stats';
import type { Scenario } from './types';

/** Per check-in: how long a site's page waits for its acknowledgement before showing an error. */
const CHECK_IN_ACK_TIMEOUT_MS = 10_000;
/** Per connection while ramping up, as in fanout. */
const CONNECT_TIMEOUT_MS = 30_000;
/** Once the server is idle: longer than one board batch window (diemcau coalesces per 250 ms). */
const SETTLE_MS = 500;
/** Time between a storm's signal and its first check-in, so every worker has the signal first. */
const LEAD_MS = 300;
/**
 * Idle = under 10 % of a core over half a second. Before a storm the server must be idle; after
 * it, it may still work off a backlog (acks that timed out): wait this long at most.
 */
const IDLE = { windowMs: 500, share: 0.1, limitMs: 60_000 };
const EMFILE_HINT = 'out of file descriptors: raise the limit in this shell first, e.g. `ulimit -n 65536`';

/** One board to watch: its link, the sites it must show checked in, their headcount total. */
type BoardPlan = { token: string; siteIds: string[]; expectedHeadcount: number; label: string };
/** One server under test with its N sites' links and the board(s) that show them. */
type Target = Running & { label: string; tokens: string[]; boards: BoardPlan[] };

const headcountTotal = (from: number, count: number): number => Array.from({ length: count }, (_, j) => headcountOf(from + j)).reduce((a, b) => a + b, 0);

/**
 * diemcau with N fresh sites: in meetings of at most MAX_SITES (copies of the demo meeting,
 * which itself stays as seeded and idle), each imported in one request, one board per meeting.
 */
async function diemcauTarget(options: BenchOptions, resources: Resources, log: (line: string) => void): Promise<Target> {
  const { url, child, adminToken, demoMeetingId } = await startDiemcau(options, resources);
  const parts = shares(options.clients, Math.ceil(options.clients / MAX_SITES));
  if (parts.length > 1) log(`  ${options.clients} sites are more than ${MAX_SITES} per meeting: ${parts.length} meetings of ${parts.join(' + ')} sites, one board each`);
  const started = nowMs();
  const tokens: string[] = [];
  const boards: BoardPlan[] = [];
  for (const count of parts) {
    const first = tokens.length;
    const meeting = await importSites({ url, adminToken, demoMeetingId }, first, count);
    tokens.push(...meeting.tokens);
    boards.push({ token: meeting.leadershipToken, siteIds: meeting.siteIds, expectedHeadcount: headcountTotal(first, count), label: `board of meeting ${boards.length + 1}` });
  }
  log(`  diemcau: ${options.clients} sites imported with their links in ${Math.round(nowMs() - started)} ms`);
  return { url, child, label: 'diemcau', tokens, boards };
}

/** The bare server: the same N sites by name only, one board hearing every check-in as it comes. */
async function baselineTarget(options: BenchOptions, resources: Resources): Promise<Target> {
  const { url, child } = await startBaseline(resources, { clients: options.clients });
  const siteIds = Array.from({ length: options.clients }, (_, i) => `site-${i}`);
  const board = { token: BOARD_TOKEN, siteIds, expectedHeadcount: headcountTotal(0, options.clients), label: 'baseline board' };
  return { url, child, label: 'baseline', tokens: siteIds.map((id) => `${SITE_TOKEN_PREFIX}${id}`), boards: [board] };
}

/** A server with its boards open and its N sites connected (each to its own link). */
type Ready = { target: Target; fleet: SiteFleet; boards: Board[]; connectMs: number };

async function connectSites(target: Target, options: BenchOptions, resources: Resources, log: (line: string) => void): Promise<Ready> {
  const boards = await Promise.all(
    target.boards.map(async (plan) => {
      const { board, socket } = await Board.open({ url: target.url, ...plan, timeoutMs: ACK_TIMEOUT_MS });
      resources.add(socket, (s) => s.close());
      return board;
    }),
  );
  log(`${target.label} on ${target.url}: connecting ${options.clients} sites`);
  const fleet = resources.add(new SiteFleet(target.tokens, options.workers), (f) => f.close());
  const ramp = await fleet.connect(target.url, { batchSize: options.batchSize, timeoutMs: CONNECT_TIMEOUT_MS });
  const connected = options.clients - ramp.failed;
  log(`  ${target.label}: ${connected}/${options.clients} sites connected in ${Math.round(ramp.elapsedMs)} ms`);
  if (ramp.failed > 0) {
    const hint = ramp.errors.some((e) => e.includes('EMFILE')) ? `\n${EMFILE_HINT}` : '';
    throw new Error(`${target.label}: ${ramp.failed} sites could not connect (${ramp.errors.join('; ')}); a storm without them would never complete${hint}\n${target.child.output()}`);
  }
  return { target, fleet, boards, connectMs: ramp.elapsedMs };
}

/** What one storm of check-ins measured on one server. */
type Storm = CheckInResult & {
  /** First check-in sent → the board showing the final totals; null when it did not in time. */
  boardFinalMs: number | null;
  boardBatches: number;
  boardRowsMax: number;
  boardMissing: number;
  /** Server CPU (user + system) from the signal until it was idle again: the storm's whole cost. */
  serverCpuMs: number | null;
};

/** Every site checks in within the window; waits for every ack and then for the boards' final totals. */
async function storm(ready: Ready, options: BenchOptions, log: (line: string) => void): Promise<Storm> {
  const { target, fleet, boards } = ready;
  const pid = target.child.process.pid;
  // Start quiet: the ramp-up's presence writes (or the previous storm) worked off, the board's last batch sent.
  if ((await untilIdle(pid, IDLE)) === null) log(`  ${target.label}: server still busy ${IDLE.limitMs / 1000} s before the storm; going on`);
  await sleep(SETTLE_MS);
  for (const board of boards) board.resetCounts();
  const cpuBefore = cpuTimeMs(pid);
  log(`  ${target.label}: ${options.clients} check-ins ${options.windowMs > 0 ? `over ${options.windowMs} ms` : 'all at once'}`);
  const result = await fleet.checkIn({ startAt: nowMs() + LEAD_MS, windowMs: options.windowMs, ackTimeoutMs: CHECK_IN_ACK_TIMEOUT_MS });
  if (result.failed > 0) log(`  ${target.label}: ${result.failed} check-ins failed: ${result.errors.join('; ')}`);
  const shown = await Promise.all(boards.map((board) => board.until(() => board.final(), options.changeTimeoutMs)));
  const boardMissing = boards.reduce((sum, b) => sum + b.missing(), 0);
  const finalAt = () => Math.max(...boards.map((b) => b.finalAt ?? Number.NaN)) - result.firstSentAt;
  const boardFinalMs = shown.every(Boolean) ? finalAt() : null;
  if (boardFinalMs === null) {
    log(`  ${target.label}: the board did not show the final totals within ${options.changeTimeoutMs} ms (--change-timeout-ms) of the last acknowledgement: ${boardMissing} sites not shown checked in`);
  }
  // Both the CPU figure and the next storm need the server to have worked off its backlog.
  const idleAfterMs = await untilIdle(pid, IDLE);
  const cpuAfter = cpuTimeMs(pid);
  if (idleAfterMs === null) log(`  ${target.label}: server still busy ${IDLE.limitMs / 1000} s after the storm; the CPU figure stops there`);
  else if (idleAfterMs > 1_000) log(`  ${target.label}: server busy for another ${Math.round(idleAfterMs / 1000)} s working off the backlog`);
  if (boardFinalMs === null && boards.every((b) => b.finalAt !== null)) log(`  ${target.label}: (the board showed the totals only ${Math.round(finalAt())} ms after the first check-in)`);
  const arrivals = boards.flatMap((b) => b.arrivals);
  if (arrivals.length <= 20) log(`  ${target.label}: board batches at ${arrivals.map((a) => `+${Math.round(a.at - result.firstSentAt)} ms (${a.rows} rows)`).join(', ')}`);
  log(`  ${target.label}: acks p50 ${Math.round(percentile(result.latenciesMs, 50))} ms; board final after ${boardFinalMs === null ? '–' : Math.round(boardFinalMs)} ms`);
  return {
    ...result,
    boardFinalMs,
    boardBatches: boards.reduce((sum, b) => sum + b.batches, 0),
    boardRowsMax: Math.max(...boards.map((b) => b.largestBatch)),
    boardMissing,
    serverCpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
  };
}

/** Tells the baseline server how large an acknowledgement diemcau sent, so both carry the same bytes. */
async function configureBaseline(url: string, ackBytes: number, resources: Resources): Promise<void> {
  const { socket, failure } = await connectOne(url, TRIGGER_TOKEN, ACK_TIMEOUT_MS, () => undefined);
  resources.add(socket, (s: Socket) => s.close());
  if (failure !== null) throw new Error(`baseline trigger: ${failure}`);
  const request: ConfigureRequest = { ackBytes };
  accepted(CONFIGURE_EVENT, (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(CONFIGURE_EVENT, request)) as Ack<null>);
}

/** Both servers up with their own N sites and board(s); diemcau's storm first, then the baseline's with acks of the same size. */
async function measure(options: BenchOptions, log: (line: string) => void): Promise<{ app: Storm & { connectMs: number }; base: Storm & { connectMs: number } }> {
  const resources = new Resources();
  try {
    const app = await connectSites(await diemcauTarget(options, resources, log), options, resources, log);
    // Every site's first device is a presence change on the board: wait until it shows them all, so the storm starts quiet.
    const present = await Promise.all(app.boards.map((b) => b.until(() => b.allPresent(), CONNECT_TIMEOUT_MS)));
    if (!present.every(Boolean)) log(`  diemcau: the board does not show every site connected (${app.boards.map((b) => b.present).join(' + ')}); going on`);
    const base = await connectSites(await baselineTarget(options, resources), options, resources, log);

    const appStorm = await storm(app, options, log);
    await configureBaseline(base.target.url, percentile(appStorm.ackBytes, 50) || 0, resources);
    const baseStorm = await storm(base, options, log);
    return { app: { ...appStorm, connectMs: app.connectMs }, base: { ...baseStorm, connectMs: base.connectMs } };
  } finally {
    await resources.closeAll();
  }
}

export const checkin: Scenario = {
  sizes: [1000],
  inAll: true,
  description: 'N sites check in within a window: ack latency and time until the board shows the totals, vs a bare Socket.IO ack',
  // Importing the sites and connecting each with its own link takes far longer than a fan-out's ramp-up.
  timeoutS: ({ clients }) => 120 + Math.ceil(clients / 15),
  async run(options, log) {
    const { app, base } = await measure(options, log);
    return comparedRows<typeof app>('checkin', options.clients, app, base, [
      ['ack-p50', 'ms', (r) => percentile(r.latenciesMs, 50)],
      ['ack-p99', 'ms', (r) => percentile(r.latenciesMs, 99)],
      ['ack-max', 'ms', (r) => (r.latenciesMs.length ? Math.max(...r.latenciesMs) : null)],
      ['ack-size', 'B', (r) => percentile(r.ackBytes, 50)],
      ['board-final', 'ms', (r) => r.boardFinalMs],
      ['board-batches', 'batches', (r) => r.boardBatches],
      ['board-rows-max', 'rows', (r) => r.boardRowsMax],
      ['board-missing', 'sites', (r) => r.boardMissing],
      ['connect-all', 'ms', (r) => r.connectMs],
      ['server-cpu', 'ms', (r) => r.serverCpuMs],
      ['errors', 'check-ins', (r) => r.failed],
    ]);
  },
};
