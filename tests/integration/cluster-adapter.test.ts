import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clusterAdapter } from '../../server/src/realtime/cluster';
import { type RedisServer, startRedis } from '../support/redis';

/**
 * Pins the one place diemcau reaches inside Socket.IO's Redis streams adapter: `clusterAdapter`
 * wraps the adapter's `onMessage` (protected in its types) to learn when another node's
 * broadcast has been handed to this node's sockets, which keeps revisions in order across
 * nodes (broadcast-order.ts). An upgrade of the adapter that renames or stops calling it fails
 * here, not silently in production (the order would then fall back to its grace time).
 */
let redisServer: RedisServer;
const opened: { close: () => unknown }[] = [];

beforeAll(async () => {
  redisServer = await startRedis();
});

afterAll(async () => {
  for (const thing of opened.reverse()) await thing.close();
  await redisServer?.stop();
});

async function node(delivered: (event: unknown[], rooms: readonly string[]) => void) {
  const redis = new Redis(redisServer.url);
  const http = createServer();
  const io = new Server(http, { adapter: clusterAdapter(redis, delivered) });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  opened.push({ close: () => redis.quit() }, { close: () => io.close() });
  return { io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

it("tells this node of each broadcast another node sent, in order, with its rooms, and never of its own", async () => {
  const seenOnA: unknown[][] = [];
  const seenOnB: { event: unknown[]; rooms: readonly string[] }[] = [];
  const received: unknown[] = [];
  const a = await node((event) => seenOnA.push(event));
  const b = await node((event, rooms) => seenOnB.push({ event, rooms }));
  b.io.on('connection', (socket) => void socket.join('meeting:m1'));

  const client: Socket = connect(b.url, { transports: ['websocket'] });
  opened.push({ close: () => client.close() });
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  client.on('change', (payload: unknown) => received.push(payload));
  // B's socket is in the room once B has joined it; wait until A sees it there across the cluster.
  await expect.poll(async () => (await a.io.in('meeting:m1').fetchSockets()).length, { timeout: 10_000 }).toBe(1);

  a.io.to('meeting:m1').emit('change', { rev: 1 });
  a.io.to('meeting:m1').emit('change', { rev: 2 });
  await expect.poll(() => seenOnB.length, { timeout: 10_000 }).toBe(2);

  expect(seenOnB.map((seen) => seen.event)).toEqual([['change', { rev: 1 }], ['change', { rev: 2 }]]);
  expect(seenOnB.every((seen) => seen.rooms.includes('meeting:m1'))).toBe(true);
  await expect.poll(() => received, { timeout: 10_000 }).toEqual([{ rev: 1 }, { rev: 2 }]);
  expect(seenOnA).toEqual([]); // a node is not told of its own broadcasts
});
