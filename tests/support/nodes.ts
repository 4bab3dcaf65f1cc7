import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ServerProcess, startServerProcess } from '../e2e/server-process';

export type Nodes = {
  /** Each node's base URL, in start order. */
  urls: string[];
  adminToken: string;
  nodes: ServerProcess[];
  /** Stops every node and removes the shared data folder. */
  stop: () => Promise<void>;
};

/**
 * Starts `count` real server processes (`node --import tsx server/src/index.ts`) that make
 * one deployment: one Redis (`redisUrl`), one database (`env.DATABASE_URL` when given, else
 * one shared SQLite folder), one admin token. Reusable by the benchmark's two-node scenario:
 *
 *   const redis = await startRedis();                       // tests/support/redis.ts
 *   const { urls, adminToken, stop } = await startNodes(2, redis.url, { DATABASE_URL });
 *   // create a meeting with adminToken on urls[0], connect clients to both, … then
 *   await stop(); await redis.stop();
 *
 * Each node is a child process (its own event loop and CPU), started one after the other
 * (the first migrates the database); `env` adds settings (LOG_LEVEL, LIVEKIT_*, …).
 */
export async function startNodes(count: number, redisUrl: string, env: Record<string, string> = {}): Promise<Nodes> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'diemcau-nodes-'));
  const adminToken = `nodes-${randomBytes(24).toString('hex')}`;
  const shared = { REDIS_URL: redisUrl, DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, DEMO: 'false', CLIENT_DIR: '', ...env };
  const nodes: ServerProcess[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    // One after the other: the first creates the database schema.
    for (let i = 0; i < count; i += 1) nodes.push(await startServerProcess(shared));
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls: nodes.map((n) => n.url), adminToken, nodes, stop };
}
