import { io } from 'socket.io-client';
import { liveKitMissing, liveKitOnFreePorts } from '../../tests/support/livekit';
import { disposeParticipants, joinRoom, type Participant } from '../../tests/support/participant';
import { cpuTimeMs } from '../lib/processes';
import { row, type Row } from '../lib/report';
import { accepted, type Ack, clientOptions, connectReady, importSites, Resources, startDiemcau } from '../lib/servers';
import type { Scenario } from './types';

/** Each step: settle this long after the watchers joined, then measure this long. */
const SETTLE_MS = 5_000;
const MEASURE_MS = 10_000;
const FPS = 30;

/** The watchers' frame rate under this share of what the publisher sends, or a smaller layer than 720p for half of them: quality dropped. */
const FPS_FLOOR = 0.8;

type Step = { watchers: number; fps: number; minFps: number; fullLayer: number; sfuCpu: number; diemcauCpu: number; participantsCpu: number; inMbps: number; outMbps: number };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Bytes LiveKit has received and sent so far (its Prometheus counter livekit_packet_bytes, by direction). */
async function sfuBytes(metricsUrl: string): Promise<{ incoming: number; outgoing: number }> {
  const text = await (await fetch(metricsUrl)).text();
  const sum = (direction: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith('livekit_packet_bytes{') && line.includes(`direction="${direction}"`))
      .reduce((total, line) => total + Number(line.split(' ').at(-1)), 0);
  return { incoming: sum('incoming'), outgoing: sum('outgoing') };
}

/**
 * One site publishing a 1280×720 camera with simulcast (three layers) at 30 frames a second
 * through a real LiveKit server (the pinned build), watched by N sites, N doubled until the
 * watchers' picture drops (frame rate under 80 % of the sent, or half of them on a smaller
 * layer) or --clients is reached. Watchers are LiveKit's Node SDK, which decodes every frame:
 * on one machine they share the cores with the SFU, so the SFU's CPU per watcher is the
 * figure to carry to bigger machines.
 */
