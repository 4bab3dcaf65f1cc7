import { checkin } from './checkin';
import { client } from './client';
import { fanout } from './fanout';
import { flood } from './flood';
import { hostile } from './hostile';
import { ingest } from './ingest';
import { memory } from './memory';
import { phone } from './phone';
import { reconnect } from './reconnect';
import { soak } from './soak';
import { storm } from './storm';
import { twoNode } from './two-node';
import type { Scenario } from './types';
import { video } from './video';

/** Every scenario `--scenario NAME` can select; a new one is a module in this folder plus one line here. */
export const SCENARIOS: Record<string, Scenario> = {
  fanout,
  checkin,
  ingest,
  memory,
  reconnect,
  'two-node': twoNode,
  client,
  flood,
  hostile,
  soak,
  storm,
  video,
  phone,
};
