import { startRedis } from '../../tests/support/redis';
import type { FanoutResult } from '../lib/measure';
import { comparedRows } from '../lib/report';
import { type Resources, startDiemcau } from '../lib/servers';
import { diemcauTarget, fanoutMetrics, mcTarget, measurePair, type Target } from './fanout';
import type { Scenario } from './types';

/**
 * Two diemcau nodes on one Redis (Socket.IO's Redis streams adapter) and one database (the
 * SQLite file both open, or PostgreSQL when DATABASE_URL is set in this shell), the MC on
 * node A and the audience split between A and B: an agenda change travels A → Redis → B.
 */
async function twoNodes(options: Parameters<Scenario['run']>[0], resources: Resources): Promise<Target> {
  const redis = resources.add(await startRedis(), (r) => r.stop());
  const env = { REDIS_URL: redis.url };
  const a = await startDiemcau(options, resources, { env });
  const b = await startDiemcau(options, resources, { env, profile: false, joining: { dataDir: a.dataDir, adminToken: a.adminToken } });
  return { ...(await mcTarget(a, resources, options.clients)), urls: [a.url, b.url], otherServers: [b.child] };
}

export const twoNode: Scenario = {
  description: 'delay until the last of N clients receives an agenda change sent on node A, with the clients split over two nodes on one Redis, vs the same N on one node',
  sizes: [5000],
  inAll: true,
  timeoutS: ({ clients }) => 180 + Math.ceil(clients / 25),
  async run(options, log) {
    const { app, base } = await measurePair(
      options,
      log,
      { label: 'two nodes', start: (resources) => twoNodes(options, resources) },
      { label: 'one node', start: (resources) => diemcauTarget(options, resources) },
    );
    log('two-node: reported, no target; on one 2-core machine both nodes, Redis and the client workers share the same two cores, so the ratio shows the cost of the hop through Redis, not the capacity two machines would add');
    return comparedRows<FanoutResult>('two-node', options.clients, app, base, fanoutMetrics(options.warmup));
  },
};
