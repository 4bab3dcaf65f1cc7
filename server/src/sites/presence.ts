import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** A site's live connections: devices connected on every node, and its last round trip. */
export type LiveSite = { devices: number; rttMs: number | null };

/** A site whose devices were all on a node that stopped answering. */
export type ExpiredSite = { meetingId: string; siteId: string };

/**
 * Who is connected. `connect`/`disconnect` resolve to the site's devices on every node
 * afterwards, so the first connection and the last disconnection are recorded once.
 */
export interface PresenceCounter {
  connect(meetingId: string, siteId: string): Promise<number>;
  /** Null when this node counted no device of the site (removed meanwhile). */
  disconnect(meetingId: string, siteId: string): Promise<number | null>;
  /** A device's round trip (smoothed per site). */
  rtt(meetingId: string, siteId: string, rttMs: number): Promise<void>;
  /** The live sites among `siteIds` (all of the meeting's when absent); a site not in the map has no device. */
  read(meetingId: string, siteIds?: readonly string[]): Promise<Map<string, LiveSite>>;
  forget(meetingId: string, siteId: string): Promise<void>;
  close(): Promise<void>;
}

const smooth = (previous: number | null, rttMs: number) => (previous === null ? rttMs : Math.min(previous, rttMs) * 0.5 + rttMs * 0.5);

/** One node: the counts live in this process. */
export function memoryPresence(): PresenceCounter {
  const live = new Map<string, LiveSite>();
  return {
    async connect(_meetingId, siteId) {
      const site = live.get(siteId) ?? { devices: 0, rttMs: null };
      site.devices += 1;
      live.set(siteId, site);
      return site.devices;
    },
    async disconnect(_meetingId, siteId) {
      const site = live.get(siteId);
      if (!site) return null;
      site.devices = Math.max(0, site.devices - 1);
      if (site.devices === 0) live.delete(siteId);
      return site.devices;
    },
    async rtt(_meetingId, siteId, rttMs) {
      const site = live.get(siteId);
      if (site) site.rttMs = smooth(site.rttMs, rttMs);
    },
    async read(_meetingId, siteIds) {
      if (!siteIds) return new Map(live);
      return new Map(siteIds.flatMap((id) => (live.has(id) ? [[id, live.get(id)!] as const] : [])));
    },
    async forget(_meetingId, siteId) {
      live.delete(siteId);
    },
    async close() {
      live.clear();
    },
  };
}

/** How often a node says it is alive, and after how long without a word it counts as gone. */
export const PRESENCE_HEARTBEAT_MS = 5_000;
export const PRESENCE_EXPIRY_MS = 15_000;

const NODES = 'dc:presence:nodes';
const devicesKey = (meetingId: string) => `dc:presence:${meetingId}`;
const rttKey = (meetingId: string) => `dc:presence:${meetingId}:rtt`;
const nodeKey = (nodeId: string) => `dc:presence:node:${nodeId}`;
const field = (meetingId: string, siteId: string) => `${meetingId} ${siteId}`;

/** Adds ARGV[2] devices of site ARGV[1] (this node's share in KEYS[3], field ARGV[3]); a total that reaches 0 is removed with its round trip. */
const ADD = `
local total = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
local mine = redis.call('HINCRBY', KEYS[3], ARGV[3], ARGV[2])
if mine <= 0 then redis.call('HDEL', KEYS[3], ARGV[3]) end
if total <= 0 then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
  return 0
end
return total`;

/** Removes a gone node's share of every site (KEYS[1]: its shares); returns the fields whose site has no device left. */
const EXPIRE = `
local shares = redis.call('HGETALL', KEYS[1])
local gone = {}
for i = 1, #shares, 2 do
  local meeting, site = string.match(shares[i], '^(%S+) (%S+)$')
  local total = redis.call('HINCRBY', 'dc:presence:' .. meeting, site, -tonumber(shares[i + 1]))
  if total <= 0 then
    redis.call('HDEL', 'dc:presence:' .. meeting, site)
    redis.call('HDEL', 'dc:presence:' .. meeting .. ':rtt', site)
    table.insert(gone, shares[i])
  end
end
redis.call('DEL', KEYS[1])
return gone`;

/**
 * Several nodes: each site's devices are counted in Redis (a total per site, and each node's
 * share under the node's own key). Nodes heartbeat into a sorted set; a node silent for
 * PRESENCE_EXPIRY_MS is removed by the first node to notice, its shares subtracted, and the
 * sites left with no device handed to `expired` (recorded as disconnected, boards told).
 */
