import type { ConnectionQuality, DisconnectReason as Reason } from '@livekit/rtc-node';

// The SDK logs at debug level unless NODE_ENV is production, read once when it loads: quiet it.
const nodeEnv = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
const { AudioFrame, AudioSource, DisconnectReason, LocalAudioTrack, LocalVideoTrack, Room, RoomEvent, TrackPublishOptions, TrackSource, VideoBufferType, VideoFrame, VideoSource, dispose } = await import('@livekit/rtc-node');
if (nodeEnv === undefined) delete process.env.NODE_ENV;
else process.env.NODE_ENV = nodeEnv;

/** Ends the SDK's native side (after the last participant left), so the test process can exit. */
export const disposeParticipants = dispose;
export { DisconnectReason };

/**
 * A headless participant of a real LiveKit room (LiveKit's Node SDK, WebRTC in its prebuilt
 * native library): joins with a token diemcau minted, publishes a synthetic camera (a moving
 * pattern) or microphone (a tone), and records what the server tells it.
 */
export async function joinRoom(url: string, token: string) {
  const room = new Room();
  const seen = { disconnected: null as Reason | null, quality: [] as ConnectionQuality[], mutedTracks: new Set<string>(), reconnected: 0 };
  room.on(RoomEvent.Disconnected, (reason) => (seen.disconnected = reason));
  room.on(RoomEvent.Reconnected, () => (seen.reconnected += 1));
  room.on(RoomEvent.ConnectionQualityChanged, (quality, participant) => {
    if (participant.identity === room.localParticipant?.identity) seen.quality.push(quality);
  });
  room.on(RoomEvent.TrackMuted, (publication) => publication.sid && seen.mutedTracks.add(publication.sid));
  await room.connect(url, token, { autoSubscribe: false, dynacast: false });
  const timers: NodeJS.Timeout[] = [];

  return {
    room,
    seen,
    identity: room.localParticipant!.identity,
    /** Publishes a 320×180 camera at 15 frames a second; resolves with the track's sid (throws when the grant refuses it). */
    async publishCamera(): Promise<string> {
      const source = new VideoSource(320, 180);
      const track = LocalVideoTrack.createVideoTrack('camera', source);
      const pixels = new Uint8Array(320 * 180 * 4);
      let frame = 0;
      timers.push(
        setInterval(() => {
          frame += 1;
          for (let i = 0; i < pixels.length; i += 4) pixels[i] = (i / 4 + frame * 7) % 256;
          source.captureFrame(new VideoFrame(pixels, 320, 180, VideoBufferType.RGBA));
        }, 66),
      );
      const options = new TrackPublishOptions();
      options.source = TrackSource.SOURCE_CAMERA;
      options.simulcast = false;
      return (await room.localParticipant!.publishTrack(track, options)).sid!;
    },
    /** Publishes a 440 Hz tone as the microphone; resolves with the track's sid. */
    async publishMicrophone(): Promise<string> {
      const source = new AudioSource(48_000, 1);
      const track = LocalAudioTrack.createAudioTrack('microphone', source);
      const samples = new Int16Array(480);
      let n = 0;
      timers.push(
        setInterval(() => {
          for (let i = 0; i < samples.length; i += 1, n += 1) samples[i] = Math.round(8_000 * Math.sin((2 * Math.PI * 440 * n) / 48_000));
          void source.captureFrame(new AudioFrame(samples, 48_000, 1, 480)).catch(() => undefined);
        }, 10),
      );
      const options = new TrackPublishOptions();
      options.source = TrackSource.SOURCE_MICROPHONE;
      return (await room.localParticipant!.publishTrack(track, options)).sid!;
    },
    async leave(): Promise<void> {
      for (const timer of timers) clearInterval(timer);
      await room.disconnect().catch(() => undefined);
    },
  };
}

export type Participant = Awaited<ReturnType<typeof joinRoom>>;
