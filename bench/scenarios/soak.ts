import { nowMs, sleep } from '../lib/clock';
import { FanoutRun } from '../lib/measure';
import { PhoneFleet } from '../lib/phone-fleet';
import type { ProbeReply } from '../lib/protocol';
import { type Row, row } from '../lib/report';
import { probe, Resources, startDiemcau } from '../lib/servers';
import { percentile, round } from '../lib/stats';
import { mcTarget } from './fanout';
import type { Scenario } from './types';

/** Of the N clients, this share are screens following the agenda; the rest are phones on the public link sending questions. */
const SCREEN_SHARE = 0.75;
/** The MC moves the agenda this often (each change is timed until the last screen has it). */
const CHANGE_EVERY_MS = 2_000;
/**
 * Questions per second over all phones, all meeting long (open loop: sent whether or not the
 * last was acknowledged); fewer with few phones, each staying under its 10 a minute.
 */
const QUESTIONS_PER_S = 20;
const questionRate = (phones: number) => Math.min(QUESTIONS_PER_S, phones / 6);
/** Memory (after a full collection) and event-loop delay are read this often. */
const SAMPLE_EVERY_MS = 30_000;
const CONNECT_TIMEOUT_MS = 30_000;
const ACK_TIMEOUT_MS = 10_000;
const MIB = 2 ** 20;

type Sample = { atS: number; reply: ProbeReply };

