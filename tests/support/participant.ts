import type { ConnectionQuality, DisconnectReason as Reason } from '@livekit/rtc-node';

// The SDK logs at debug level unless NODE_ENV is production, read once when it loads: quiet it.
const nodeEnv = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
const { AudioFrame, AudioSource, DisconnectReason, TrackKind, VideoStream, LocalAudioTrack, LocalVideoTrack, Room, RoomEvent, TrackPublishOptions, TrackSource, VideoBufferType, VideoFrame, VideoSource, dispose } = await import('@livekit/rtc-node');
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
export async function joinRoom(url: string, token: string, options: { watch?: boolean } = {}) {
  const room = new Room();
  const seen = { disconnected: null as Reason | null, quality: [] as ConnectionQuality[], mutedTracks: new Set<string>(), reconnected: 0 };
  room.on(RoomEvent.Disconnected, (reason) => (seen.disconnected = reason));
  room.on(RoomEvent.Reconnected, () => (seen.reconnected += 1));
  room.on(RoomEvent.ConnectionQualityChanged, (quality, participant) => {
    if (participant.identity === room.localParticipant?.identity) seen.quality.push(quality);
  });
  room.on(RoomEvent.TrackMuted, (publication) => publication.sid && seen.mutedTracks.add(publication.sid));
  /** With `watch`: every video frame decoded from the room, and the size of the last one (the simulcast layer received). */
  const received = { frames: 0, width: 0, height: 0, sent: 0 };
  if (options.watch) {
    room.on(RoomEvent.TrackSubscribed, (track) => {
      if (track.kind !== TrackKind.KIND_VIDEO) return;
      void (async () => {
        const reader = new VideoStream(track).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          received.frames += 1;
          received.width = value.frame.width;
          received.height = value.frame.height;
        }
      })().catch(() => undefined);
    });
  }
  await room.connect(url, token, { autoSubscribe: Boolean(options.watch), dynacast: true });
  const timers: NodeJS.Timeout[] = [];

  return {
    room,
    seen,
    received,
    identity: room.localParticipant!.identity,
    /**
     * Publishes a camera (default 320×180 at 15 frames a second, no simulcast): a picture that
     * changes every frame; resolves with the track's sid (throws when the grant refuses it).
     * `sent` counts the frames handed to the encoder.
     */
    async publishCamera(camera: { width: number; height: number; fps: number; simulcast: boolean } = { width: 320, height: 180, fps: 15, simulcast: false }): Promise<string> {
      const { width, height } = camera;
      const source = new VideoSource(width, height);
      const track = LocalVideoTrack.createVideoTrack('camera', source);
      // I420, a different picture every frame (cycling through 8): bands that move and a patch
      // of noise in one corner, so the encoder cannot coast on a still test card
      const pictures = Array.from({ length: 8 }, (_, k) => {
        const picture = new Uint8Array(width * height * 1.5).fill(128);
        for (let y = 0; y < height; y += 1) {
          for (let x = 0; x < width; x += 1) picture[y * width + x] = y < height / 4 && x < width / 4 ? (Math.random() * 256) | 0 : (x + 2 * y + k * 24) & 255;
        }
        return picture;
      });
      let frame = 0;
      timers.push(
        setInterval(() => {
          source.captureFrame(new VideoFrame(pictures[frame % pictures.length]!, width, height, VideoBufferType.I420));
          frame += 1;
          received.sent = frame;
        }, 1000 / camera.fps),
      );
      const options = new TrackPublishOptions();
      options.source = TrackSource.SOURCE_CAMERA;
      options.simulcast = camera.simulcast;
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
