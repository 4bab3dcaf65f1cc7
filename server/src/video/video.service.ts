import {
  type Ack,
  DomainError,
  endedError,
  fail,
  type MeetingState,
  ok,
  type Role,
  sitePublishes,
  type VideoAccess,
  type VideoBridgeState,
  videoIdentity,
  type VideoReport,
  type VideoStatus,
} from '@diemcau/shared';
import type { Redis } from 'ioredis';
import { TokenVerifier, WebhookReceiver } from 'livekit-server-sdk';
import type { Logger } from 'pino';
import { guard } from '../lib/guard';
import type { Clock } from '../lib/clock';
import type { Broadcaster } from '../realtime/broadcaster';
import { type LiveKitConfig, mintJoinToken, type RoomParticipant, type RoomService, sourceOf } from './room-service';

/** Join tokens admit a join for this long; an open connection is not cut when it passes. */
export const TOKEN_TTL_S = 15 * 60;
/** How often open rooms are compared with what LiveKit reports (webhooks can be lost). */
export const RECONCILE_MS = 15_000;

const NOT_CONFIGURED = 'Cầu truyền hình (video) chưa được cấu hình trên máy chủ: đặt LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET (xem README, mục "Run with video"). Các chức năng khác vẫn hoạt động.';

export type VideoPrincipal = { role: Role; tokenId: string; siteId: string | null };

type Tracked = VideoStatus & { meetingId: string; lastEventAt: number };

const refuse = (code: 'conflict' | 'not_found' | 'invalid' | 'forbidden', reason: string, message: string) => new DomainError(code, reason, message);

/** Redis hash of every meeting's bridge state (several nodes). */
const BRIDGES_KEY = 'dc:video:bridges';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The video bridge: one LiveKit room per meeting (opened at the start or for a rehearsal,
 * closed at the end), join tokens minted here with grants by role, publishing that follows
 * the floor, the MC's mute and remove, and each site's video status from webhooks, a
 * periodic reconcile and the site's own reports. LiveKit being slow or down never blocks
 * the meeting: calls run after the ack, retry with backoff, and the state says what is wrong.
 */
