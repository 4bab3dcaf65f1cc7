import { AccessToken, RoomServiceClient, TrackSource, TrackType } from 'livekit-server-sdk';

/** A participant as the room service lists it: enough to know a site's camera and microphone. */
export type RoomParticipant = {
  identity: string;
  tracks: { sid: string; source: 'camera' | 'microphone' | 'other'; muted: boolean }[];
};

/**
 * The few LiveKit room-service calls diemcau makes, behind one small interface: the real
 * client in production, a local endpoint that checks the wire in tests.
 */
export interface RoomService {
  createRoom(room: string): Promise<void>;
  deleteRoom(room: string): Promise<void>;
  listParticipants(room: string): Promise<RoomParticipant[]>;
  /** Grants or takes back publishing while the participant stays connected. */
  setCanPublish(room: string, identity: string, canPublish: boolean): Promise<void>;
  muteTrack(room: string, identity: string, trackSid: string): Promise<void>;
  removeParticipant(room: string, identity: string): Promise<void>;
}

export type LiveKitConfig = {
  /** What browsers connect to (wss://…). */
  url: string;
  /** What the server calls (https://…); defaults to `url` with ws → http. */
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
};

/** camera, microphone or other, from a track's source (or its type, from clients that send none). */
export const sourceOf = (source: TrackSource, type: TrackType): RoomParticipant['tracks'][number]['source'] => {
  if (source === TrackSource.CAMERA) return 'camera';
  if (source === TrackSource.MICROPHONE) return 'microphone';
  // Older clients publish without a source: the track type tells.
  if (source === TrackSource.UNKNOWN) return type === TrackType.AUDIO ? 'microphone' : type === TrackType.VIDEO ? 'camera' : 'other';
  return 'other';
};

/** Publishing grants of a participant: camera and microphone only, never data or screen share. */
export const publishGrant = (canPublish: boolean) => ({
  canPublish,
  canSubscribe: true,
  canPublishData: false,
  canPublishSources: canPublish ? [TrackSource.CAMERA, TrackSource.MICROPHONE] : [],
});

/** The room service of a LiveKit server or cloud project (livekit-server-sdk, Twirp over HTTP). */
export function livekitRoomService(config: LiveKitConfig): RoomService {
  const client = new RoomServiceClient(config.apiUrl, config.apiKey, config.apiSecret, { requestTimeout: 5 });
  return {
    async createRoom(room) {
      // Closed by the server when the meeting ends; kept a while if everyone drops at once.
      await client.createRoom({ name: room, emptyTimeout: 30 * 60, departureTimeout: 10 * 60 });
    },
    async deleteRoom(room) {
      await client.deleteRoom(room);
    },
    async listParticipants(room) {
      const participants = await client.listParticipants(room);
      return participants.map((p) => ({
        identity: p.identity,
        tracks: p.tracks.map((t) => ({ sid: t.sid, source: sourceOf(t.source, t.type), muted: t.muted })),
      }));
    },
    async setCanPublish(room, identity, canPublish) {
      await client.updateParticipant(room, identity, { permission: publishGrant(canPublish) });
    },
    async muteTrack(room, identity, trackSid) {
      await client.mutePublishedTrack(room, identity, trackSid, true);
    },
    async removeParticipant(room, identity) {
      await client.removeParticipant(room, identity);
    },
  };
}

/** A join token: identity and name from the server, short-lived, grants by role. */
export async function mintJoinToken(
  config: LiveKitConfig,
  input: { room: string; identity: string; name: string; canPublish: boolean; hidden: boolean; ttlSeconds: number },
): Promise<string> {
  const token = new AccessToken(config.apiKey, config.apiSecret, { identity: input.identity, name: input.name, ttl: input.ttlSeconds });
  token.addGrant({ roomJoin: true, room: input.room, hidden: input.hidden, ...publishGrant(input.canPublish) });
  return token.toJwt();
}
