import { RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttendanceChange, MeetingAccess, SiteRow, VideoBridgeState } from '@diemcau/shared';
import { liveKitOnFreePorts, type LiveKitServer, skipWithoutLiveKit } from '../support/livekit';
import { DisconnectReason, disposeParticipants, joinRoom, type Participant } from '../support/participant';
import { type Client, ManualClock, send as sendAck, sendFloor, startServer, type TestServer, until } from './harness';

/**
 * The video bridge against a real LiveKit server (the pinned build, started per test on free
 * loopback ports with its webhooks posted to the diemcau server under test) and headless
 * participants that join with the tokens diemcau mints. The fake room service
 * (fake-livekit.ts, video.test.ts) stays only for what a real server cannot be made to do.
 */

const send = (client: Client, event: string, ...args: unknown[]): Promise<any> => sendAck(client, event, ...args);
const SLOW = 60_000;

let server: TestServer;
let livekit: LiveKitServer;
let rooms: RoomServiceClient;
let access: MeetingAccess;
let sites: { siteId: string; name: string; token: string }[];
const participants: Participant[] = [];

/** Polls `check` (an async read of the real server) until it holds; generous for a loaded machine. */
async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`never happened: ${what}\nLiveKit said:\n${livekit.output().slice(-3_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The latest row of each site as a client (the board, the MC's video view) has seen them. */
function rowsOf(client: Client) {
  const rows = new Map<string, SiteRow>();
  client.on('attendance:snapshot', (s) => s.sites.forEach((r) => rows.set(r.id, r)));
  client.on('attendance:changed', (c: AttendanceChange) => c.sites.forEach((r) => rows.set(r.id, r)));
  return rows;
}

async function join(token: string): Promise<Participant> {
  const participant = await joinRoom(livekit.config.url, token);
  participants.push(participant);
  return participant;
}

describe.skipIf(skipWithoutLiveKit)('the video bridge against a real LiveKit server', () => {
  const room = () => `diemcau-${access.meetingId}`;
  const listed = async () => (await rooms.listParticipants(room())).filter((p) => p.identity.startsWith('site:') || p.identity.includes(':'));
  const participantOf = async (identity: string) => (await rooms.listParticipants(room())).find((p) => p.identity === identity);

  beforeEach(async () => {
    livekit = await liveKitOnFreePorts();
    // the real clock: LiveKit's webhooks carry real times
    server = await startServer(new ManualClock(Date.now()), undefined, { liveKit: livekit.config, videoRetry: { attempts: 2, baseMs: 50 } });
    await livekit.start(`${server.url}/api/livekit/webhook`);
    rooms = new RoomServiceClient(livekit.config.apiUrl, livekit.config.apiKey, livekit.config.apiSecret);
    access = await server.createMeeting();
    await server.http('POST', `/api/meetings/${access.meetingId}/sites/import`, { sites: [{ name: 'Điểm cầu chính' }, { name: 'Phòng GDĐT Lục Nam' }, { name: 'Phòng GDĐT Yên Thế' }] });
    sites = (await server.http<{ data: { sites: typeof sites } }>('GET', `/api/meetings/${access.meetingId}/sites/access`)).body.data.sites;
  }, SLOW);

  afterEach(async () => {
    for (const p of participants.splice(0)) await p.leave();
    await server?.close();
    await server?.remove();
    await livekit?.stop();
  }, SLOW);

  afterAll(() => disposeParticipants());

  it('accepts the tokens diemcau mints with exactly each role\'s grants', async () => {
    const mc = await server.connect(access.mcToken);
    await send(mc.client, 'video:settings', { hostSiteId: sites[0]!.siteId });
    expect((await send(mc.client, 'video:open')).data).toMatchObject({ state: 'open', room: room() });
    expect((await rooms.listRooms([room()])).map((r) => r.name)).toEqual([room()]);

    const tokenOf = async (token: string) => (await send((await server.connect(token)).client, 'video:token')).data as { token: string; identity: string };
    const mcAccess = await tokenOf(access.mcToken);
    const hostAccess = await tokenOf(sites[0]!.token);
    const siteAccess = await tokenOf(sites[1]!.token);
    const screenAccess = await tokenOf(access.projectorToken);
    const boardAccess = await tokenOf(access.leadershipToken);

    const mcIn = await join(mcAccess.token);
    const hostIn = await join(hostAccess.token);
    const siteIn = await join(siteAccess.token);
    await join(screenAccess.token);
    await join(boardAccess.token);

    // what the real server says each participant may do
    const publishes = { canPublish: true, canSubscribe: true, canPublishData: false, canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE], hidden: false };
    const watches = { canPublish: false, canSubscribe: true, canPublishData: false, canPublishSources: [] };
    expect((await participantOf(mcAccess.identity))?.permission).toMatchObject(publishes);
    expect((await participantOf(hostAccess.identity))?.permission).toMatchObject(publishes);
    expect((await participantOf(siteAccess.identity))?.permission).toMatchObject({ ...watches, hidden: false });
    expect((await participantOf(siteAccess.identity))?.name).toBe('Phòng GDĐT Lục Nam');
    // the projector and the board watch hidden: the sites do not see them in the room
    for (const identity of [screenAccess.identity, boardAccess.identity]) expect((await participantOf(identity))?.permission).toMatchObject({ ...watches, hidden: true });
    expect([...siteIn.room.remoteParticipants.keys()].sort()).toEqual([hostAccess.identity, mcAccess.identity].sort());

    // the grants hold: the MC and the host hall publish, a site without the floor is refused by the server
    // (a refused publish fails only after the SDK's timeout: wait for it at the end)
    const refused = siteIn.publishCamera().then(
      () => 'published',
      () => 'refused',
    );
    await mcIn.publishCamera();
    await hostIn.publishMicrophone();
    await eventually(async () => (await participantOf(hostAccess.identity))?.tracks.length === 1, 'host hall microphone published');
    expect((await participantOf(siteAccess.identity))?.tracks).toEqual([]);

    // short-lived: a leaked link's token admits no join after 15 minutes
    const claims = JSON.parse(Buffer.from(siteAccess.token.split('.')[1]!, 'base64url').toString()) as { exp: number; nbf: number };
    expect(claims.exp - claims.nbf).toBeLessThanOrEqual(15 * 60);
    // only the MC opens the room and mutes
    for (const token of [access.projectorToken, sites[1]!.token, access.leadershipToken]) {
      const c = await server.connect(token);
      expect(await send(c.client, 'video:open')).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await send(c.client, 'video:muteAll', {})).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await send(c.client, 'video:mute', { siteId: sites[0]!.siteId })).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await send(c.client, 'video:remove', { siteId: sites[0]!.siteId })).toMatchObject({ ok: false, code: 'forbidden' });
    }
    // a token signed with another secret is refused by the real server
    const forged = { ...livekit.config, apiSecret: 'x'.repeat(48) };
    const { mintJoinToken } = await import('../../server/src/video/room-service');
    const token = await mintJoinToken(forged, { room: room(), identity: siteAccess.identity, name: 'x', canPublish: true, hidden: false, ttlSeconds: 60 });
    await expect(joinRoom(livekit.config.url, token)).rejects.toThrow();
    expect(await refused).toBe('refused');
    expect((await participantOf(siteAccess.identity))?.tracks).toEqual([]);
  }, SLOW);

  it('the floor, mute and remove change what the real server reports; its webhooks move the board and the MC\'s video view', async () => {
    const states: VideoBridgeState[] = [];
    const mc = await server.connect(access.mcToken, (c) => c.on('video:state', (s) => states.push(s)));
    let mcRows = new Map<string, SiteRow>();
    let boardRows = new Map<string, SiteRow>();
    await server.connect(access.mcToken, (c) => (mcRows = rowsOf(c)));
    await server.connect(access.leadershipToken, (c) => (boardRows = rowsOf(c)));
    await send(mc.client, 'video:settings', { hostSiteId: sites[0]!.siteId });
    expect((await send(mc.client, 'meeting:start', {})).ok).toBe(true);
    await until(() => states.find((s) => s.state === 'open'), 'room open at the start');
    expect((await rooms.listRooms([room()])).length).toBe(1);
    // the host hall publishes its microphone from the start
    const host = await join((await send((await server.connect(sites[0]!.token)).client, 'video:token')).data.token);
    const hostMic = await host.publishMicrophone();

    const luc = sites[1]!;
    const identity = `site:${luc.siteId}`;
    const siteSocket = await server.connect(luc.token);
    const siteIn = await join((await send(siteSocket.client, 'video:token')).data.token);
    // participant_joined, through LiveKit's signed webhook
    const seen = (rows: Map<string, SiteRow>) => rows.get(luc.siteId)?.video;
    await eventually(async () => seen(boardRows)?.connected && seen(mcRows)?.connected, 'board and MC see the site in the room');
    expect(seen(boardRows)).toMatchObject({ connected: true, camera: false, microphone: false });

    // the MC gives the floor: the real server lets the site publish
    await send(siteSocket.client, 'queue:request', { requestId: 'req-000001', kind: 'comment', speaker: 'Nguyễn Văn An' });
    expect((await sendFloor(mc.client, 'floor:give')).ok).toBe(true);
    await eventually(async () => (await participantOf(identity))?.permission?.canPublish, 'publishing granted by the server');
    const cameraSid = await siteIn.publishCamera();
    const micSid = await siteIn.publishMicrophone();
    // track_published webhooks
    await eventually(async () => seen(boardRows)?.camera && seen(boardRows)?.microphone && seen(mcRows)?.camera, 'board and MC see camera and microphone');

    // the MC mutes every microphone but the host hall's: the server reports it, the site is told
    expect((await send(mc.client, 'video:muteAll', {})).data).toEqual({ muted: 1 });
    await eventually(async () => (await participantOf(identity))?.tracks.find((t) => t.sid === micSid)?.muted, 'microphone muted on the server');
    expect((await participantOf(host.identity))?.tracks.find((t) => t.sid === hostMic)?.muted).toBe(false);
    await eventually(async () => siteIn.seen.mutedTracks.has(micSid), 'the site hears it was muted');
    await eventually(async () => seen(boardRows)?.microphone === false && seen(boardRows)?.camera, 'board shows the microphone off, the camera on');
    // and one site's camera
    expect((await send(mc.client, 'video:mute', { siteId: luc.siteId, source: 'camera' })).ok).toBe(true);
    await eventually(async () => (await participantOf(identity))?.tracks.find((t) => t.sid === cameraSid)?.muted, 'camera muted on the server');
    await eventually(async () => seen(boardRows)?.camera === false && seen(mcRows)?.camera === false, 'board and MC see the camera off');
    expect(await send(mc.client, 'video:mute', { siteId: luc.siteId, source: 'camera' })).toMatchObject({ ok: false, reason: 'already_muted' });

    // ending the turn takes publishing back: the server unpublishes, track_unpublished reaches the board
    expect((await sendFloor(mc.client, 'floor:end')).ok).toBe(true);
    await eventually(async () => {
      const p = await participantOf(identity);
      return p && !p.permission?.canPublish && p.tracks.every((t) => t.sid !== cameraSid);
    }, 'publishing taken back by the server');
    await eventually(async () => (await participantOf(identity))?.tracks.length === 0, 'the site\'s tracks unpublished by the server');

    // remove: the server disconnects the participant; participant_left reaches the board
    expect((await send(mc.client, 'video:remove', { siteId: luc.siteId })).ok).toBe(true);
    await eventually(async () => siteIn.seen.disconnected === DisconnectReason.PARTICIPANT_REMOVED, 'the site was removed by the server');
    expect(await participantOf(identity)).toBeUndefined();
    await eventually(async () => seen(boardRows)?.connected === false && seen(mcRows)?.connected === false, 'board and MC see the site gone');
    expect(await send(mc.client, 'video:remove', { siteId: luc.siteId })).toMatchObject({ ok: false, reason: 'not_in_room' });

    // the site comes back, then the meeting ends: the room is deleted, everyone leaves
    const again = await join((await send(siteSocket.client, 'video:token')).data.token);
    await eventually(async () => seen(boardRows)?.connected, 'back in the room');
    expect((await send(mc.client, 'meeting:end', {})).ok).toBe(true);
    await eventually(async () => (await rooms.listRooms([room()])).length === 0, 'room deleted on the server');
    await eventually(async () => again.seen.disconnected === DisconnectReason.ROOM_DELETED, 'participant told the room ended');
    await eventually(async () => seen(boardRows)?.connected === false && states.at(-1)?.state === 'closed', 'board and MC see the room closed');
  }, SLOW);

  it('room_finished from the real server closes the bridge; LiveKit\'s own quality reports reach the board', async () => {
    const states: VideoBridgeState[] = [];
    const mc = await server.connect(access.mcToken, (c) => c.on('video:state', (s) => states.push(s)));
    let boardRows = new Map<string, SiteRow>();
    await server.connect(access.leadershipToken, (c) => (boardRows = rowsOf(c)));
    await send(mc.client, 'video:open');
    const yen = sites[2]!;
    const siteSocket = await server.connect(yen.token);
    const siteIn = await join((await send(siteSocket.client, 'video:token')).data.token);
    // the site page passes on what LiveKit says of its connection (as Room.tsx does)
    const quality = await eventually(async () => siteIn.seen.quality.at(-1), 'LiveKit reports the connection quality', 30_000);
    const words = ['poor', 'good', 'excellent', 'lost'] as const;
    expect((await send(siteSocket.client, 'video:report', { connected: true, camera: false, microphone: false, quality: words[quality] })).ok).toBe(true);
    await eventually(async () => boardRows.get(yen.siteId)?.video?.quality === words[quality], 'board shows LiveKit\'s quality');

    // the room deleted behind diemcau's back (another tool, the server's admin): room_finished
    await rooms.deleteRoom(room());
    await eventually(async () => states.at(-1)?.state === 'closed' && boardRows.get(yen.siteId)?.video?.connected === false, 'bridge closed, site out of the room');
  }, SLOW);

  it('a LiveKit restart mid-meeting is reported to the MC and survived: the room comes back and the sites rejoin', async () => {
    const states: VideoBridgeState[] = [];
    const mc = await server.connect(access.mcToken, (c) => c.on('video:state', (s) => states.push(s)));
    let boardRows = new Map<string, SiteRow>();
    await server.connect(access.leadershipToken, (c) => (boardRows = rowsOf(c)));
    await send(mc.client, 'meeting:start', {});
    await until(() => states.find((s) => s.state === 'open'), 'room open');
    const luc = sites[1]!;
    const siteSocket = await server.connect(luc.token);
    await join((await send(siteSocket.client, 'video:token')).data.token);
    await eventually(async () => boardRows.get(luc.siteId)?.video?.connected, 'site in the room');

    await livekit.kill('SIGKILL');
    await server.app.video.tick();
    const down = await until(() => states.find((s) => s.state === 'unreachable'), 'the MC is told LiveKit is unreachable');
    expect(down.message).toMatch(/Không liên lạc được máy chủ video/);
    expect((await send(mc.client, 'agenda:next', {})).ok).toBe(true);

    await livekit.start();
    // the next periodic tick finds the server back and the room again
    await eventually(async () => {
      await server.app.video.tick();
      return states.at(-1)?.state === 'open' && states.at(-1)!.message === '';
    }, 'the bridge reopens after the restart');
    expect((await rooms.listRooms([room()])).length).toBe(1);
    // a site joins again with a fresh token (the page does this by itself after a drop)
    const back = await join((await send(siteSocket.client, 'video:token')).data.token);
    await eventually(async () => (await listed()).some((p) => p.identity === back.identity), 'site back in the restarted room');
    await eventually(async () => boardRows.get(luc.siteId)?.video?.connected, 'board shows the site back');
  }, SLOW);
});
