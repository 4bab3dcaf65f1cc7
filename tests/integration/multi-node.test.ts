import { createHash, randomBytes } from 'node:crypto';
import { type AttendanceSnapshot, CreateMeeting, type MeetingAccess, type MeetingChange, type MeetingSnapshot, type SiteRow, type VideoBridgeState } from '@diemcau/shared';
import { AccessToken } from 'livekit-server-sdk';
import { io as connectClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bacGiangDemo } from '../../server/src/demo/demo';
import { type FakeLiveKit, LIVEKIT_KEY, LIVEKIT_SECRET, startFakeLiveKit } from './fake-livekit';
import { type Client, send, testDatabaseEnv, until } from './harness';
import { type Nodes, startNodes } from '../support/nodes';
import { type RedisServer, startRedis } from '../support/redis';

const MIN = 60_000;

/**
 * Two real server processes (`node --import tsx server/src/index.ts`) on one Redis and one
 * database: what one node applies reaches the other node's clients through Socket.IO's
 * adapter, once and in revision order; presence and rate limits are counted across nodes.
 */
let redis: RedisServer;
let livekit: FakeLiveKit;
let cluster: Nodes;
let a: string;
let b: string;
let access: MeetingAccess;
const clients: Client[] = [];

async function http<T>(base: string, method: string, route: string, body?: unknown, token = cluster.adminToken) {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; data: T; code?: string } };
}

/** A socket client of `base`; resolves with its first snapshot. `listen` attaches listeners before it connects. */
async function connect(base: string, token: string, listen: (client: Client) => void = () => undefined) {
  const client: Client = connectClient(base, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  clients.push(client);
  listen(client);
  const snapshot = await new Promise<MeetingSnapshot>((resolve, reject) => {
    client.once('meeting:snapshot', resolve);
    client.once('connect_error', reject);
  });
  return { client, snapshot };
}

/** Every revision a client receives, in arrival order. */
async function recorder(base: string, token: string) {
  const revs: number[] = [];
  const changes: MeetingChange[] = [];
  const { client, snapshot } = await connect(base, token, (c) =>
    c.on('meeting:changed', (change) => {
      revs.push(change.rev);
      changes.push(change);
    }),
  );
  return { client, snapshot, revs, changes };
}

/** The attendance the node a board is connected to computes now. */
async function attendanceNow(board: Client): Promise<AttendanceSnapshot> {
  const ack = await send(board, 'attendance:sync');
  if (!ack.ok) throw new Error(ack.message);
  return ack.data as AttendanceSnapshot;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

beforeAll(async () => {
  redis = await startRedis();
  livekit = await startFakeLiveKit();
  const { url, apiUrl, apiKey, apiSecret } = livekit.config;
  cluster = await startNodes(2, redis.url, { LIVEKIT_URL: url, LIVEKIT_API_URL: apiUrl, LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret, ...(await testDatabaseEnv()) });
  [a, b] = cluster.urls as [string, string];
  const created = await http<MeetingAccess>(a, 'POST', '/api/meetings', CreateMeeting.parse(bacGiangDemo('2023-11-24')));
  expect(created.status).toBe(201);
  access = created.body.data;
}, 120_000);

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await cluster?.stop();
  await redis?.stop();
  await livekit?.close();
}, 60_000);

