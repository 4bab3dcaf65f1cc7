import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import type { LiveKitConfig } from '../../server/src/video/room-service';
import { freePort } from '../e2e/server-process';
import type { NetLine } from './netline';

const ROOT = path.resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 30_000;

/** The pinned version, read from the script that builds it (one place says it). */
export const LIVEKIT_VERSION = /LIVEKIT_VERSION=(\S+)/.exec(readFileSync(path.join(ROOT, 'scripts/livekit-server.sh'), 'utf8'))![1]!;

/**
 * LiveKit's server binary: LIVEKIT_SERVER_BIN (scripts/test.sh sets it after building), else
 * the cache folder scripts/livekit-server.sh builds into; null when it was never built.
 */
export function liveKitBinary(): string | null {
  const fromEnv = process.env.LIVEKIT_SERVER_BIN;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  const cache = process.env.DIEMCAU_LIVEKIT_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'diemcau-livekit');
  const bin = path.join(cache, LIVEKIT_VERSION, 'server');
  return existsSync(bin) ? bin : null;
}

/** Why the real-LiveKit tests cannot run here, or null when they can. */
export const liveKitMissing: string | null = liveKitBinary()
  ? null
  : `LiveKit server ${LIVEKIT_VERSION} is not built: run \`bash scripts/livekit-server.sh\` (go install, about two minutes; npm test does it).`;

/**
 * Skip the real-LiveKit tests only outside CI, and say so loudly; under CI=true a missing
 * binary fails them (startLiveKit throws), since a silently skipped video suite is not a pass.
 */
export const skipWithoutLiveKit = liveKitMissing !== null && process.env.CI !== 'true';
if (skipWithoutLiveKit) console.warn(`\n!! ${liveKitMissing} The tests against a real LiveKit are SKIPPED.\n`);

/** A UDP port nothing is bound to right now. */
function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

export type LiveKitServer = {
  /** What browsers connect to, and what diemcau's server calls. */
  config: LiveKitConfig;
  /** The process id while it runs (the benchmark reads its CPU time). */
  pid: () => number | undefined;
  /** LiveKit's Prometheus metrics (with `metrics`), e.g. livekit_packet_bytes by direction. */
  metricsUrl: string | null;
  /** The process's output, the last 20,000 characters. */
  output: () => string;
  /** Ends the process (SIGKILL: a crash) and resolves once it has exited. */
  kill: (signal?: NodeJS.Signals) => Promise<void>;
  /** Starts it on its ports with its keys, webhooks to `webhookUrl` (again after `kill`: the same as before). */
  start: (webhookUrl?: string) => Promise<void>;
  /** Ends it and removes its folder. */
  stop: () => Promise<void>;
};

/**
 * A real LiveKit server (the pinned build) on free ports bound to loopback: signalling and
 * API on one TCP port, media on one UDP port and one TCP port, candidates for 127.0.0.1 only,
 * a fresh key and secret. Not running yet: diemcau's server under test is made with `config`
 * first, then `start(webhookUrl)` points LiveKit's webhooks at it. With `line` (a site's own
 * network line, tests/support/netline.ts) it also listens at the line's host end, for
 * signalling and media, and gives browsers the URL at that address (this machine reaches it too).
 */
export async function liveKitOnFreePorts(options: { metrics?: boolean; line?: Pick<NetLine, 'hostIp' | 'hostInterface'> } = {}): Promise<LiveKitServer> {
  const bin = liveKitBinary();
  if (!bin) throw new Error(liveKitMissing!);
  const [port, tcpPort, udpPort] = [await freePort(), await freePort(), await freeUdpPort()];
  const metricsPort = options.metrics ? await freePort() : null;
  const apiKey = `APIt${randomBytes(6).toString('hex')}`;
  const apiSecret = randomBytes(24).toString('hex');
  const dir = await mkdtemp(path.join(tmpdir(), 'diemcau-livekit-'));
  const configFile = path.join(dir, 'livekit.yaml');
  let output = '';
  let child: ChildProcess | null = null;
  let webhook: string | undefined;
  const apiUrl = `http://127.0.0.1:${port}`;
  const line = options.line;

  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };

  const start = async (webhookUrl = webhook) => {
    webhook = webhookUrl;
    // YAML is a superset of JSON
    await writeFile(
      configFile,
      JSON.stringify({
        port,
        bind_addresses: line ? ['127.0.0.1', line.hostIp] : ['127.0.0.1'],
        rtc: {
          tcp_port: tcpPort,
          udp_port: udpPort,
          // with a line, no node IP: LiveKit would map every local address to it and answer the
          // line's browser from the loopback socket; each interface gives its own candidate
          // instead (ICE lite: no STUN servers to ask, which a node without an IP would)
          ...(line ? { use_ice_lite: true } : { node_ip: '127.0.0.1' }),
          use_external_ip: false,
          enable_loopback_candidate: true,
          interfaces: { includes: line ? ['lo', line.hostInterface] : ['lo'] },
        },
        keys: { [apiKey]: apiSecret },
        ...(webhookUrl ? { webhook: { api_key: apiKey, urls: [webhookUrl] } } : {}),
        logging: { level: 'warn' },
        ...(metricsPort ? { prometheus_port: metricsPort } : {}),
      }),
    );
    const spawned = spawn(bin, ['--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = spawned;
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    spawned.stdout?.on('data', collect);
    spawned.stderr?.on('data', collect);
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (spawned.exitCode !== null) throw new Error(`LiveKit server exited with ${spawned.exitCode}:\n${output}`);
      const res = await fetch(apiUrl).catch((error: unknown) => error);
      if (res instanceof Response && res.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await kill();
    throw new Error(`LiveKit server did not answer on ${apiUrl} within ${START_TIMEOUT_MS} ms:\n${output}`);
  };

  return {
    config: { url: `ws://${line?.hostIp ?? '127.0.0.1'}:${port}`, apiUrl, apiKey, apiSecret },
    pid: () => child?.pid,
    metricsUrl: metricsPort ? `http://127.0.0.1:${metricsPort}/metrics` : null,
    output: () => output,
    start,
    kill,
    stop: async () => {
      await kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
