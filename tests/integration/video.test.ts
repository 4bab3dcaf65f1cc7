import { createHash, randomBytes } from 'node:crypto';
import { AccessToken, TokenVerifier } from 'livekit-server-sdk';
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

const verifier = new TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET);
const grantsOf = async (token: string) => verifier.verify(token);

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

describe('with LiveKit', () => {
  beforeEach(() => setup(true));

  it('opens the room at the start and closes it at the end, with the right grants on each call', async () => {
    const states: VideoBridgeState[] = [];
    const mc = await server.connect(access.mcToken, (c) => c.on('video:state', (s) => states.push(s)));
    expect(states[0]).toMatchObject({ configured: true, state: 'closed' });
    await send(mc.client, 'meeting:start', {});
    await until(() => states.find((s) => s.state === 'open'), 'room open');
    expect(livekit.calls[0]).toMatchObject({ method: 'CreateRoom', body: { name: room() }, grants: { roomCreate: true } });
    await send(mc.client, 'meeting:end', {});
    await until(() => livekit.calls.find((c) => c.method === 'DeleteRoom'), 'room deleted');
    expect(livekit.calls.find((c) => c.method === 'DeleteRoom')!.body).toEqual({ room: room() });
    expect(livekit.refused).toEqual([]);
  });

  it('mints tokens per role: identity and name from the server, publishing only for the MC, the host hall and the floor', async () => {
    const mc = await server.connect(access.mcToken);
    await send(mc.client, 'video:settings', { hostSiteId: sites[0]!.siteId });
    const early = await server.connect(sites[1]!.token);
    expect(await send(early.client, 'video:token')).toMatchObject({ ok: false, reason: 'room_closed' });
    expect((await send(mc.client, 'video:open')).data).toMatchObject({ state: 'open', room: room() });

    const mcToken = (await send(mc.client, 'video:token')).data;
    const mcClaims = await grantsOf(mcToken.token);
    expect(mcClaims.video).toMatchObject({ roomJoin: true, room: room(), canPublish: true, canSubscribe: true, canPublishData: false });
    expect(mcClaims.sub).toMatch(/^mc:/);

    const host = await server.connect(sites[0]!.token);
    const hostClaims = await grantsOf((await send(host.client, 'video:token')).data.token);
    expect(hostClaims).toMatchObject({ sub: `site:${sites[0]!.siteId}`, name: 'Điểm cầu chính', video: { canPublish: true } });

    const site = await server.connect(sites[1]!.token);
    const siteAccess = (await send(site.client, 'video:token')).data;
    expect(siteAccess).toMatchObject({ canPublish: false, identity: `site:${sites[1]!.siteId}`, name: 'Phòng GDĐT Lục Nam', room: room() });
    const siteClaims = await grantsOf(siteAccess.token);
    expect(siteClaims).toMatchObject({ sub: `site:${sites[1]!.siteId}`, video: { roomJoin: true, room: room(), canPublish: false, canSubscribe: true } });
    expect(siteClaims.exp! - siteClaims.nbf!).toBeLessThanOrEqual(15 * 60);
    // A site cannot pick another identity: the event takes no input, and extra input is refused.
    expect((await send(site.client, 'video:token')).data.identity).toBe(`site:${sites[1]!.siteId}`);

    await send(mc.client, 'video:settings', { openDiscussion: true });
    for (const token of [access.projectorToken, access.leadershipToken]) {
      const screen = await server.connect(token);
      const claims = await grantsOf((await send(screen.client, 'video:token')).data.token);
      expect(claims.video).toMatchObject({ canPublish: false, canSubscribe: true, hidden: true });
    }
    for (const token of [access.projectorToken, sites[1]!.token]) {
      const c = await server.connect(token);
      expect(await send(c.client, 'video:open')).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await send(c.client, 'video:muteAll', {})).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await send(c.client, 'video:mute', { siteId: sites[2]!.siteId })).toMatchObject({ ok: false, code: 'forbidden' });
    }
  });

  it('the floor lets a site publish and ending the turn takes it back, through the room service', async () => {
    const mc = await server.connect(access.mcToken);
    await send(mc.client, 'meeting:start', {});
    const site = await server.connect(sites[1]!.token);
    expect((await send(site.client, 'video:report', { connected: true, camera: true, microphone: false, quality: 'good' })).ok).toBe(true);
    await send(site.client, 'queue:request', { requestId: 'req-000001', kind: 'comment', speaker: 'Nguyễn Văn An' });
    // Joining, the site's grant is set to what the meeting says now: no floor, no publishing.
    const joinedGrant = await until(() => livekit.calls.find((c) => c.method === 'UpdateParticipant'), 'grant synced on join');
    expect(joinedGrant.body.permission).not.toHaveProperty('canPublish');
    expect((await send(mc.client, 'floor:give', {})).ok).toBe(true);
    const granted = await until(() => livekit.calls.filter((c) => c.method === 'UpdateParticipant')[1], 'publishing granted');
    expect(granted.body).toMatchObject({ room: room(), identity: `site:${sites[1]!.siteId}`, permission: { canPublish: true, canSubscribe: true } });
    expect(granted.grants).toMatchObject({ roomAdmin: true, room: room() });
    expect((await send(site.client, 'video:token')).data.canPublish).toBe(true);

    await send(mc.client, 'floor:end', {});
    const revoked = await until(() => livekit.calls.filter((c) => c.method === 'UpdateParticipant')[2], 'publishing revoked');
    // Protobuf JSON leaves false fields out: no canPublish, no sources.
    expect(revoked.body).toMatchObject({ identity: `site:${sites[1]!.siteId}`, permission: { canSubscribe: true } });
    expect(revoked.body.permission).not.toHaveProperty('canPublish');
    expect(revoked.body.permission).not.toHaveProperty('canPublishSources');
    expect((await send(site.client, 'video:token')).data.canPublish).toBe(false);
  });

  it('the MC mutes a site, mutes all but the host hall, and removes a participant', async () => {
    const mc = await server.connect(access.mcToken);
    await send(mc.client, 'video:settings', { hostSiteId: sites[0]!.siteId });
    await send(mc.client, 'video:open');
    const mic = (id: string) => ({ sid: `TR_mic_${id}`, source: 'MICROPHONE' as const, type: 'AUDIO' as const, muted: false });
    livekit.state.participants = sites.map((s) => ({ identity: `site:${s.siteId}`, tracks: [mic(s.siteId)] }));

    expect((await send(mc.client, 'video:mute', { siteId: sites[1]!.siteId })).ok).toBe(true);
    expect(livekit.calls.find((c) => c.method === 'MutePublishedTrack')!.body).toMatchObject({ identity: `site:${sites[1]!.siteId}`, trackSid: `TR_mic_${sites[1]!.siteId}`, muted: true });
    expect(await send(mc.client, 'video:mute', { siteId: sites[1]!.siteId })).toMatchObject({ ok: false, reason: 'already_muted' });

    expect((await send(mc.client, 'video:muteAll', {})).data).toEqual({ muted: 1 });
    const mutedIds = livekit.calls.filter((c) => c.method === 'MutePublishedTrack').map((c) => c.body.identity);
    expect(mutedIds).toEqual([`site:${sites[1]!.siteId}`, `site:${sites[2]!.siteId}`]);

    expect((await send(mc.client, 'video:remove', { siteId: sites[2]!.siteId })).ok).toBe(true);
    expect(livekit.calls.at(-1)).toMatchObject({ method: 'RemoveParticipant', body: { room: room(), identity: `site:${sites[2]!.siteId}` } });
    expect(await send(mc.client, 'video:remove', { siteId: sites[2]!.siteId })).toMatchObject({ ok: false, reason: 'not_in_room' });
  });

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

  it('the periodic reconcile brings statuses in line with the room service', async () => {
    const mc = await server.connect(access.mcToken);
    await send(mc.client, 'video:open');
    livekit.state.participants = [{ identity: `site:${sites[2]!.siteId}`, tracks: [{ sid: 'TR_a', source: 'MICROPHONE', type: 'AUDIO', muted: false }] }];
    await server.app.video.reconcile(access.meetingId);
    const board = await server.connect(access.leadershipToken);
    const row = ((await send(board.client, 'attendance:sync')).data.sites as SiteRow[]).find((s) => s.id === sites[2]!.siteId)!;
    expect(row.video).toMatchObject({ connected: true, microphone: true, camera: false });
  });
});