describe('several nodes on one Redis and one database', () => {
  it('a command sent to node A reaches the clients on node B once, in order, with its revision', async () => {
    const mcOnA = (await connect(a, access.mcToken)).client;
    const projectorOnB = await recorder(b, access.projectorToken);
    const mcOnB = await recorder(b, access.mcToken);
    const from = projectorOnB.snapshot.rev;

    const acks = [];
    acks.push(await send(mcOnA, 'meeting:start', {}));
    acks.push(await send(mcOnA, 'agenda:next', {}));
    acks.push(await send(mcOnA, 'timer:adjust', { deltaMs: 5 * MIN }));
    expect(acks.map((ack) => ack.ok && ack.data.rev)).toEqual(range(from + 1, from + 3));

    // A last change through B itself: anything A's broadcasts would still bring arrives before it.
    const last = await send(mcOnB.client, 'timer:adjust', { deltaMs: MIN });
    expect(last).toMatchObject({ ok: true, data: { rev: from + 4 } });
    await until(() => projectorOnB.revs.includes(from + 4) && mcOnB.revs.includes(from + 4), 'the last change reaches B');
    expect(projectorOnB.revs).toEqual(range(from + 1, from + 4));
    expect(mcOnB.revs).toEqual(range(from + 1, from + 4));
    // Each audience gets its own patch: the projector's has the timer, never the MC's private fields.
    expect(projectorOnB.changes[0]!.patch).toMatchObject({ live: { status: 'live' } });
    expect(projectorOnB.changes[2]!.patch).toMatchObject({ live: { timer: { addedMs: 5 * MIN } } });
  });

  it('concurrent commands on both nodes reach every client on both nodes in one order, without gaps or repeats', async () => {
    const onA = await recorder(a, access.mcToken);
    const onB = await recorder(b, access.mcToken);
    const screens = [await recorder(a, access.projectorToken), await recorder(b, access.projectorToken), await recorder(b, access.leadershipToken)];
    const from = onA.snapshot.rev;
    expect(onB.snapshot.rev).toBe(from);

    const count = 24;
    const acks = await Promise.all(range(1, count).map((i) => send(i % 2 === 0 ? onA.client : onB.client, 'timer:adjust', { deltaMs: MIN })));
    expect(acks.filter((ack) => !ack.ok)).toEqual([]);
    expect(acks.map((ack) => (ack.ok ? ack.data.rev : 0)).sort((x, y) => x - y)).toEqual(range(from + 1, from + count));

    const everyone = [onA, onB, ...screens];
    await until(() => everyone.every((r) => r.revs.includes(from + count)), 'every client has the last revision');
    for (const r of everyone) expect(r.revs).toEqual(range(from + 1, from + count));
    const final = await send(onA.client, 'meeting:sync');
    expect(final).toMatchObject({ ok: true, data: { rev: from + count } });
  });

  it('a site connected to node B is shown connected on node A, and disconnected when it leaves', async () => {
    expect((await http(a, 'POST', `/api/meetings/${access.meetingId}/sites`, { name: 'Trường THPT Ngô Sĩ Liên' })).status).toBe(201);
    const links = await http<{ sites: { siteId: string; token: string }[] }>(a, 'GET', `/api/meetings/${access.meetingId}/sites/access`);
    const site = links.body.data.sites[0]!;
    const boardRows = new Map<string, SiteRow>();
    const board = (
      await connect(a, access.leadershipToken, (c) => {
        c.on('attendance:snapshot', (s) => s.sites.forEach((row) => boardRows.set(row.id, row)));
        c.on('attendance:changed', (ch) => ch.sites.forEach((row) => boardRows.set(row.id, row)));
      })
    ).client;
    await until(() => boardRows.has(site.siteId), 'the board has its snapshot');
    expect(boardRows.get(site.siteId)!.presence.devices).toBe(0);

    const siteOnB = (await connect(b, site.token)).client;
    await until(() => boardRows.get(site.siteId)!.presence.devices === 1, 'A\'s board shows the site connected on B');
    // A's own reading (a fresh snapshot computed on A) counts B's device too.
    expect((await attendanceNow(board)).sites.find((s) => s.id === site.siteId)!.presence).toMatchObject({ devices: 1, disconnectedSince: null });
    const secondOnA = (await connect(a, site.token)).client;
    await until(() => boardRows.get(site.siteId)!.presence.devices === 2, 'two devices, one on each node');

    siteOnB.disconnect();
    await until(() => boardRows.get(site.siteId)!.presence.devices === 1, 'one device left');
    secondOnA.disconnect();
    await until(() => boardRows.get(site.siteId)!.presence.devices === 0, 'no device left');
    const row = (await attendanceNow(board)).sites.find((s) => s.id === site.siteId)!;
    expect(row.presence.devices).toBe(0);
    expect(row.presence.disconnectedSince).not.toBeNull();
    expect(row.presence.disconnections).toBe(1); // recorded once, not once per node
  });

  it('a rate limit counts attempts on every node', async () => {
    // PIN logins: 10 a minute from one address. Six on A and five on B make eleven.
    const attempt = (base: string) =>
      fetch(`${base}/api/pin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: '000000', pin: '000000' }) });
    for (let i = 0; i < 6; i += 1) expect((await attempt(a)).status).toBe(401);
    for (let i = 0; i < 4; i += 1) expect((await attempt(b)).status).toBe(401);
    const eleventh = await attempt(b);
    expect(eleventh.status).toBe(429);
    expect(eleventh.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('re-issuing the public link on node A disconnects the pages open on node B', async () => {
    const page = (await connect(b, access.projectorToken)).client; // the projector keeps its link
    const links = await http<{ publicToken: string }>(a, 'GET', `/api/meetings/${access.meetingId}/questions/access`);
    const phone = (await connect(b, links.body.data.publicToken)).client;
    const gone = new Promise<string>((resolve) => phone.once('disconnect', resolve));
    expect((await http(a, 'POST', `/api/meetings/${access.meetingId}/questions/access/reissue`, { kind: 'public' })).status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect(page.connected).toBe(true);
  });

  it('the video bridge opened on node A is open on node B; a webhook is applied once whichever node it reaches', async () => {
    expect((await http(a, 'POST', `/api/meetings/${access.meetingId}/sites`, { name: 'Trường THCS Lê Lợi' })).status).toBe(201);
    const links = await http<{ sites: { siteId: string; name: string; token: string }[] }>(a, 'GET', `/api/meetings/${access.meetingId}/sites/access`);
    const site = links.body.data.sites.find((s) => s.name === 'Trường THCS Lê Lợi')!;
    const mcOnA = (await connect(a, access.mcToken)).client;
    expect(await send(mcOnA, 'video:open')).toMatchObject({ ok: true, data: { state: 'open' } });

    // A page opening on B now: B knows the room is open, and gives the site its token.
    let stateArrived!: (state: VideoBridgeState) => void;
    const stateOnB = new Promise<VideoBridgeState>((resolve) => (stateArrived = resolve));
    const siteOnB = (await connect(b, site.token, (c) => c.once('video:state', stateArrived))).client;
    expect(await stateOnB).toMatchObject({ state: 'open', room: `diemcau-${access.meetingId}` });
    expect(await send(siteOnB, 'video:token')).toMatchObject({ ok: true, data: { room: `diemcau-${access.meetingId}` } });

    // LiveKit's webhook reaches A, then (retried) B: the second is recognised as the same event.
    const event = {
      event: 'participant_joined',
      id: `EV_${randomBytes(6).toString('hex')}`,
      createdAt: String(Math.floor(Date.now() / 1000)),
      room: { name: `diemcau-${access.meetingId}` },
      participant: { identity: `site:${site.siteId}`, tracks: [{ sid: 'TR_cam', source: 'CAMERA', type: 'VIDEO', muted: false }] },
    };
    const post = async (base: string) => {
      const body = JSON.stringify(event);
      const token = new AccessToken(LIVEKIT_KEY, LIVEKIT_SECRET);
      token.sha256 = createHash('sha256').update(body).digest('base64');
      const res = await fetch(`${base}/api/livekit/webhook`, { method: 'POST', headers: { 'content-type': 'application/webhook+json', authorization: await token.toJwt() }, body });
      return (await res.json()) as { ok: boolean; data: string };
    };
    expect(await post(a)).toEqual({ ok: true, data: 'ok' });
    expect(await post(b)).toEqual({ ok: true, data: 'duplicate ignored' });
    // B's own reading of the site (its board snapshot) has the camera A heard of.
    const boardOnB = (await connect(b, access.leadershipToken)).client;
    const videoOnB = async () => (await attendanceNow(boardOnB)).sites.find((s) => s.id === site.siteId)?.video;
    let seen = await videoOnB();
    for (let i = 0; i < 100 && seen?.camera !== true; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen = await videoOnB();
    }
    expect(seen).toMatchObject({ connected: true, camera: true, microphone: false });
  });
});