export const video: Scenario = {
  description: 'one site publishing 720p simulcast to N watching sites through a real LiveKit server; N doubled until the picture drops: SFU, diemcau and participants CPU, bitrates',
  sizes: [64],
  inAll: false,
  timeoutS: ({ clients }) => 120 + clients * 6,
  async run(options, log) {
    if (liveKitMissing) throw new Error(liveKitMissing);
    const resources = new Resources();
    const participants: Participant[] = [];
    try {
      const livekit = resources.add(await liveKitOnFreePorts({ metrics: true }), (l) => l.stop());
      const env = { LIVEKIT_URL: livekit.config.url, LIVEKIT_API_KEY: livekit.config.apiKey, LIVEKIT_API_SECRET: livekit.config.apiSecret };
      const diemcau = await startDiemcau(options, resources, { env, profile: false });
      await livekit.start(`${diemcau.url}/api/livekit/webhook`);
      const meeting = await importSites(diemcau, 0, options.clients + 1);
      const mc = await connectReady(io(diemcau.url, clientOptions(meeting.mcToken)), 'MC');
      const emit = <T>(socket: typeof mc, event: string, payload?: unknown) =>
        socket.timeout(10_000).emitWithAck(event, ...(payload === undefined ? [] : [payload])) as Promise<Ack<T>>;
      accepted('video:settings', await emit(mc, 'video:settings', { hostSiteId: meeting.siteIds[0] }));
      accepted('video:open', await emit(mc, 'video:open'));
      /** A site's own token, from diemcau, as its page would get it. */
      const tokenOf = async (index: number) => {
        const socket = await connectReady(io(diemcau.url, clientOptions(meeting.tokens[index]!)), `site ${index}`);
        const access = accepted('video:token', await emit<{ token: string }>(socket, 'video:token'));
        socket.disconnect();
        return access.token;
      };

      const publisher = await joinRoom(livekit.config.url, await tokenOf(0));
      participants.push(publisher);
      await publisher.publishCamera({ width: 1280, height: 720, fps: FPS, simulcast: true });
      log(`video: the host hall publishes 1280×720 simulcast at ${FPS} fps`);

      const steps: Step[] = [];
      const watchers: Participant[] = [];
      for (let n = 1; n <= options.clients; n *= 2) {
        while (watchers.length < n) {
          const watcher = await joinRoom(livekit.config.url, await tokenOf(watchers.length + 1), { watch: true });
          watchers.push(watcher);
          participants.push(watcher);
        }
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        const before = { frames: watchers.map((w) => w.received.frames), sent: publisher.received.sent, bytes: await sfuBytes(livekit.metricsUrl!) };
        const cpu = { sfu: cpuTimeMs(livekit.pid()), diemcau: cpuTimeMs(diemcau.child.process.pid), self: process.cpuUsage(), at: Date.now() };
        await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
        const seconds = (Date.now() - cpu.at) / 1000;
        const self = process.cpuUsage(cpu.self);
        const bytes = await sfuBytes(livekit.metricsUrl!);
        const sentFps = (publisher.received.sent - before.sent) / seconds;
        const fps = watchers.map((w, i) => (w.received.frames - before.frames[i]!) / seconds);
        const share = (a: number | null, b: number | null) => (a === null || b === null ? 0 : ((b - a) / 10 / seconds)); // % of one core
        const step: Step = {
          watchers: n,
          fps: median(fps),
          minFps: Math.min(...fps),
          fullLayer: watchers.filter((w) => w.received.height >= 720).length / n,
          sfuCpu: share(cpu.sfu, cpuTimeMs(livekit.pid())),
          diemcauCpu: share(cpu.diemcau, cpuTimeMs(diemcau.child.process.pid)),
          participantsCpu: (self.user + self.system) / 1000 / 10 / seconds,
          inMbps: ((bytes.incoming - before.bytes.incoming) * 8) / seconds / 1e6,
          outMbps: ((bytes.outgoing - before.bytes.outgoing) * 8) / seconds / 1e6,
        };
        steps.push(step);
        log(
          `video: ${n} watchers: ${step.fps.toFixed(1)} fps median (min ${step.minFps.toFixed(1)}, sent ${sentFps.toFixed(1)}), ${Math.round(step.fullLayer * 100)} % on 720p, ` +
            `SFU ${step.sfuCpu.toFixed(0)} % of a core, diemcau ${step.diemcauCpu.toFixed(0)} %, participants ${step.participantsCpu.toFixed(0)} %, SFU in ${step.inMbps.toFixed(2)} Mbit/s out ${step.outMbps.toFixed(2)} Mbit/s`,
        );
        if (step.fps < FPS_FLOOR * sentFps || step.fullLayer < 0.5) {
          log(`video: the picture dropped at ${n} watchers`);
          break;
        }
      }
      mc.disconnect();
      const base = steps[0]!;
      const last = steps.at(-1)!;
      const held = steps.filter((s) => s.fps >= FPS_FLOOR * FPS * 0.9 && s.fullLayer >= 0.5).at(-1) ?? base;
      const at = (s: Step, metric: string, unit: string, pick: (s: Step) => number, baseline: number | null = pick(base)) => row('video', s.watchers, metric, unit, pick(s), baseline);
      const rows: Row[] = [
        row('video', held.watchers, 'watchers held at 720p (N)', 'sites', held.watchers, null),
        ...steps.flatMap((s) => [
          at(s, 'watcher fps (median)', 'fps', (x) => x.fps),
          at(s, 'SFU CPU', '% core', (x) => x.sfuCpu),
          at(s, 'SFU CPU per watcher', '% core', (x) => x.sfuCpu / x.watchers),
          at(s, 'diemcau CPU', '% core', (x) => x.diemcauCpu),
          at(s, 'participants CPU (decoding)', '% core', (x) => x.participantsCpu),
          at(s, 'SFU in', 'Mbit/s', (x) => x.inMbps),
          at(s, 'SFU out', 'Mbit/s', (x) => x.outMbps),
        ]),
      ];
      log(`video: baseline column = 1 watcher; last step ${last.watchers} watchers`);
      return rows;
    } finally {
      for (const p of participants) await p.leave();
      await disposeParticipants();
      await resources.closeAll();
    }
  },
};
