/** The servers under test (diemcau and the bare baseline) and the small HTTP/socket helpers every scenario uses. */
import { randomBytes } from 'node:crypto';
import type { MeetingAccess } from '@diemcau/shared';
import type { Socket } from 'socket.io-client';
import type { BenchOptions } from './args';
import type { Engine, PageKind } from './page';
import { filesFor, freePort, type NodeChild, removeTempDir, spawnNode, tempDir, waitForHttp } from './processes';
import { type ProbeReply, type ProbeRequest, READY_EVENT } from './protocol';

export type Ack<T> = { ok: true; data: T } | { ok: false; message: string };

/** How long one acknowledgement or HTTP request of the set-up may take. */
export const ACK_TIMEOUT_MS = 5_000;

/** A server under test, listening on 127.0.0.1. */
export type Running = { url: string; child: NodeChild };

/** Closers of everything opened so far; run in reverse order whatever happens. */
export class Resources {
  private readonly closers: (() => unknown)[] = [];
  add<T>(value: T, close: (value: T) => unknown): T {
    this.closers.push(() => close(value));
    return value;
  }
  async closeAll(): Promise<void> {
    for (const close of this.closers.reverse()) await close();
  }
}

export const accepted = <T>(what: string, ack: Ack<T>): T => {
  if (!ack.ok) throw new Error(`${what} refused: ${ack.message}`);
  return ack.data;
};

/** An admin API call (Bearer token) that must succeed; resolves to its `data`. */
export async function api<T>(method: 'GET' | 'POST' | 'DELETE', url: string, adminToken: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(ACK_TIMEOUT_MS * 6),
  });
  return accepted(`${method} ${url}`, (await response.json()) as Ack<T>);
}

export const clientOptions = (token: string) => ({ auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });

/** Connects a socket and waits for its first snapshot (the server's "ready"). */
export async function connectReady<S extends Socket>(socket: S, what: string): Promise<S> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no ${READY_EVENT} within ${ACK_TIMEOUT_MS} ms`)), ACK_TIMEOUT_MS);
    socket.once(READY_EVENT as 'connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${what}: ${error.message}`));
    });
  });
  return socket;
}

/** How a server under test is started: with bench/server-probe.ts loaded (`probe`), and open files for `clients` connections. */
type ServerSpawn = { clients: number; probe?: boolean; nodeArgs?: string[] };

/** Spawns a server script; with `probe`, `--expose-gc` and the probe are added and an IPC channel opened for `probe()`. */
function spawnServer(name: string, script: string, env: Record<string, string>, how: ServerSpawn): NodeChild {
  const nodeArgs = [...(how.nodeArgs ?? []), ...(how.probe ? ['--expose-gc'] : [])];
  const imports = how.probe ? ['./bench/server-probe.ts'] : [];
  return spawnNode(name, script, { env, nodeArgs, imports, ipc: how.probe, files: filesFor(how.clients) });
}

let probeIds = 0;

/** Asks a server started with `probe` for its memory and event-loop delay (see bench/server-probe.ts). */
export function probe(child: NodeChild, request: { gc: boolean; resetLoop: boolean }, timeoutMs = 30_000): Promise<ProbeReply> {
  const id = (probeIds += 1);
  return new Promise((resolve, reject) => {
    const onMessage = (reply: ProbeReply) => {
      if (reply?.type !== 'probe' || reply.id !== id) return;
      clearTimeout(timer);
      child.process.off('message', onMessage);
      resolve(reply);
    };
    const timer = setTimeout(() => {
      child.process.off('message', onMessage);
      reject(new Error(`${child.name} did not answer its probe within ${timeoutMs} ms (started without the probe?)`));
    }, timeoutMs);
    child.process.on('message', onMessage);
    const message: ProbeRequest = { type: 'probe', id, ...request };
    child.process.send(message);
  });
}

/** A diemcau server's way to be started again on the same port and data (the `reconnect` scenario's restart). */
/** `onSpawn` is called with the new process at once, before it answers (to watch its start). */
export type Restart = (onSpawn?: (child: NodeChild) => void) => Promise<NodeChild>;

/**
 * diemcau with the demo meeting in a fresh data dir on 127.0.0.1 (CPU-profiled with
 * --cpu-prof unless `profile` is false; `env` adds to or overrides its environment; `probe`
 * loads bench/server-probe.ts; `joining`: another node of an existing deployment, on its data
 * dir and admin token); resolves once it answers /healthz, with its admin token, the
 * demo meeting's id, the data dir (its database is `diemcau.db` there; the dir is removed with
 * `resources`) and `restart`, which starts it again on the same port and data once it has stopped.
 */
