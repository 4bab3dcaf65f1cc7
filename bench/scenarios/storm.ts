import { nowMs, sleep } from '../lib/clock';
import { Fleet } from '../lib/fleet';
import { audience, describeMix } from '../lib/page';
import { cpuTimeMs } from '../lib/processes';
import { comparedRows, type Metric } from '../lib/report';
import { Resources } from '../lib/servers';
import { percentile, round } from '../lib/stats';
import { baselineTarget, diemcauTarget, type Sizes, type Target } from './fanout';
import type { Scenario } from './types';

/** The MC (baselines: the trigger) sends a command this often while the storm lasts. */
const COMMAND_EVERY_MS = 500;
/** How long a page may take to have its snapshot; after the storm, how long until every page is on the last revision. */
const READY_TIMEOUT_MS = 90_000;
const CURRENT_TIMEOUT_MS = 15_000;

type StormResult = {
  /** ms from the storm's start until every page had its snapshot. */
  allServedMs: number;
  /** Per page: ms from the storm's start to its first snapshot. */
  servedMs: number[];
  failed: number;
  errors: string[];
  /** Round trips of the commands sent while the storm lasted, and those refused or unanswered. */
  commandRttMs: number[];
  commandErrors: number;
  /** Pages not on the last revision once the storm was over (after CURRENT_TIMEOUT_MS). */
  notCurrent: number;
  /** ms from the storm's start until every page held the last revision. */
  allCurrentMs: number;
  serverCpuMs: number | null;
  sizes: Sizes;
};

/**
 * One storm: `clients` pages all opened at once (each worker opens its whole share in one
 * batch, as pages do after a network blip), while the MC keeps sending commands; then every
 * page must hold the last revision.
 */
async function stormOn(label: string, target: Target, clients: number, workers: number, log: (line: string) => void, resources: Resources): Promise<StormResult> {
  const fleet = resources.add(new Fleet(clients, workers), (f) => f.close());
  // Let the workers load before the storm starts (a cold tsx start is seconds on a loaded machine).
  await sleep(3_000);
  const cpuBefore = cpuTimeMs(target.child.process.pid);
  const commandRttMs: number[] = [];
  let commandErrors = 0;
  let lastRev = 0;
  let storming = true;
  const commands = (async () => {
    for (let index = 0; storming; index += 1) {
      const sentAt = nowMs();
      try {
        lastRev = Math.max(lastRev, await target.trigger(index));
        commandRttMs.push(nowMs() - sentAt);
      } catch {
        commandErrors += 1;
      }
      await sleep(Math.max(0, COMMAND_EVERY_MS - (nowMs() - sentAt)));
    }
  })();
  const startedAt = nowMs();
  log(`${label}: ${clients} pages at once (${describeMix(clients)}), a command every ${COMMAND_EVERY_MS} ms meanwhile`);
  const ramp = await fleet.connect([target.url], target.engine, audience(clients, target.links), { batchSize: clients, timeoutMs: READY_TIMEOUT_MS });
  storming = false;
  await commands;
  const servedMs = ramp.readyAt.map((at) => at - startedAt);
  const allServedMs = Math.max(...servedMs);
  log(`  ${label}: ${servedMs.length}/${clients} served in ${round(allServedMs)} ms (p50 ${round(percentile(servedMs, 50))}); ${commandRttMs.length} commands, round trip p50 ${round(percentile(commandRttMs, 50))} ms, max ${round(Math.max(...commandRttMs))} ms`);
  if (ramp.failed > 0) log(`  ${label}: ${ramp.failed} failed: ${ramp.errors.join('; ')}`);
  let revs = await fleet.revs(lastRev);
  const deadline = nowMs() + CURRENT_TIMEOUT_MS;
  while (revs.atLeast < revs.total && nowMs() < deadline) {
    await sleep(100);
    revs = await fleet.revs(lastRev);
  }
  const allCurrentMs = nowMs() - startedAt;
  const cpuAfter = cpuTimeMs(target.child.process.pid);
  if (revs.atLeast < revs.total) log(`  ${label}: ${revs.total - revs.atLeast} pages not on revision ${lastRev}, e.g. at ${revs.behind.slice(0, 5).join('; ')}`);
  await fleet.close();
  return {
    allServedMs,
    servedMs,
    failed: ramp.failed,
    errors: ramp.errors,
    commandRttMs,
    commandErrors,
    notCurrent: revs.total - revs.atLeast,
    allCurrentMs,
    serverCpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    sizes: { bytesByIndex: [], snapshotBytes: ramp.snapshotBytes },
  };
}

