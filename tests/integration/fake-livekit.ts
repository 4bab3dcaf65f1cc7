import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenVerifier } from 'livekit-server-sdk';

export const LIVEKIT_KEY = 'APItestkey';
export const LIVEKIT_SECRET = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz';

export type TwirpCall = { method: string; body: Record<string, unknown>; grants: Record<string, unknown> };
export type FakeParticipant = { identity: string; tracks: { sid: string; source: 'CAMERA' | 'MICROPHONE'; type: 'VIDEO' | 'AUDIO'; muted: boolean }[] };

/** What each method needs in the caller's token: the room service's own rules. */
const NEEDS: Record<string, (grants: Record<string, unknown>, body: Record<string, unknown>) => boolean> = {
  CreateRoom: (g) => g.roomCreate === true,
  DeleteRoom: (g) => g.roomCreate === true,
  ListParticipants: (g, b) => g.roomAdmin === true && g.room === b.room,
  UpdateParticipant: (g, b) => g.roomAdmin === true && g.room === b.room,
  MutePublishedTrack: (g, b) => g.roomAdmin === true && g.room === b.room,
  RemoveParticipant: (g, b) => g.roomAdmin === true && g.room === b.room,
};

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => resolve(data));
  });

/**
 * A local stand-in for LiveKit's room service: speaks Twirp JSON at
 * `/twirp/livekit.RoomService/<Method>`, checks every request's bearer token with the SDK's
 * TokenVerifier and the grants the method needs (401/403 otherwise), records the calls, and
 * answers from a participant list the test sets. `down` makes it answer 503 like an
 * unreachable server.
 */
export async function startFakeLiveKit() {
  const verifier = new TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET);
  const calls: TwirpCall[] = [];
  const refused: { method: string; status: number; reason: string }[] = [];
  const state = { down: false, participants: [] as FakeParticipant[] };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await read(req);
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const match = /^\/twirp\/livekit\.RoomService\/(\w+)$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return send(404, { code: 'bad_route', msg: `no route ${req.url}` });
      const method = match[1]!;
      if (state.down) return send(503, { code: 'unavailable', msg: 'fake LiveKit is down' });
      const header = req.headers.authorization ?? '';
      let grants: Record<string, unknown>;
      try {
        const claims = await verifier.verify(header.replace(/^Bearer /, ''));
        grants = (claims.video ?? {}) as Record<string, unknown>;
      } catch (error) {
        refused.push({ method, status: 401, reason: String(error) });
        return send(401, { code: 'unauthenticated', msg: 'invalid token' });
      }
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return send(400, { code: 'malformed', msg: 'body is not JSON' });
      }
      const allowed = NEEDS[method];
      if (!allowed) return send(404, { code: 'bad_route', msg: `unknown method ${method}` });
      if (!allowed(grants, parsed)) {
        refused.push({ method, status: 403, reason: `grants ${JSON.stringify(grants)}` });
        return send(403, { code: 'permission_denied', msg: 'missing grant' });
      }
      calls.push({ method, body: parsed, grants });
      const participant = (identity: unknown) => state.participants.find((p) => p.identity === identity);
      switch (method) {
        case 'CreateRoom':
          return send(200, { sid: 'RM_fake', name: parsed.name });
        case 'DeleteRoom':
        case 'RemoveParticipant':
          if (method === 'RemoveParticipant') state.participants = state.participants.filter((p) => p.identity !== parsed.identity);
          return send(200, {});
        case 'ListParticipants':
          return send(200, { participants: state.participants.map((p) => ({ sid: `PA_${p.identity}`, identity: p.identity, state: 'ACTIVE', tracks: p.tracks })) });
        case 'UpdateParticipant':
          return send(200, { sid: 'PA_x', identity: parsed.identity, permission: parsed.permission });
        case 'MutePublishedTrack': {
          const track = participant(parsed.identity)?.tracks.find((t) => t.sid === parsed.trackSid);
          if (track) track.muted = true;
          return send(200, { track: { sid: parsed.trackSid, muted: true } });
        }
        default:
          return send(404, { code: 'bad_route', msg: method });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    refused,
    state,
    config: { url: url.replace('http', 'ws'), apiUrl: url, apiKey: LIVEKIT_KEY, apiSecret: LIVEKIT_SECRET },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeLiveKit = Awaited<ReturnType<typeof startFakeLiveKit>>;
