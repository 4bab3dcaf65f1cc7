import type { QuestionsAccess } from '@diemcau/shared';
import type { Socket } from 'socket.io-client';
import type { BenchOptions } from '../lib/args';
import { nowMs, sleep } from '../lib/clock';
import { connectMany } from '../lib/connect';
import { spawnNode } from '../lib/processes';
import { row, type Row } from '../lib/report';
import { api, Resources, startDiemcau } from '../lib/servers';
import { percentile } from '../lib/stats';
import type { Scenario } from './types';

/** Each phone's probe: one clock sample per second, staggered (the answer is pure event-loop time). */
const PROBE_EVERY_MS = 1_000;
const PROBE_TIMEOUT_MS = 10_000;
/** Per-connection limits off: the same flood against a server without them. */
const LIMITS_OFF = { SOCKET_COMMANDS_PER_SECOND: '0', SOCKET_READS_PER_SECOND: '0' };

type Flood = { sent: number; answered: number; rateLimited: number; connections: number; closedByServer: number };
type Phase = { rttMs: number[]; timedOut: number; flood: Flood | null };

/** N phones on the demo meeting's public link, probing; optionally one flooding process on the same link. */
async function phase(url: string, token: string, options: BenchOptions, flooding: boolean, resources: Resources, log: (line: string) => void): Promise<Phase> {
  const ramp = await connectMany({ url, count: options.clients, batchSize: options.batchSize, timeoutMs: 30_000 }, () => token, () => undefined);
  const phones = ramp.sockets.filter((s): s is Socket => s !== null);
  const close = () => phones.forEach((s) => s.close());
  try {
    if (ramp.failed > 0) throw new Error(`${ramp.failed} phones could not connect: ${ramp.errors.join('; ')}`);
    const durationMs = options.durationS * 1000;
    const flooder = flooding
      ? resources.add(spawnNode('flooder', 'bench/workers/flooder.ts', { env: { FLOOD_URL: url, FLOOD_TOKEN: token, FLOOD_MS: String(durationMs + 1_000) } }), (c) => c.stop())
      : null;
    if (flooder) await sleep(1_000); // the flood is under way before the first probe
    const rttMs: number[] = [];
    let timedOut = 0;
    const end = nowMs() + durationMs;
    await Promise.all(
      phones.map(async (phone, i) => {
        await sleep((i / phones.length) * PROBE_EVERY_MS);
        while (nowMs() < end) {
          const sentAt = nowMs();
          try {
            await phone.timeout(PROBE_TIMEOUT_MS).emitWithAck('clock:ping', Date.now());
            rttMs.push(nowMs() - sentAt);
          } catch {
            timedOut += 1;
          }
          await sleep(Math.max(0, PROBE_EVERY_MS - (nowMs() - sentAt)));
        }
      }),
    );
    let flood: Flood | null = null;
    if (flooder) {
      await flooder.exited;
      const line = flooder.output().trim().split('\n').at(-1) ?? '';
      flood = JSON.parse(line) as Flood;
      log(`    flooder: ${flood.sent} sent, ${flood.answered} answered (${flood.rateLimited} rate_limited), ${flood.connections} connections, ${flood.closedByServer} closed by the server`);
    }
    return { rttMs, timedOut, flood };
  } finally {
    close();
  }
}

async function server(options: BenchOptions, env: Record<string, string>, resources: Resources) {
  const running = await startDiemcau(options, resources, { env, profile: false });
  const links = await api<QuestionsAccess>('GET', `${running.url}/api/meetings/${running.demoMeetingId}/questions/access`, running.adminToken);
  return { url: running.url, token: links.publicToken };
}

const rttRows = (label: string, clients: number, flood: Phase, quiet: Phase): Row[] => [
  row('flood', clients, `probe-p50 (${label})`, 'ms', percentile(flood.rttMs, 50), percentile(quiet.rttMs, 50)),
  row('flood', clients, `probe-p99 (${label})`, 'ms', percentile(flood.rttMs, 99), percentile(quiet.rttMs, 99)),
  row('flood', clients, `probe-max (${label})`, 'ms', Math.max(...flood.rttMs), Math.max(...quiet.rttMs)),
  row('flood', clients, `probe-timeouts (${label})`, 'n', flood.timedOut, quiet.timedOut),
];
const floodRows = (label: string, clients: number, flood: Flood, seconds: number): Row[] => [
  row('flood', clients, `flood-sent/s (${label})`, 'msg/s', flood.sent / seconds, null),
  row('flood', clients, `flood-answered/s (${label})`, 'msg/s', flood.answered / seconds, null),
  row('flood', clients, `flood-refused (${label})`, '%', flood.answered ? (100 * flood.rateLimited) / flood.answered : 0, null),
  row('flood', clients, `flood-closed (${label})`, 'n', flood.closedByServer, null),
];

export const flood: Scenario = {
  description: 'one public-link client flooding (re-syncs, submissions, clock samples; reconnecting when closed) while N phones probe: their round trip vs the same N without the flood, with and without per-connection limits',
  sizes: [200],
  defaults: { durationS: 20 },
  inAll: true,
  timeoutS: ({ clients, durationS }) => 120 + 3 * durationS + Math.ceil(clients / 50),
  async run(options, log) {
    const resources = new Resources();
    try {
      const limited = await server(options, {}, resources);
      log(`diemcau (default limits) on ${limited.url}: ${options.clients} phones, ${options.durationS} s quiet`);
      const quiet = await phase(limited.url, limited.token, options, false, resources, log);
      log(`  then ${options.durationS} s with one client flooding`);
      const flooded = await phase(limited.url, limited.token, options, true, resources, log);
      const open = await server(options, LIMITS_OFF, resources);
      log(`diemcau (per-connection limits off) on ${open.url}: ${options.durationS} s with the same flood`);
      const unlimited = await phase(open.url, open.token, options, true, resources, log);
      return [
        ...rttRows('limits on', options.clients, flooded, quiet),
        ...rttRows('limits off', options.clients, unlimited, quiet),
        ...floodRows('limits on', options.clients, flooded.flood!, options.durationS),
        ...floodRows('limits off', options.clients, unlimited.flood!, options.durationS),
      ];
    } finally {
      await resources.closeAll();
    }
  },
};
