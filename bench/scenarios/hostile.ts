import { readFileSync } from 'node:fs';
import type { QuestionsAccess } from '@diemcau/shared';
import { io, type Socket } from 'socket.io-client';
import { nowMs, sleep } from '../lib/clock';
import { spawnNode } from '../lib/processes';
import { row, type Row } from '../lib/report';
import { api, clientOptions, connectReady, importSites, Resources, startDiemcau } from '../lib/servers';
import { percentile } from '../lib/stats';
import type { Scenario } from './types';

/** The MC's round trip: one clock sample every 125 ms (within its 10 reads a second). */
const PROBE_EVERY_MS = 125;
/** The attacks of bench/workers/attacker.ts, each run alone against a 3,000-site meeting. */
const ATTACKS = [
  'plan bombs',
  'sheet bombs',
  'exports',
  'board: 3 tabs paging through attendance',
  'mc: every read',
  'public: 20 phones re-syncing',
  'site: reports and re-syncs',
] as const;

type Totals = { requests: number; ok: number; refused: number; bytes: number; errors: number };
type Phase = { rttMs: number[]; timedOut: number; serverPeakMb: number; sandboxPeakMb: number; totals: Totals | null };

/** Resident memory of a process and of its children (the sandbox processes), MB; 0 where /proc cannot be read. */
function residentMb(pid: number): { own: number; children: number } {
  const rss = (p: number | string) => {
    try {
      return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    } catch {
      return 0;
    }
  };
  let children = 0;
  try {
    for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) children += rss(child);
  } catch {
    // no /proc: no figure
  }
  return { own: rss(pid), children };
}

async function phase(mc: Socket, serverPid: number, durationMs: number, attacker: (() => Promise<Totals>) | null): Promise<Phase> {
  const rttMs: number[] = [];
  let timedOut = 0;
  let serverPeakMb = 0;
  let sandboxPeakMb = 0;
  const memory = setInterval(() => {
    const now = residentMb(serverPid);
    serverPeakMb = Math.max(serverPeakMb, now.own);
    sandboxPeakMb = Math.max(sandboxPeakMb, now.children);
  }, 100);
  const attack = attacker?.() ?? null;
  if (attack) await sleep(500); // the attack is under way before the first sample
  const end = nowMs() + durationMs;
  try {
    while (nowMs() < end) {
      const sentAt = nowMs();
      try {
        await mc.timeout(10_000).emitWithAck('clock:ping', Date.now());
        rttMs.push(nowMs() - sentAt);
      } catch {
        timedOut++;
      }
      await sleep(Math.max(0, PROBE_EVERY_MS - (nowMs() - sentAt)));
    }
    return { rttMs, timedOut, serverPeakMb, sandboxPeakMb, totals: attack ? await attack : null };
  } finally {
    clearInterval(memory);
  }
}

export const hostile: Scenario = {
  description:
    'each attack alone (upload bombs, exports, every role re-reading at its allowed rate) against a 3,000-site meeting while the MC of another meeting samples the clock: its round trip p50/p99 vs the same without attack, and the server\'s peak memory',
  sizes: [3000],
  defaults: { durationS: 10 },
  inAll: false,
  timeoutS: ({ durationS }) => 240 + (ATTACKS.length + 1) * (durationS + 15),
  async run(options, log) {
    const resources = new Resources();
    try {
      const running = await startDiemcau(options, resources, { profile: false });
      const target = await importSites(running, 0, options.clients);
      const other = await importSites(running, options.clients, 10);
      const links = await api<QuestionsAccess>('GET', `${running.url}/api/meetings/${target.meetingId}/questions/access`, running.adminToken);
      const mc = await connectReady(io(running.url, clientOptions(other.mcToken)), 'MC of the other meeting');
      resources.add(mc, (s) => s.close());
      const pid = running.child.process.pid!;
      const config = {
        url: running.url,
        meetingId: target.meetingId,
        adminToken: running.adminToken,
        mcToken: target.mcToken,
        boardToken: target.leadershipToken,
        publicToken: links.publicToken,
        siteToken: target.tokens[0]!,
      };
      const durationMs = options.durationS * 1000;
      log(`diemcau on ${running.url}: a meeting of ${options.clients} sites under attack, the MC of another meeting sampling; ${options.durationS} s each`);
      const quiet = await phase(mc, pid, durationMs, null);
      log(`  no attack: MC p50 ${percentile(quiet.rttMs, 50).toFixed(1)} ms, p99 ${percentile(quiet.rttMs, 99).toFixed(1)} ms, server ${quiet.serverPeakMb.toFixed(0)} MB`);
      const rows: Row[] = [];
      // HOSTILE_ATTACKS=board,mc runs only the attacks whose names contain one of these words.
      const only = (process.env.HOSTILE_ATTACKS ?? '').split(',').filter(Boolean);
      for (const attack of ATTACKS.filter((a) => only.length === 0 || only.some((word) => a.includes(word)))) {
        const attacker = async () => {
          const child = resources.add(spawnNode('attacker', 'bench/workers/attacker.ts', { env: { ATTACK: attack, ATTACK_MS: String(durationMs + 500), ATTACK_CONFIG: JSON.stringify(config) } }), (c) => c.stop());
          await child.exited;
          const line = child.output().trim().split('\n').at(-1) ?? '';
          try {
            return JSON.parse(line) as Totals;
          } catch {
            throw new Error(`attacker "${attack}" printed no totals: ${child.output().slice(-500)}`);
          }
        };
        const under = await phase(mc, pid, durationMs, attacker);
        const t = under.totals!;
        log(
          `  ${attack}: MC p50 ${percentile(under.rttMs, 50).toFixed(1)} ms, p99 ${percentile(under.rttMs, 99).toFixed(1)} ms, ${under.timedOut} timed out; server ${under.serverPeakMb.toFixed(0)} MB, sandbox ${under.sandboxPeakMb.toFixed(0)} MB; attacker ${t.requests} requests, ${t.refused} refused, ${(t.bytes / 1024 / 1024).toFixed(1)} MB back, ${t.errors} errors`,
        );
        const clients = options.clients;
        rows.push(
          row('hostile', clients, `mc-rtt-p50 (${attack})`, 'ms', percentile(under.rttMs, 50), percentile(quiet.rttMs, 50)),
          row('hostile', clients, `mc-rtt-p99 (${attack})`, 'ms', percentile(under.rttMs, 99), percentile(quiet.rttMs, 99)),
          row('hostile', clients, `mc-timeouts (${attack})`, 'n', under.timedOut, quiet.timedOut),
          row('hostile', clients, `server-rss-peak (${attack})`, 'MB', under.serverPeakMb, quiet.serverPeakMb),
          row('hostile', clients, `sandbox-rss-peak (${attack})`, 'MB', under.sandboxPeakMb, null),
          row('hostile', clients, `attack-requests/s (${attack})`, 'req/s', t.requests / options.durationS, null),
          row('hostile', clients, `attack-refused (${attack})`, '%', t.requests ? (100 * t.refused) / t.requests : 0, null),
          row('hostile', clients, `attack-bytes-back/s (${attack})`, 'KB/s', t.bytes / 1024 / options.durationS, null),
        );
      }
      return rows;
    } finally {
      await resources.closeAll();
    }
  },
};