export async function startDiemcau(
  options: BenchOptions,
  resources: Resources,
  extra: { env?: Record<string, string>; profile?: boolean; probe?: boolean; joining?: { dataDir: string; adminToken: string } } = {},
): Promise<Running & { adminToken: string; demoMeetingId: string; dataDir: string; restart: Restart }> {
  const port = await freePort();
  const dataDir = extra.joining?.dataDir ?? resources.add(tempDir('diemcau-bench-'), removeTempDir);
  const adminToken = extra.joining?.adminToken ?? randomBytes(24).toString('hex');
  // every simulated page connects from 127.0.0.1: no per-address cap in the bench
  const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, DEMO: 'true', CLIENT_DIR: '', LOG_LEVEL: 'warn', CONNECTIONS_PER_ADDRESS: '0', DEVICE_KEYS_PER_ADDRESS: '0', QUESTION_LIMIT_PER_MEETING: '0', ...extra.env };
  const nodeArgs = options.cpuProfDir && extra.profile !== false ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const url = `http://127.0.0.1:${port}`;
  const spawnOne: Restart = async (onSpawn) => {
    const child = resources.add(spawnServer('diemcau server', 'server/src/index.ts', env, { clients: options.clients, probe: extra.probe, nodeArgs }), (c) => c.stop());
    onSpawn?.(child);
    await waitForHttp(`${url}/healthz`, child);
    return child;
  };
  const child = await spawnOne();
  const demoMeetingId = (await api<{ id: string }[]>('GET', `${url}/api/meetings`, adminToken))[0]?.id;
  if (!demoMeetingId) throw new Error('the demo meeting was not seeded (DEMO=true)');
  return { url, child, adminToken, demoMeetingId, dataDir, restart: spawnOne };
}

/**
 * A bare server on 127.0.0.1, once it answers /healthz: Socket.IO (bench/baseline-server.ts),
 * or with `engine` 'ws' bare ws (bench/ws-baseline-server.ts); `greetBytes`: the snapshot size per page kind to pad to.
 */
export async function startBaseline(resources: Resources, how: ServerSpawn & { engine?: Engine; greetBytes?: Partial<Record<PageKind, number>> }): Promise<Running> {
  const port = await freePort();
  const [name, script] = how.engine === 'ws' ? ['bare ws server', 'bench/ws-baseline-server.ts'] : ['baseline server', 'bench/baseline-server.ts'];
  const env = { PORT: String(port), GREET_BYTES: JSON.stringify(how.greetBytes ?? {}) };
  const child = resources.add(spawnServer(name, script, env, how), (c) => c.stop());
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, child);
  return { url, child };
}

/**
 * A copy of the demo meeting (same agenda; the demo's own sites, which the copy takes along,
 * removed, so that up to 3,000 fit) with `count` sites imported in one request
 * (`Điểm cầu 0001`…, numbered from `first` + 1), each with its own link.
 */
export async function importSites(
  server: { url: string; adminToken: string; demoMeetingId: string },
  first: number,
  count: number,
): Promise<MeetingAccess & { tokens: string[]; siteIds: string[] }> {
  const { url, adminToken, demoMeetingId } = server;
  const meeting = await api<MeetingAccess>('POST', `${url}/api/meetings/${demoMeetingId}/duplicate`, adminToken);
  const sitesUrl = `${url}/api/meetings/${meeting.meetingId}/sites`;
  const siteLinks = async () => (await api<{ sites: { siteId: string; token: string | null }[] }>('GET', `${sitesUrl}/access`, adminToken)).sites;
  for (const copied of await siteLinks()) await api('DELETE', `${sitesUrl}/${copied.siteId}`, adminToken);
  const sites = Array.from({ length: count }, (_, j) => ({ name: `Điểm cầu ${String(first + j + 1).padStart(4, '0')}`, group: `Nhóm ${1 + ((first + j) % 10)}`, expectedHeadcount: 10 }));
  await api('POST', `${sitesUrl}/import`, adminToken, { sites });
  const links = await siteLinks();
  if (links.length !== count || links.some((s) => !s.token)) throw new Error(`meeting ${meeting.meetingId}: ${links.length} site links for ${count} imported sites`);
  return { ...meeting, tokens: links.map((s) => s.token as string), siteIds: links.map((s) => s.siteId) };
}
