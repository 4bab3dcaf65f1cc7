import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HEALTH_TIMEOUT_MS = 30_000;

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

/**
 * Starts the real server (`node --import tsx server/src/index.ts`) serving client/dist on a
 * free port with a fresh DATA_DIR and a new ADMIN_TOKEN; `env` adds settings (e.g. LIVEKIT_*).
 */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const clientDir = CLIENT_DIR;
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'diemcau-e2e-'));
  const adminToken = `e2e-${randomBytes(24).toString('hex')}`;
  const url = `http://127.0.0.1:${port}`;

  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, CLIENT_DIR: clientDir, PUBLIC_URL: url, LOG_LEVEL: 'warn', TZ: 'Asia/Ho_Chi_Minh', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, adminToken, stop };
}