export function redisPresence(deps: {
  redis: Redis;
  nodeId: string;
  now: () => number;
  logger: Logger;
  expired: (sites: ExpiredSite[]) => void;
}): PresenceCounter & { heartbeat(): Promise<void> } {
  const { redis, nodeId, logger } = deps;
  /** This node's shares, to restore them if other nodes took it for gone (a long pause). */
  const mine = new Map<string, number>();
  const rtts = new Map<string, number>();

  const add = async (meetingId: string, siteId: string, delta: number): Promise<number> => {
    const key = field(meetingId, siteId);
    const share = (mine.get(key) ?? 0) + delta;
    if (share <= 0) mine.delete(key);
    else mine.set(key, share);
    const total = await redis.eval(ADD, 3, devicesKey(meetingId), rttKey(meetingId), nodeKey(nodeId), siteId, delta, key);
    return Number(total);
  };

  const heartbeat = async (): Promise<void> => {
    const now = deps.now();
    const added = await redis.zadd(NODES, now, nodeId);
    if (added === 1 && mine.size > 0) {
      // Taken for gone while alive (paused longer than the expiry): put this node's devices back.
      logger.warn({ nodeId }, 'presence: this node had been taken for gone; restoring its connections');
      for (const [key, share] of mine) {
        const [meetingId, siteId] = key.split(' ') as [string, string];
        await redis.eval(ADD, 3, devicesKey(meetingId), rttKey(meetingId), nodeKey(nodeId), siteId, share, key);
      }
    }
    for (const gone of await redis.zrangebyscore(NODES, '-inf', now - PRESENCE_EXPIRY_MS)) {
      if (gone === nodeId || (await redis.zrem(NODES, gone)) !== 1) continue; // another node took it
      const fields = (await redis.eval(EXPIRE, 1, nodeKey(gone))) as string[];
      logger.warn({ node: gone, sites: fields.length }, 'presence: a node stopped answering; its connections expired');
      if (fields.length > 0) deps.expired(fields.map((f) => ({ meetingId: f.split(' ')[0]!, siteId: f.split(' ')[1]! })));
    }
  };
  const beat = () => void heartbeat().catch((error: unknown) => logger.error({ err: error }, 'presence heartbeat failed'));
  beat();
  const timer = setInterval(beat, PRESENCE_HEARTBEAT_MS);
  timer.unref();

  return {
    /** Says this node is alive and expires the nodes that are not (also run every PRESENCE_HEARTBEAT_MS). */
    heartbeat,
    connect: (meetingId, siteId) => add(meetingId, siteId, 1),
    disconnect: (meetingId, siteId) => (mine.has(field(meetingId, siteId)) ? add(meetingId, siteId, -1) : Promise.resolve(null)),
    async rtt(meetingId, siteId, rttMs) {
      const next = smooth(rtts.get(siteId) ?? null, rttMs);
      rtts.set(siteId, next);
      await redis.hset(rttKey(meetingId), siteId, Math.round(next));
    },
    async read(meetingId, siteIds) {
      let ids: readonly string[];
      let devices: (string | null)[];
      let rtt: (string | null)[];
      if (siteIds) {
        if (siteIds.length === 0) return new Map();
        ids = siteIds;
        [devices, rtt] = await Promise.all([redis.hmget(devicesKey(meetingId), ...ids), redis.hmget(rttKey(meetingId), ...ids)]);
      } else {
        const [all, allRtt] = await Promise.all([redis.hgetall(devicesKey(meetingId)), redis.hgetall(rttKey(meetingId))]);
        ids = Object.keys(all);
        devices = ids.map((id) => all[id] ?? null);
        rtt = ids.map((id) => allRtt[id] ?? null);
      }
      const live = new Map<string, LiveSite>();
      ids.forEach((id, i) => {
        const count = Number(devices[i] ?? 0);
        if (count > 0) live.set(id, { devices: count, rttMs: rtt[i] == null ? null : Number(rtt[i]) });
      });
      return live;
    },
    async forget(meetingId, siteId) {
      mine.delete(field(meetingId, siteId));
      await redis.multi().hdel(devicesKey(meetingId), siteId).hdel(rttKey(meetingId), siteId).hdel(nodeKey(nodeId), field(meetingId, siteId)).exec();
    },
    async close() {
      clearInterval(timer);
      // Connections still counted (none after a clean close) go with this node's key.
      await redis.eval(EXPIRE, 1, nodeKey(nodeId));
      await redis.zrem(NODES, nodeId);
      mine.clear();
    },
  };
}
