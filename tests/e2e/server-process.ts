import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CreateMeeting, MeetingAccess, SiteInput } from '@diemcau/shared';

const ROOT = path.resolve(import.meta.dirname, '../..');
// generous: a loaded 2-core machine compiles the server (tsx) slowly on first start
const HEALTH_TIMEOUT_MS = 90_000;

/**
 * The built client the servers serve: client/dist, or DIEMCAU_E2E_CLIENT_DIR (a private build,
 * so a build started elsewhere in a shared working tree cannot swap the files mid-run).
 */
export const CLIENT_DIR = process.env.DIEMCAU_E2E_CLIENT_DIR ?? path.join(ROOT, 'client/dist');

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`diemcau server exited with ${child.exitCode}:\n${log()}`);
    // refused while the server is still starting: that is an answer too, try again shortly
    const res = await fetch(`${url}/healthz`).catch((error: unknown) => error);
    if (res instanceof Response && res.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`diemcau server did not become healthy within ${HEALTH_TIMEOUT_MS} ms:\n${log()}`);
}

export type ServerProcess = {
  url: string;
  adminToken: string;
  /** Stops the server and removes its data folder. */
  stop: () => Promise<void>;
};

/** One server process on a given port and data folder, left running until `kill`. */
export type SpawnedServer = {
  url: string;
  /** What the process printed (stdout and stderr), the last `keepChars` characters. */
  output: () => string;
  /** Sends `signal` (SIGKILL: a crash) and resolves once the process has exited. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
};

/**
 * Starts `node --import tsx server/src/index.ts` on `port` with `dataDir` (kept: a restart on
 * the same folder finds its data) and waits until /healthz answers.
 */
export async function spawnServer(options: { port: number; dataDir: string; adminToken: string; env?: Record<string, string>; keepChars?: number }): Promise<SpawnedServer> {
  const { port, dataDir, adminToken, env = {}, keepChars = 20_000 } = options;
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, CLIENT_DIR: CLIENT_DIR, PUBLIC_URL: url, LOG_LEVEL: 'warn', TZ: 'Asia/Ho_Chi_Minh', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-keepChars);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  try {
    await waitForHealth(url, child, () => output);
  } catch (error) {
    await kill('SIGKILL');
    throw error;
  }
  return { url, output: () => output, kill };
}

/**
 * Starts the real server (`node --import tsx server/src/index.ts`) serving client/dist on a
 * free port with a fresh DATA_DIR and a new ADMIN_TOKEN; `env` adds settings (e.g. LIVEKIT_*).
 */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'diemcau-e2e-'));
  const adminToken = `e2e-${randomBytes(24).toString('hex')}`;
  let server: SpawnedServer;
  try {
    server = await spawnServer({ port, dataDir, adminToken, env });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const stop = async () => {
    await server.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  };
  return { url: server.url, adminToken, stop };
}

/** The organiser's API of a server a spec started itself (e.g. one with LIVEKIT_* set). */
export async function adminApi<T>(server: ServerProcess, method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}/api${route}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.adminToken}` },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const json = (await res.json()) as { ok: boolean; data: T; message?: string };
  if (!json.ok) throw new Error(`${method} ${route} failed: ${json.message}`);
  return json.data;
}

export type SiteLink = { siteId: string; name: string; token: string };

/** A meeting with its sites on a server a spec started itself, and each site's link. */
export async function meetingOn(server: ServerProcess, body: CreateMeeting, sites: SiteInput[]): Promise<{ access: MeetingAccess; sites: SiteLink[] }> {
  const access = await adminApi<MeetingAccess>(server, 'POST', '/meetings', body);
  await adminApi(server, 'POST', `/meetings/${access.meetingId}/sites/import`, { sites });
  const links = await adminApi<{ sites: SiteLink[] }>(server, 'GET', `/meetings/${access.meetingId}/sites/access`);
  return { access, sites: sites.map((site) => links.sites.find((l) => l.name === site.name)!) };
}
