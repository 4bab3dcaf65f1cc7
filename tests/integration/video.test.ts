import { createHash, randomBytes } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AttendanceChange, type MeetingAccess, type SiteRow, type VideoBridgeState, vnInstant } from '@diemcau/shared';
import { type FakeLiveKit, LIVEKIT_KEY, LIVEKIT_SECRET, startFakeLiveKit } from './fake-livekit';
import { type Client, ManualClock, send as sendAck, startServer, type TestServer, until } from './harness';

const send = (client: Client, event: string, ...args: unknown[]): Promise<any> => sendAck(client, event, ...args);

let clock: ManualClock;
let server: TestServer;
let livekit: FakeLiveKit;
let access: MeetingAccess;
let sites: { siteId: string; name: string; token: string }[];


async function setup(configured: boolean) {
  clock = new ManualClock(vnInstant('2023-11-24', '07:30'));
  livekit = await startFakeLiveKit();
  server = await startServer(clock, undefined, configured ? { liveKit: livekit.config, videoRetry: { attempts: 2, baseMs: 5 } } : {});
  access = await server.createMeeting();
  await server.http('POST', `/api/meetings/${access.meetingId}/sites/import`, { sites: [{ name: 'Điểm cầu chính' }, { name: 'Phòng GDĐT Lục Nam' }, { name: 'Phòng GDĐT Yên Thế' }] });
  sites = (await server.http<{ data: { sites: typeof sites } }>('GET', `/api/meetings/${access.meetingId}/sites/access`)).body.data.sites;
}

afterEach(async () => {
  await server.close();
  await server.remove();
  await livekit.close();
});

const room = () => `diemcau-${access.meetingId}`;

/** Posts a webhook signed like LiveKit does: a JWT over the body's SHA-256. */
async function webhook(event: Record<string, unknown>, options: { secret?: string; signedBody?: string } = {}) {
  const body = JSON.stringify(event);
  const token = new AccessToken(LIVEKIT_KEY, options.secret ?? LIVEKIT_SECRET);
  token.sha256 = createHash('sha256').update(options.signedBody ?? body).digest('base64');
  const res = await fetch(`${server.url}/api/livekit/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/webhook+json', authorization: await token.toJwt() },
    body,
  });
  return res.status;
}

const joined = (siteId: string, createdAt: number, tracks: unknown[] = [], id = randomBytes(6).toString('hex')) => ({
  event: 'participant_joined',
  id,
  createdAt: String(createdAt),
  room: { name: room() },
  participant: { identity: `site:${siteId}`, tracks },
});
const left = (siteId: string, createdAt: number, id = randomBytes(6).toString('hex')) => ({
  event: 'participant_left',
  id,
  createdAt: String(createdAt),
  room: { name: room() },
  participant: { identity: `site:${siteId}` },
});

/** The latest row of each site the board has seen. */
function boardView(client: Client) {
  const rows = new Map<string, SiteRow>();
  client.on('attendance:snapshot', (s) => s.sites.forEach((r) => rows.set(r.id, r)));
  client.on('attendance:changed', (c: AttendanceChange) => c.sites.forEach((r) => rows.set(r.id, r)));
  return rows;
}

describe('without LiveKit settings', () => {
  beforeEach(() => setup(false));

  it('says plainly that the bridge is not configured, and the meeting runs', async () => {
    let state: VideoBridgeState | undefined;
    const mc = await server.connect(access.mcToken, (c) => c.on('video:state', (s) => (state = s)));
    expect(state).toMatchObject({ configured: false, state: 'not_configured' });
    expect(state!.message).toMatch(/LIVEKIT_URL/);
    expect(await send(mc.client, 'video:token')).toMatchObject({ ok: false, reason: 'not_configured' });
    expect((await send(mc.client, 'meeting:start', {})).ok).toBe(true);
    const site = await server.connect(sites[1]!.token);
    expect(await send(site.client, 'video:token')).toMatchObject({ ok: false, reason: 'not_configured' });
    const board = await server.connect(access.leadershipToken);
    expect((await send(board.client, 'attendance:sync')).data.sites[0].video).toBeNull();
    expect(livekit.calls).toHaveLength(0);
  });
});

/**
 * What a real LiveKit server cannot be made to do — forged and replayed webhooks, a room
 * service that answers 5xx — against a local stand-in; everything else is tried against the
 * real server in video-livekit.test.ts.
 */
describe('with a LiveKit stand-in', () => {
  beforeEach(() => setup(true));

  it('webhooks: valid ones update the boards; forged, wrongly hashed, replayed and out-of-order ones change nothing', async () => {
    const mc = await server.connect(access.mcToken);
    await send(mc.client, 'video:open');
    let rows = new Map<string, SiteRow>();
    await server.connect(access.leadershipToken, (c) => (rows = boardView(c)));
    const siteId = sites[1]!.siteId;
    const camera = { sid: 'TR_cam', source: 'CAMERA', type: 'VIDEO', muted: false };

    expect(await webhook(joined(siteId, 100, [camera], 'EV_join'))).toBe(200);
    await until(() => rows.get(siteId)?.video?.connected && rows.get(siteId)!.video!.camera, 'board shows video connected with camera');

    expect(await webhook(left(siteId, 200), { secret: 'not-the-secret-0123456789abcdefghijkl' })).toBe(401);
    expect(await webhook(left(siteId, 200), { signedBody: '{"event":"room_started"}' })).toBe(401);
    const noAuth = await fetch(`${server.url}/api/livekit/webhook`, { method: 'POST', body: JSON.stringify(left(siteId, 200)) });
    expect(noAuth.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(rows.get(siteId)!.video!.connected).toBe(true);

    expect(await webhook(left(siteId, 300, 'EV_left'))).toBe(200);
    await until(() => rows.get(siteId)?.video?.connected === false, 'board shows video gone');
    // The join again (replayed) and an older join arriving late change nothing.
    expect(await webhook(joined(siteId, 100, [camera], 'EV_join'))).toBe(200);
    expect(await webhook(joined(siteId, 250, [camera]))).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(rows.get(siteId)!.video!.connected).toBe(false);
    expect(rows.get(sites[2]!.siteId)!.video).toMatchObject({ connected: false });
  });

  it('when LiveKit is unreachable the meeting goes on and the state says what is wrong; it recovers', async () => {
    livekit.state.down = true;
    const states: VideoBridgeState[] = [];
    const mc = await server.connect(access.mcToken, (c) => c.on('video:state', (s) => states.push(s)));
    expect((await send(mc.client, 'meeting:start', {})).ok).toBe(true);
    expect((await send(mc.client, 'agenda:next', {})).ok).toBe(true);
    const down = await until(() => states.find((s) => s.state === 'unreachable'), 'unreachable state');
    expect(down.message).toMatch(/Không liên lạc được máy chủ video/);
    expect(await send(mc.client, 'video:token')).toMatchObject({ ok: false, reason: 'unreachable' });
    const site = await server.connect(sites[1]!.token);
    expect(await send(site.client, 'video:token')).toMatchObject({ ok: false, reason: 'unreachable' });
    // The next periodic tick opens the room by itself once LiveKit answers again.
    livekit.state.down = false;
    await server.app.video.tick();
    await until(() => states.at(-1)?.state === 'open' && states.at(-1)!.message === '', 'the bridge reopens');
    expect((await send(site.client, 'video:token')).ok).toBe(true);
    expect((await send(mc.client, 'video:token')).ok).toBe(true);
  });
});
