import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ExpiredSite, PRESENCE_EXPIRY_MS, redisPresence } from '../../server/src/sites/presence';
import { ManualClock } from './harness';
import { type RedisServer, startRedis } from '../support/redis';

/** Presence counted in Redis by two nodes: totals across nodes, and a node that stops answering has its connections expired. */
let server: RedisServer;
let redis: Redis;

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url);
});

afterAll(async () => {
  await redis?.quit();
  await server?.stop();
});

it('counts devices on every node, expires a silent node once, and restores a node that was only paused', async () => {
  const clock = new ManualClock(1_700_000_000_000);
  const logger = pino({ level: 'silent' });
  const expiredOnY: ExpiredSite[][] = [];
  const x = redisPresence({ redis, nodeId: 'x', now: clock.now, logger, expired: () => undefined });
  const y = redisPresence({ redis, nodeId: 'y', now: clock.now, logger, expired: (sites) => expiredOnY.push(sites) });
  await Promise.all([x.heartbeat(), y.heartbeat()]);

  expect(await x.connect('m1', 'shared')).toBe(1);
  expect(await y.connect('m1', 'shared')).toBe(2);
  expect(await x.connect('m1', 'onlyX')).toBe(1);
  await x.rtt('m1', 'onlyX', 80);
  expect(await y.read('m1')).toEqual(new Map([['shared', { devices: 2, rttMs: null }], ['onlyX', { devices: 1, rttMs: 80 }]]));
  expect(await y.read('m1', ['onlyX', 'nobody'])).toEqual(new Map([['onlyX', { devices: 1, rttMs: 80 }]]));

  // X goes silent; Y's next heartbeat after the expiry removes X's share: the site only X held is gone.
  clock.advance(PRESENCE_EXPIRY_MS + 1);
  await y.heartbeat();
  expect(expiredOnY).toEqual([[{ meetingId: 'm1', siteId: 'onlyX' }]]);
  expect(await y.read('m1')).toEqual(new Map([['shared', { devices: 1, rttMs: null }]]));
  await y.heartbeat();
  expect(expiredOnY).toHaveLength(1); // expired once

  // X was only paused: its next heartbeat puts its devices back.
  await x.heartbeat();
  expect(await y.read('m1')).toEqual(new Map([['shared', { devices: 2, rttMs: null }], ['onlyX', { devices: 1, rttMs: null }]]));
  expect(await x.disconnect('m1', 'onlyX')).toBe(0);
  expect(await y.disconnect('m1', 'onlyX')).toBeNull(); // Y never counted it
  expect(await y.disconnect('m1', 'shared')).toBe(1);

  await x.close(); // a clean stop takes its share with it
  expect(await y.read('m1')).toEqual(new Map());
  await y.close();
});
