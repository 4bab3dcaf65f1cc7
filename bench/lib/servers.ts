/** The servers under test (diemcau and the bare baseline) and the small HTTP/socket helpers every scenario uses. */
import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import type { BenchOptions } from './args';
import { freePort, type NodeChild, removeTempDir, spawnNode, tempDir, waitForHttp } from './processes';
import { READY_EVENT } from './protocol';

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
export async function api<T>(method: 'GET' | 'POST', url: string, adminToken: string, body?: unknown): Promise<T> {
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

/**
 * diemcau with the demo meeting in a fresh data dir on 127.0.0.1 (CPU-profiled with
 * --cpu-prof unless `profile` is false; `env` adds to or overrides its environment);
 * resolves once it answers /healthz, with its admin token, the demo meeting's id and the
 * data dir (its database is `diemcau.db` there; the dir is removed with `resources`).
 */
export async function startDiemcau(
  options: BenchOptions,
  resources: Resources,
  extra: { env?: Record<string, string>; profile?: boolean } = {},
): Promise<Running & { adminToken: string; demoMeetingId: string; dataDir: string }> {
  const port = await freePort();
  const dataDir = resources.add(tempDir('diemcau-bench-'), removeTempDir);
  const adminToken = randomBytes(24).toString('hex');
  const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, DEMO: 'true', CLIENT_DIR: '', LOG_LEVEL: 'warn', ...extra.env };
  const nodeArgs = options.cpuProfDir && extra.profile !== false ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const child = resources.add(spawnNode('diemcau server', 'server/src/index.ts', { env, nodeArgs }), (c) => c.stop());
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, child);
  const demoMeetingId = (await api<{ id: string }[]>('GET', `${url}/api/meetings`, adminToken))[0]?.id;
  if (!demoMeetingId) throw new Error('the demo meeting was not seeded (DEMO=true)');
  return { url, child, adminToken, demoMeetingId, dataDir };
}

/** The bare Socket.IO server of bench/baseline-server.ts on 127.0.0.1, once it answers /healthz. */
export async function startBaseline(resources: Resources): Promise<Running> {
  const port = await freePort();
  const child = resources.add(spawnNode('baseline server', 'bench/baseline-server.ts', { env: { PORT: String(port) } }), (c) => c.stop());
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, child);
  return { url, child };
}