const METRICS: Metric<StormResult>[] = [
  ['all-served', 'ms', (r) => r.allServedMs],
  ['served-p50', 'ms', (r) => percentile(r.servedMs, 50)],
  ['served-p99', 'ms', (r) => percentile(r.servedMs, 99)],
  ['all-current', 'ms', (r) => r.allCurrentMs],
  ['not-current', 'pages', (r) => r.notCurrent],
  ['failed', 'pages', (r) => r.failed],
  ['command-rtt-p50', 'ms', (r) => percentile(r.commandRttMs, 50)],
  ['command-rtt-p99', 'ms', (r) => percentile(r.commandRttMs, 99)],
  ['command-rtt-max', 'ms', (r) => Math.max(...r.commandRttMs)],
  ['commands', 'n', (r) => r.commandRttMs.length],
  ['command-errors', 'n', (r) => r.commandErrors],
  ['server-cpu', 'ms', (r) => r.serverCpuMs],
];

const VS_WS = new Set(['all-served', 'served-p50', 'served-p99', 'command-rtt-p50', 'command-rtt-p99', 'server-cpu']);

export const storm: Scenario = {
  description: 'N page-like screens connect all at once (as after a network blip) while the MC sends commands: time until all are served and on the current revision, the MC round trip, vs bare Socket.IO and bare ws',
  sizes: [10_000],
  inAll: false,
  timeoutS: ({ clients }) => 300 + Math.ceil(clients / 10),
  async run(options, log) {
    const results: StormResult[] = [];
    const sides: [string, (resources: Resources, sizes: Sizes) => Promise<Target>][] = [
      ['diemcau', (resources) => diemcauTarget(options, resources)],
      ['bare Socket.IO', (resources, sizes) => baselineTarget(sizes, resources, options)],
      ['bare ws', (resources, sizes) => baselineTarget(sizes, resources, options, false, 'ws')],
    ];
    // One at a time: a storm is measured alone on the machine.
    for (const [label, start] of sides) {
      const resources = new Resources();
      try {
        const target = await start(resources, results[0]?.sizes ?? { bytesByIndex: [], snapshotBytes: {} });
        results.push(await stormOn(label, target, options.clients, options.workers, log, resources));
      } finally {
        await resources.closeAll();
      }
    }
    const [app, sio, ws] = results as [StormResult, StormResult, StormResult];
    const vsWs = METRICS.filter(([name]) => VS_WS.has(name)).map(([name, unit, pick]) => [`${name} ÷ ws`, unit, pick] as const);
    const rows = [...comparedRows('storm', options.clients, app, sio, METRICS), ...comparedRows('storm', options.clients, app, ws, vsWs)];
    const ratio = rows.find((r) => r.metric === 'all-served')?.ratio;
    log(`storm ${options.clients}: all served in ${ratio ?? '?'}× bare Socket.IO's time (target ≤ 1.2×: ${ratio !== null && ratio !== undefined && ratio <= 1.2 ? 'met' : 'NOT met'}); ${app.notCurrent} pages not on the current revision; MC round trip p99 ${round(percentile(app.commandRttMs, 99))} ms over ${app.commandRttMs.length} commands, ${app.commandErrors} unanswered`);
    return rows;
  },
};