/** Least-squares slope of `y` over `x`: how fast it grows (0 for fewer than two points). */
export function slope(points: readonly { x: number; y: number }[]): number {
  if (points.length < 2) return 0;
  const meanX = points.reduce((s, p) => s + p.x, 0) / points.length;
  const meanY = points.reduce((s, p) => s + p.y, 0) / points.length;
  const num = points.reduce((s, p) => s + (p.x - meanX) * (p.y - meanY), 0);
  const den = points.reduce((s, p) => s + (p.x - meanX) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/** Growth of a memory figure in MiB per 10 minutes over the samples (after the first, taken as the start). */
const growthPer10Min = (samples: readonly Sample[], pick: (p: ProbeReply) => number) => slope(samples.map((s) => ({ x: s.atS, y: pick(s.reply) / MIB }))) * 600;

export const soak: Scenario = {
  description: `N clients (${SCREEN_SHARE * 100} % screens, the rest phones) held for --duration-s of agenda changes every ${CHANGE_EVERY_MS / 1000} s and ${QUESTIONS_PER_S} questions/s: memory at start and end, its trend, event-loop delay`,
  sizes: [2000],
  defaults: { durationS: 600 },
  inAll: false,
  timeoutS: ({ clients, durationS }) => 300 + durationS * 1.5 + Math.ceil(clients / 20),
  async run(options, log) {
    const resources = new Resources();
    try {
      // Every phone of the bench has the same address: the per-address limit (a school hall's) is off, the per-phone one stays.
      const server = await startDiemcau(options, resources, { probe: true, profile: false, env: { QUESTION_LIMIT_PER_ADDRESS: '0' } });
      const screens = Math.round(options.clients * SCREEN_SHARE);
      const target = await mcTarget(server, resources, screens);
      const phones = options.clients - screens;
      log(`soak on ${server.url}: ${screens} screens and ${phones} phones for ${options.durationS} s`);
      const run = resources.add(
        await FanoutRun.open({ label: 'screens', url: server.url, links: target.links, engine: target.engine, server: server.child, trigger: target.trigger, options: { ...options, clients: screens, warmup: 0 }, log }),
        (r) => r.close(),
      );
      const fleet = resources.add(new PhoneFleet(phones, 1), (f) => f.close());
      const ramp = await fleet.connect(server.url, target.links.public, { batchSize: options.batchSize, timeoutMs: CONNECT_TIMEOUT_MS });
      if (ramp.failed > 0) throw new Error(`${ramp.failed} phones could not connect: ${ramp.errors.join('; ')}`);

      const startedAt = nowMs();
      const endAt = startedAt + options.durationS * 1000;
      const samples: Sample[] = [];
      const sample = async () => samples.push({ atS: (nowMs() - startedAt) / 1000, reply: await probe(server.child, { gc: true, resetLoop: true }) });
      await sample();
      log(`  start: ${round(samples[0]!.reply.heapUsed / MIB)} MiB heap, ${round(samples[0]!.reply.rss / MIB)} MiB RSS with ${options.clients} clients`);

      const submitted = fleet.submit({ startAt: Date.now() + 200, warmupMs: 0, durationMs: options.durationS * 1000, rate: questionRate(phones), ackTimeoutMs: ACK_TIMEOUT_MS, tag: 'soak-bench' });
      const sampling = (async () => {
        while (nowMs() + SAMPLE_EVERY_MS <= endAt) {
          await sleep(SAMPLE_EVERY_MS);
          await sample();
          const last = samples.at(-1)!.reply;
          log(`  ${Math.round(samples.at(-1)!.atS)} s: ${round(last.heapUsed / MIB)} MiB heap, ${round(last.rss / MIB)} MiB RSS, loop delay p99 ${round(last.loop.p99Ms)} ms (max ${round(last.loop.maxMs)})`);
        }
      })();
      let changes = 0;
      while (nowMs() < endAt) {
        const stepStarted = nowMs();
        await run.step(changes);
        changes += 1;
        await sleep(Math.max(0, CHANGE_EVERY_MS - (nowMs() - stepStarted)));
      }
      const [questions] = await Promise.all([submitted, sampling]);
      const screensResult = await run.close();

      if (questions.failed > 0) log(`  questions not acknowledged: ${questions.errors.slice(0, 5).join('; ')}`);
      const first = samples[0]!.reply;
      const last = samples.at(-1)!.reply;
      const windows = samples.slice(1).map((s) => s.reply.loop);
      const heapGrowth = growthPer10Min(samples, (p) => p.heapUsed);
      const rssGrowth = growthPer10Min(samples, (p) => p.rss);
      log(
        `soak: heap ${round(first.heapUsed / MIB)} → ${round(last.heapUsed / MIB)} MiB (trend ${round(heapGrowth, 2)} MiB per 10 min), RSS ${round(first.rss / MIB)} → ${round(last.rss / MIB)} MiB; ` +
          `${questions.ackedIds.length} questions stored, ${changes} agenda changes, ${screensResult.incomplete.length} incomplete`,
      );
      const r = (metric: string, unit: string, value: number): Row => row('soak', options.clients, metric, unit, value, null);
      return [
        r('duration', 's', (nowMs() - startedAt) / 1000),
        r('heap_start', 'MiB', first.heapUsed / MIB),
        r('heap_end', 'MiB', last.heapUsed / MIB),
        r('heap_trend', 'MiB/10 min', heapGrowth),
        r('rss_start', 'MiB', first.rss / MIB),
        r('rss_end', 'MiB', last.rss / MIB),
        r('rss_trend', 'MiB/10 min', rssGrowth),
        r('loop_delay_p99_median', 'ms', percentile(windows.map((w) => w.p99Ms), 50)),
        r('loop_delay_p99_worst', 'ms', Math.max(...windows.map((w) => w.p99Ms))),
        r('loop_delay_max', 'ms', Math.max(...windows.map((w) => w.maxMs))),
        r('agenda_changes', 'n', changes),
        r('change_to_last_p99', 'ms', percentile(screensResult.delaysMs, 99)),
        r('changes_incomplete', 'n', screensResult.incomplete.length),
        r('questions_acked', 'n', questions.ackedIds.length),
        r('questions_failed', 'n', questions.failed),
        r('question_ack_p99', 'ms', percentile(questions.latenciesMs, 99)),
        r('samples', 'n', samples.length),
      ];
    } finally {
      await resources.closeAll();
    }
  },
};