export function videoService(deps: {
  config: LiveKitConfig | null;
  rooms: RoomService | null;
  loadMeeting: (meetingId: string) => Promise<MeetingState | null>;
  siteName: (meetingId: string, siteId: string) => Promise<string | null>;
  videoChanged: (meetingId: string, siteId: string) => void;
  clock: Clock;
  broadcaster: Broadcaster;
  logger: Logger;
  retry?: { attempts: number; baseMs: number };
  reconcileMs?: number;
  /**
   * Several nodes: the bridges' state is kept in Redis too (a node that starts later reads
   * it), other nodes' changes arrive through `mirror`, and the webhook replay guard is shared.
   */
  redis?: Redis | null;
}) {
  const { config, rooms, clock, broadcaster, logger } = deps;
  const retry = deps.retry ?? { attempts: 4, baseMs: 500 };
  const receiver = config ? new WebhookReceiver(config.apiKey, config.apiSecret) : null;
  const verifier = config ? new TokenVerifier(config.apiKey, config.apiSecret) : null;
  const bridges = new Map<string, VideoBridgeState>();
  const statuses = new Map<string, Tracked>();
  const seenEvents: string[] = [];
  const seenSet = new Set<string>();

  const roomOf = (meetingId: string) => `diemcau-${meetingId}`;
  const meetingOfRoom = (room: string) => (room.startsWith('diemcau-') ? room.slice('diemcau-'.length) : null);

  const stateOf = (meetingId: string): VideoBridgeState =>
    bridges.get(meetingId) ??
    (config
      ? { configured: true, state: 'closed', room: null, message: '', updatedAt: 0 }
      : { configured: false, state: 'not_configured', room: null, message: NOT_CONFIGURED, updatedAt: 0 });

  const setState = (meetingId: string, next: Omit<VideoBridgeState, 'configured' | 'updatedAt'>) => {
    const current = stateOf(meetingId);
    if (current.state === next.state && current.message === next.message && current.room === next.room) return;
    const state = { ...next, configured: true, updatedAt: clock.now() };
    bridges.set(meetingId, state);
    broadcaster.videoState(meetingId, state);
    deps.redis?.hset(BRIDGES_KEY, meetingId, JSON.stringify(state)).catch((error: unknown) => logger.error({ err: error, meetingId }, 'video state not shared'));
  };

  /**
   * One room-service call with retries (backoff doubling from `baseMs`). A failure after the
   * last attempt marks the bridge unreachable with the reason; success clears it.
   */
  const call = async <T>(meetingId: string, what: string, work: (rooms: RoomService) => Promise<T>): Promise<T | null> => {
    if (!rooms) return null;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await work(rooms);
        const current = stateOf(meetingId);
        if (current.state === 'unreachable') setState(meetingId, { state: current.room ? 'open' : 'closed', room: current.room, message: '' });
        return result;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (attempt >= retry.attempts) {
          logger.warn({ meetingId, what, err: reason }, 'video bridge call failed');
          setState(meetingId, {
            state: 'unreachable',
            room: stateOf(meetingId).room,
            message: `Không liên lạc được máy chủ video khi ${what} (${reason.slice(0, 160)}). Hội nghị vẫn tiếp tục; hệ thống sẽ thử lại.`,
          });
          return null;
        }
        await sleep(retry.baseMs * 2 ** (attempt - 1));
      }
    }
  };

  const statusOf = (siteId: string): VideoStatus | null => {
    if (!config) return null;
    const tracked = statuses.get(siteId);
    if (!tracked) return { connected: false, camera: false, microphone: false, quality: 'unknown', updatedAt: 0 };
    const { meetingId: _m, lastEventAt: _l, ...status } = tracked;
    return status;
  };

  const updateStatus = (meetingId: string, siteId: string, change: Partial<VideoStatus>, eventAt = clock.now()) => {
    const before = statuses.get(siteId) ?? { connected: false, camera: false, microphone: false, quality: 'unknown' as const, updatedAt: 0, meetingId, lastEventAt: 0 };
    const next: Tracked = { ...before, ...change, meetingId, updatedAt: clock.now(), lastEventAt: Math.max(before.lastEventAt, eventAt) };
    if (!next.connected) Object.assign(next, { camera: false, microphone: false, quality: 'unknown' });
    const same = before.connected === next.connected && before.camera === next.camera && before.microphone === next.microphone && before.quality === next.quality;
    statuses.set(siteId, next);
    if (!same) deps.videoChanged(meetingId, siteId);
    // A site that joins while the floor changes may hold the grant of its token, not of now.
    if (!before.connected && next.connected) void syncGrant(meetingId, siteId);
  };

  /** Sets a site's publishing to what the meeting says now (the floor, the host hall, allowed, open discussion). */
  const syncGrant = async (meetingId: string, siteId: string): Promise<void> => {
    try {
      const room = stateOf(meetingId).room;
      const state = await deps.loadMeeting(meetingId);
      if (!room || !state) return;
      const publishes = sitePublishes(state.video, state.queue.floor?.entry.siteId ?? null, siteId);
      await call(meetingId, publishes ? 'cho điểm cầu phát hình' : 'thu quyền phát hình', (r) => r.setCanPublish(room, videoIdentity.site(siteId), publishes));
    } catch (error) {
      logger.error({ err: error, meetingId, siteId }, 'video grant sync failed');
    }
  };

  /** Camera and microphone of one participant as the room service lists it. */
  const fromParticipant = (p: RoomParticipant | undefined): Partial<VideoStatus> => ({
    connected: Boolean(p),
    camera: Boolean(p?.tracks.some((t) => t.source === 'camera' && !t.muted)),
    microphone: Boolean(p?.tracks.some((t) => t.source === 'microphone' && !t.muted)),
  });

  /** Meetings whose room should be open (started, or opened for a rehearsal): an open that failed is retried. */
  const wanted = new Set<string>();

  const open = async (meetingId: string): Promise<void> => {
    wanted.add(meetingId);
    const room = roomOf(meetingId);
    const done = await call(meetingId, 'mở phòng video', (r) => r.createRoom(room).then(() => true));
    if (done) setState(meetingId, { state: 'open', room, message: '' });
  };

  const close = async (meetingId: string): Promise<void> => {
    wanted.delete(meetingId);
    const room = roomOf(meetingId);
    await call(meetingId, 'đóng phòng video', (r) => r.deleteRoom(room));
    setState(meetingId, { state: 'closed', room: null, message: '' });
    for (const [siteId, tracked] of statuses) if (tracked.meetingId === meetingId) updateStatus(meetingId, siteId, { connected: false });
  };

  /** Brings the sites' statuses of an open room in line with LiveKit's list. */
  const reconcile = async (meetingId: string): Promise<void> => {
    const room = stateOf(meetingId).room;
    if (!room) return;
    // LiveKit was unreachable: it may have restarted without the room (a restart forgets its
    // rooms). Creating it again is harmless when it still exists, and keeps its settings.
    if (stateOf(meetingId).state === 'unreachable' && wanted.has(meetingId)) {
      await open(meetingId);
      if (stateOf(meetingId).state === 'unreachable') return;
    }
    const participants = await call(meetingId, 'đối chiếu danh sách kết nối', (r) => r.listParticipants(room));
    if (!participants) return;
    const bySite = new Map(participants.flatMap((p) => {
      const siteId = videoIdentity.siteOf(p.identity);
      return siteId ? [[siteId, p] as const] : [];
    }));
    for (const [siteId, tracked] of statuses) if (tracked.meetingId === meetingId && !bySite.has(siteId)) updateStatus(meetingId, siteId, { connected: false });
    for (const [siteId, p] of bySite) updateStatus(meetingId, siteId, fromParticipant(p));
  };

  /** Every period: reconcile open rooms; try again to open the rooms that should be open but are not. */
  const tick = async (): Promise<void> => {
    for (const [meetingId, state] of bridges) if (state.room) await reconcile(meetingId);
    for (const meetingId of wanted) if (!stateOf(meetingId).room) await open(meetingId);
  };
  const timer = config && rooms ? setInterval(() => void tick(), deps.reconcileMs ?? RECONCILE_MS) : null;
  timer?.unref();

  /** An ended meeting's bridge stays closed: no rehearsal, no join, no mute or removal until the organiser reopens the meeting. */
  const requireNotEnded = async (meetingId: string): Promise<void> => {
    if ((await deps.loadMeeting(meetingId))?.live.status === 'ended') throw endedError();
  };

  const requireRoom = (meetingId: string): string => {
    if (!config) throw refuse('conflict', 'not_configured', NOT_CONFIGURED);
    const room = stateOf(meetingId).room;
    if (!room) throw refuse('conflict', 'room_closed', 'Phòng video chưa mở: bắt đầu hội nghị hoặc bấm "Mở phòng video (tổng duyệt)".');
    return room;
  };

  /** The participant of a site in the room, or a refusal saying it is not connected. */
  const participantOf = async (meetingId: string, room: string, siteId: string): Promise<RoomParticipant> => {
    const participants = await call(meetingId, 'lấy danh sách kết nối', (r) => r.listParticipants(room));
    if (!participants) throw refuse('conflict', 'unreachable', stateOf(meetingId).message || 'Không liên lạc được máy chủ video.');
    const found = participants.find((p) => p.identity === videoIdentity.site(siteId));
    if (!found) throw refuse('not_found', 'not_in_room', 'Điểm cầu này chưa vào cầu truyền hình.');
    return found;
  };

  return {
    statusOf,
    stateOf,

    /**
     * A join token for this link: the MC and the host hall publish; a site publishes while it
     * has the floor, is allowed, or in an open discussion; screens and leadership only watch.
     */
    token(meetingId: string, who: VideoPrincipal): Promise<Ack<VideoAccess>> {
      return guard(async () => {
        if (!config) throw refuse('conflict', 'not_configured', NOT_CONFIGURED);
        const state = await deps.loadMeeting(meetingId);
        if (!state) throw refuse('not_found', 'meeting_not_found', 'Không tìm thấy hội nghị.');
        // the room closed with the meeting; joining must not open it again
        if (state.live.status === 'ended') throw endedError();
        const staff = who.role === 'admin' || who.role === 'mc';
        if (!stateOf(meetingId).room) {
          if (!staff && stateOf(meetingId).state === 'unreachable') throw refuse('conflict', 'unreachable', 'Máy chủ video đang gặp sự cố; hệ thống đang thử lại. Chờ giây lát rồi bấm lại "Vào cầu truyền hình".');
          if (!staff) throw refuse('conflict', 'room_closed', 'Cầu truyền hình chưa mở: chờ MC mở phòng hoặc bắt đầu hội nghị, rồi bấm lại "Vào cầu truyền hình".');
          await open(meetingId);
          if (!stateOf(meetingId).room) throw refuse('conflict', 'unreachable', stateOf(meetingId).message);
        }
        let identity: string;
        let name: string;
        let canPublish: boolean;
        if (who.role === 'site' && who.siteId) {
          const siteName = await deps.siteName(meetingId, who.siteId);
          if (!siteName) throw refuse('not_found', 'site_not_found', 'Không tìm thấy điểm cầu này.');
          identity = videoIdentity.site(who.siteId);
          name = siteName;
          canPublish = sitePublishes(state.video, state.queue.floor?.entry.siteId ?? null, who.siteId);
        } else if (staff) {
          identity = videoIdentity.staff('mc', who.tokenId);
          name = 'Người dẫn chương trình';
          canPublish = true;
        } else if (who.role === 'projector' || who.role === 'leadership') {
          identity = videoIdentity.staff(who.role, `${who.tokenId}-${Math.random().toString(36).slice(2, 8)}`);
          name = who.role === 'projector' ? 'Màn chiếu' : 'Lãnh đạo';
          canPublish = false;
        } else {
          throw refuse('forbidden', 'role', 'Liên kết này không vào được cầu truyền hình.');
        }
        const room = roomOf(meetingId);
        const hidden = who.role === 'projector' || who.role === 'leadership';
        const token = await mintJoinToken(config, { room, identity, name, canPublish, hidden, ttlSeconds: TOKEN_TTL_S });
        return { url: config.url, token, room, identity, name, canPublish, expiresAt: clock.now() + TOKEN_TTL_S * 1000 };
      });
    },

    /** Opens the room before the start (a technical rehearsal). */
    openRoom(meetingId: string): Promise<Ack<VideoBridgeState>> {
      return guard(async () => {
        if (!config) throw refuse('conflict', 'not_configured', NOT_CONFIGURED);
        await requireNotEnded(meetingId);
        await open(meetingId);
        return stateOf(meetingId);
      });
    },

    /**
     * Follows the meeting: the room opens at the start and closes at the end; publishing
     * follows the floor, the allowed sites, the host hall and open discussion. Runs after
     * the change was acked and broadcast; never throws.
     */
    async meetingChanged(meetingId: string, before: MeetingState, after: MeetingState): Promise<void> {
      if (!config) return;
      try {
        if (before.live.status !== 'live' && after.live.status === 'live' && !stateOf(meetingId).room) await open(meetingId);
        if (before.live.status === 'live' && after.live.status === 'ended') return void (await close(meetingId));
        const room = stateOf(meetingId).room;
        if (!room) return;
        const floorBefore = before.queue.floor?.entry.siteId ?? null;
        const floorAfter = after.queue.floor?.entry.siteId ?? null;
        const candidates = new Set<string>(
          [floorBefore, floorAfter, before.video.hostSiteId, after.video.hostSiteId, ...before.video.allowedSites, ...after.video.allowedSites].filter(
            (id): id is string => id !== null,
          ),
        );
        if (before.video.openDiscussion !== after.video.openDiscussion) {
          for (const [siteId, tracked] of statuses) if (tracked.meetingId === meetingId && tracked.connected) candidates.add(siteId);
        }
        for (const siteId of candidates) {
          const was = sitePublishes(before.video, floorBefore, siteId);
          const now = sitePublishes(after.video, floorAfter, siteId);
          if (was === now || !statuses.get(siteId)?.connected) continue;
          await call(meetingId, now ? 'cho điểm cầu phát hình' : 'thu quyền phát hình', (r) => r.setCanPublish(room, videoIdentity.site(siteId), now));
        }
      } catch (error) {
        logger.error({ err: error, meetingId }, 'video follow-up failed');
      }
    },

    mute(meetingId: string, siteId: string, source: 'microphone' | 'camera'): Promise<Ack<null>> {
      return guard(async () => {
        await requireNotEnded(meetingId);
        const room = requireRoom(meetingId);
        const participant = await participantOf(meetingId, room, siteId);
        const tracks = participant.tracks.filter((t) => t.source === source && !t.muted);
        if (tracks.length === 0) throw refuse('conflict', 'already_muted', source === 'microphone' ? 'Micro của điểm cầu này đang tắt.' : 'Camera của điểm cầu này đang tắt.');
        for (const track of tracks) await call(meetingId, 'tắt tiếng điểm cầu', (r) => r.muteTrack(room, participant.identity, track.sid));
        updateStatus(meetingId, siteId, source === 'microphone' ? { microphone: false } : { camera: false });
        return null;
      });
    },

    /** Mutes every site's microphone except the host hall's. */
    muteAll(meetingId: string): Promise<Ack<{ muted: number }>> {
      return guard(async () => {
        await requireNotEnded(meetingId);
        const room = requireRoom(meetingId);
        const state = await deps.loadMeeting(meetingId);
        const participants = await call(meetingId, 'lấy danh sách kết nối', (r) => r.listParticipants(room));
        if (!participants) throw refuse('conflict', 'unreachable', stateOf(meetingId).message);
        let muted = 0;
        for (const p of participants) {
          const siteId = videoIdentity.siteOf(p.identity);
          if (!siteId || siteId === state?.video.hostSiteId) continue;
          for (const track of p.tracks.filter((t) => t.source === 'microphone' && !t.muted)) {
            if (await call(meetingId, 'tắt tiếng các điểm cầu', (r) => r.muteTrack(room, p.identity, track.sid).then(() => true))) muted += 1;
          }
          updateStatus(meetingId, siteId, { microphone: false });
        }
        return { muted };
      });
    },

    remove(meetingId: string, siteId: string): Promise<Ack<null>> {
      return guard(async () => {
        await requireNotEnded(meetingId);
        const room = requireRoom(meetingId);
        const participant = await participantOf(meetingId, room, siteId);
        await call(meetingId, 'mời điểm cầu rời phòng', (r) => r.removeParticipant(room, participant.identity));
        updateStatus(meetingId, siteId, { connected: false });
        return null;
      });
    },

    /** A site page's own report of its video (what it publishes, its connection quality). */
    report(meetingId: string, siteId: string, input: VideoReport): Ack<null> {
      if (!config) return fail('conflict', NOT_CONFIGURED, { reason: 'not_configured' });
      updateStatus(meetingId, siteId, input);
      return ok(null);
    },

    /**
     * A LiveKit webhook: the signature (a JWT signed with the API secret carrying the body's
     * SHA-256) is verified; a replayed event (same id) or one older than the last applied for
     * that participant changes nothing. Resolves to the HTTP status to answer.
     */
    /**
     * A webhook's refusal from its headers alone, or null: the bridge is configured and the
     * Authorization is a token signed with the API secret. Checked before the body is read (the
     * token's body hash is checked with the body, by `webhook`).
     */
    async webhookRefusal(authorization: string | undefined): Promise<{ status: number; message: string } | null> {
      if (!verifier) return { status: 404, message: 'video bridge not configured' };
      try {
        if (!authorization) throw new Error('authorization header is empty');
        await verifier.verify(authorization);
        return null;
      } catch (error) {
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'webhook refused');
        return { status: 401, message: 'invalid webhook signature' };
      }
    },

    async webhook(body: string, authorization: string | undefined): Promise<{ status: number; message: string }> {
      if (!receiver) return { status: 404, message: 'video bridge not configured' };
      let event;
      try {
        event = await receiver.receive(body, authorization);
      } catch (error) {
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'webhook refused');
        return { status: 401, message: 'invalid webhook signature' };
      }
      if (event.id && seenSet.has(event.id)) return { status: 200, message: 'duplicate ignored' };
      // Several nodes: the first node to see an event id claims it for a day.
      if (event.id && deps.redis && (await deps.redis.set(`dc:video:event:${event.id}`, '1', 'EX', 86_400, 'NX')) !== 'OK') {
        return { status: 200, message: 'duplicate ignored' };
      }
      if (event.id) {
        seenSet.add(event.id);
        seenEvents.push(event.id);
        if (seenEvents.length > 5_000) seenSet.delete(seenEvents.shift()!);
      }
      const meetingId = event.room ? meetingOfRoom(event.room.name) : null;
      if (!meetingId) return { status: 200, message: 'not a diemcau room' };
      const eventAt = Number(event.createdAt) * 1000 || clock.now();
      if (event.event === 'room_finished') {
        setState(meetingId, { state: 'closed', room: null, message: '' });
        for (const [siteId, tracked] of statuses) if (tracked.meetingId === meetingId) updateStatus(meetingId, siteId, { connected: false });
        return { status: 200, message: 'ok' };
      }
      const siteId = event.participant ? videoIdentity.siteOf(event.participant.identity) : null;
      if (!siteId) return { status: 200, message: 'ok' };
      if ((statuses.get(siteId)?.lastEventAt ?? 0) > eventAt) return { status: 200, message: 'out of order ignored' };
      switch (event.event) {
        case 'participant_joined':
        case 'track_published':
        case 'track_unpublished': {
          const p = event.participant!;
          const participant: RoomParticipant = {
            identity: p.identity,
            tracks: p.tracks
              .filter((t) => !(event.event === 'track_unpublished' && t.sid === event.track?.sid))
              .map((t) => ({ sid: t.sid, source: sourceOf(t.source, t.type), muted: t.muted })),
          };
          updateStatus(meetingId, siteId, fromParticipant(participant), eventAt);
          break;
        }
        case 'participant_left':
        case 'participant_connection_aborted':
          updateStatus(meetingId, siteId, { connected: false }, eventAt);
          break;
        default:
          break;
      }
      return { status: 200, message: 'ok' };
    },

    reconcile,
    tick,

    /** Reads the bridges other nodes opened before this one started (several nodes). */
    async restore(): Promise<void> {
      if (!deps.redis) return;
      for (const [meetingId, json] of Object.entries(await deps.redis.hgetall(BRIDGES_KEY))) {
        if (!bridges.has(meetingId)) bridges.set(meetingId, JSON.parse(json) as VideoBridgeState);
      }
    },

    /**
     * What another node broadcast (through the adapter) about the video: the bridge's state,
     * or sites' video statuses in a board batch. Kept here without broadcasting again, so this
     * node's tokens, snapshots and board rows agree with it.
     */
    mirror(meetingId: string, update: { state: VideoBridgeState } | { sites: { id: string; video: VideoStatus | null }[] }): void {
      if (!config) return;
      if ('state' in update) {
        if (update.state.updatedAt >= (bridges.get(meetingId)?.updatedAt ?? 0)) bridges.set(meetingId, update.state);
        return;
      }
      for (const { id, video } of update.sites) {
        const known = statuses.get(id);
        if (video && video.updatedAt >= (known?.updatedAt ?? 0)) statuses.set(id, { ...video, meetingId, lastEventAt: known?.lastEventAt ?? 0 });
      }
    },

    close(): void {
      if (timer) clearInterval(timer);
    },
  };
}

export type VideoService = ReturnType<typeof videoService>;
