import { type ConnectionQuality as Quality, type VideoAccess, type VideoReport } from '@diemcau/shared';
import {
  CarouselLayout,
  FocusLayout,
  FocusLayoutContainer,
  GridLayout,
  isTrackReference,
  LayoutContextProvider,
  LiveKitRoom,
  MediaDeviceMenu,
  ParticipantTile,
  RoomAudioRenderer,
  StartAudio,
  TrackToggle,
  useConnectionQualityIndicator,
  useConnectionState,
  useCreateLayoutContext,
  useLocalParticipant,
  useLocalParticipantPermissions,
  usePinnedTracks,
  useRoomContext,
  useTrackRefContext,
  useTracks,
} from '@livekit/components-react';
import { ConnectionQuality, ConnectionState, type DisconnectReason, ParticipantEvent, Room, RoomEvent, Track, VideoPresets } from 'livekit-client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { reportVideo } from '../../realtime/video';
import { connectTrouble, deviceFailure, deviceTrouble, endTrouble, isDeviceError, type Trouble } from './errors';
import { type DeviceChoices, deviceOption, useDeviceChoices } from './PreJoin';

/** A site page reports its video at most this often (and again after the last change). */
export const REPORT_EVERY_MS = 2_000;

const QUALITY: Record<ConnectionQuality, Quality> = {
  [ConnectionQuality.Excellent]: 'excellent',
  [ConnectionQuality.Good]: 'good',
  [ConnectionQuality.Poor]: 'poor',
  [ConnectionQuality.Lost]: 'lost',
  [ConnectionQuality.Unknown]: 'unknown',
};

/** Who is spotlighted, and who gets the "host hall" label: LiveKit identities. */
type Spotlight = { floorIdentity: string | null; hostIdentity: string | null };

/** One participant's tile: LiveKit's own, marked when it has the floor or is the host hall. */
function Tile({ floorIdentity, hostIdentity }: Spotlight) {
  const t = useT();
  const trackRef = useTrackRefContext();
  const identity = trackRef.participant.identity;
  const label = identity === floorIdentity ? t('video.room.floor') : identity === hostIdentity ? t('video.room.host') : undefined;
  return <ParticipantTile data-vfloor={identity === floorIdentity ? 'true' : undefined} data-vlabel={label} />;
}

/**
 * Every camera that sends a picture in LiveKit's grid; the site with the floor (else a tile
 * the user pinned) in LiveKit's focus layout with the others in a strip. The active speaker
 * is outlined by the tiles themselves.
 */
function Stage({ floorIdentity, hostIdentity }: Spotlight) {
  const t = useT();
  const layout = useCreateLayoutContext();
  const all = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { onlySubscribed: false },
  );
  // hundreds of sites watch with their camera off: show who sends a picture, and the floor site even before its camera is on
  const tracks = all.filter((ref) => isTrackReference(ref) || ref.participant.identity === floorIdentity);
  const pinned = usePinnedTracks(layout)[0];
  const floorTrack = floorIdentity ? tracks.find((ref) => ref.participant.identity === floorIdentity && ref.source === Track.Source.Camera) : undefined;
  const focus = floorTrack ?? pinned;
  const others = focus ? tracks.filter((ref) => !(ref.participant.identity === focus.participant.identity && ref.source === focus.source)) : tracks;
  const tile = <Tile floorIdentity={floorIdentity} hostIdentity={hostIdentity} />;

  return (
    <LayoutContextProvider value={layout}>
      <div className="vroom__stage" data-testid="video-stage">
        {tracks.length === 0 ? (
          <p className="vroom__empty">{t('video.room.empty')}</p>
        ) : focus ? (
          <FocusLayoutContainer className="vroom__focus">
            {others.length > 0 && <CarouselLayout tracks={others}>{tile}</CarouselLayout>}
            <FocusLayout trackRef={focus} data-vfloor={focus === floorTrack ? 'true' : undefined} data-vlabel={focus === floorTrack ? t('video.room.floor') : undefined} />
          </FocusLayoutContainer>
        ) : (
          <GridLayout tracks={tracks}>{tile}</GridLayout>
        )}
      </div>
    </LayoutContextProvider>
  );
}

/** What the page says after a grant: the floor switches the microphone on too; other grants only the camera. */
type Grant = 'floor' | 'camera' | null;

/**
 * Follows the grant to publish: the server gives it with the floor (or the MC's leave, an
 * open discussion) and takes it back after. With the floor the camera and microphone chosen
 * before joining are switched on; with another grant only the camera (a hundred open
 * microphones would howl), and the page says which. When it is taken back both are switched
 * off, so the camera light goes out.
 */
function usePublishGrant(choices: DeviceChoices, hasFloor: boolean, onDeviceError: (message: string) => void): { canPublish: boolean; grant: Grant; dismiss: () => void } {
  const t = useT();
  const room = useRoomContext();
  const permissions = useLocalParticipantPermissions();
  const [grant, setGrant] = useState<Grant>(null);
  /** What the last grant switched on (the note can be closed; this stays). */
  const applied = useRef<Grant>(null);
  const floor = useRef(hasFloor);
  useEffect(() => {
    floor.current = hasFloor;
    // LiveKit's grant can arrive before the meeting says this site has the floor: when the
    // floor follows, the microphone goes on as it would have with the grant.
    if (!hasFloor || applied.current !== 'camera' || !choices.audioEnabled) return;
    applied.current = 'floor';
    setGrant('floor');
    room.localParticipant.setMicrophoneEnabled(true).catch((error: unknown) => onDeviceError(deviceTrouble(t, error)));
  }, [hasFloor, room, choices.audioEnabled, onDeviceError, t]);

  useEffect(() => {
    const participant = room.localParticipant;
    const onChange = (before: { canPublish?: boolean } | undefined) => {
      const now = participant.permissions?.canPublish ?? false;
      if (now === (before?.canPublish ?? false)) return;
      const microphone = now && floor.current && choices.audioEnabled;
      applied.current = now ? (microphone ? 'floor' : 'camera') : null;
      setGrant(applied.current);
      const apply = Promise.all([participant.setMicrophoneEnabled(microphone), participant.setCameraEnabled(now && choices.videoEnabled)]);
      apply.catch((error: unknown) => {
        if (now) onDeviceError(deviceTrouble(t, error));
        else console.warn('switching off camera and microphone after the grant ended failed', error);
      });
    };
    participant.on(ParticipantEvent.ParticipantPermissionsChanged, onChange);
    return () => void participant.off(ParticipantEvent.ParticipantPermissionsChanged, onChange);
  }, [room, choices.audioEnabled, choices.videoEnabled, onDeviceError, t]);

  return { canPublish: permissions?.canPublish ?? false, grant, dismiss: () => setGrant(null) };
}

/**
 * A site page tells the server what it publishes and how its connection is: on every change,
 * at most every two seconds (the last change always goes out).
 */
function useVideoReport(): void {
  const state = useConnectionState();
  const { isCameraEnabled, isMicrophoneEnabled, localParticipant } = useLocalParticipant();
  const { quality } = useConnectionQualityIndicator({ participant: localParticipant });
  const connected = state === ConnectionState.Connected || state === ConnectionState.Reconnecting || state === ConnectionState.SignalReconnecting;
  const report: VideoReport = useMemo(
    () => ({ connected, camera: connected && isCameraEnabled, microphone: connected && isMicrophoneEnabled, quality: state === ConnectionState.Connected ? QUALITY[quality] : connected ? 'lost' : 'unknown' }),
    [connected, isCameraEnabled, isMicrophoneEnabled, quality, state],
  );
  const key = JSON.stringify(report);
  const sent = useRef({ key: '', at: 0 });

  useEffect(() => {
    if (key === sent.current.key) return;
    if (!report.connected && sent.current.key === '') return; // nothing to say before the first connect
    // a newer change clears this timer and schedules its own for the same moment
    const send = () => {
      sent.current = { key, at: Date.now() };
      void reportVideo(report);
    };
    const wait = sent.current.at + REPORT_EVERY_MS - Date.now();
    if (wait <= 0) return void send();
    const timer = window.setTimeout(send, wait);
    return () => window.clearTimeout(timer);
  }, [key, report]);
}

function Reporter() {
  useVideoReport();
  return null;
}

/** Microphone and camera (LiveKit's toggles and device menus), sound, leave; disabled with the reason while the site may not publish. */
function Controls({ canPublish, onLeave, onDeviceError }: { canPublish: boolean; onLeave: () => void; onDeviceError: (message: string) => void }) {
  const t = useT();
  const { saveAudioInputDeviceId, saveVideoInputDeviceId, saveAudioInputEnabled, saveVideoInputEnabled } = useDeviceChoices();
  const deviceError = useCallback((error: Error) => onDeviceError(deviceTrouble(t, error)), [onDeviceError, t]);
  // only the user's own clicks become the remembered choice, not the floor switching them
  const micChanged = useCallback((on: boolean, byUser: boolean) => void (byUser && saveAudioInputEnabled(on)), [saveAudioInputEnabled]);
  const cameraChanged = useCallback((on: boolean, byUser: boolean) => void (byUser && saveVideoInputEnabled(on)), [saveVideoInputEnabled]);
  const reason = canPublish ? undefined : t('video.room.onlyWithFloor');
  return (
    <div className="lk-control-bar vroom__bar">
      {/* a disabled fieldset disables LiveKit's toggles too (they set their own `disabled` while busy) */}
      <fieldset className="vroom__publish" disabled={!canPublish} title={reason}>
        <div className="lk-button-group">
          <TrackToggle source={Track.Source.Microphone} onChange={micChanged} onDeviceError={deviceError}>
            {t('video.room.mic')}
          </TrackToggle>
          <div className="lk-button-group-menu">
            <MediaDeviceMenu kind="audioinput" aria-label={t('video.room.pickMic')} title={t('video.room.pickMic')} onActiveDeviceChange={(_kind, id) => saveAudioInputDeviceId(id)} />
          </div>
        </div>
        <div className="lk-button-group">
          <TrackToggle source={Track.Source.Camera} onChange={cameraChanged} onDeviceError={deviceError}>
            {t('video.room.camera')}
          </TrackToggle>
          <div className="lk-button-group-menu">
            <MediaDeviceMenu kind="videoinput" aria-label={t('video.room.pickCamera')} title={t('video.room.pickCamera')} onActiveDeviceChange={(_kind, id) => saveVideoInputDeviceId(id)} />
          </div>
        </div>
      </fieldset>
      <StartAudio label={t('video.room.startAudio')} />
      <button type="button" className="lk-button lk-disconnect-button" onClick={onLeave}>
        {t('video.room.leave')}
      </button>
      {reason && (
        <p className="vroom__reason" data-testid="video-publish-reason">
          {reason}
        </p>
      )}
    </div>
  );
}

/** Connecting, reconnecting: what LiveKit's connection is doing, in words. */
function ConnectionLine() {
  const t = useT();
  const state = useConnectionState();
  if (state === ConnectionState.Connected) return null;
  // before the first connect the room says Disconnected; a real end replaces this view at once
  const connecting = state === ConnectionState.Connecting || state === ConnectionState.Disconnected;
  return (
    <p className={`vnote ${connecting ? '' : 'vnote--warning'}`} role="status" data-testid="video-connection">
      {connecting ? t('video.connecting') : t('video.reconnecting')}
    </p>
  );
}

type InRoomProps = {
  choices: DeviceChoices;
  spotlight: Spotlight;
  report: boolean;
  /** Whether the meeting says this site may publish now (null: not a site); a lasting mismatch with LiveKit's grant asks for new access. */
  expectPublish: boolean | null;
  onStaleGrant: () => void;
  warning: string | null;
  onWarning: (message: string | null) => void;
  onLeave: () => void;
};

/** How long LiveKit's grant may differ from the meeting (the server updates it right after the floor changes) before the page asks for new access. */
export const GRANT_GRACE_MS = 6_000;

/**
 * The server changes a site's grant only while it knows the site is connected: a site that
 * joined just as the floor changed can keep the old grant. When the meeting and LiveKit
 * disagree for a while, the page joins again with new access, which follows the meeting.
 */
function useStaleGrant(expected: boolean | null, canPublish: boolean, onStale: () => void): void {
  const state = useConnectionState();
  const mismatch = expected !== null && state === ConnectionState.Connected && expected !== canPublish;
  useEffect(() => {
    if (!mismatch) return;
    const timer = window.setTimeout(onStale, GRANT_GRACE_MS);
    return () => window.clearTimeout(timer);
  }, [mismatch, onStale]);
}

function InRoom({ choices, spotlight, report, expectPublish, onStaleGrant, warning, onWarning, onLeave }: InRoomProps) {
  const t = useT();
  const room = useRoomContext();
  const hasFloor = spotlight.floorIdentity !== null && spotlight.floorIdentity === room.localParticipant.identity;
  const { canPublish, grant, dismiss } = usePublishGrant(choices, hasFloor, onWarning);
  useStaleGrant(expectPublish, canPublish, onStaleGrant);
  return (
    <>
      <ConnectionLine />
      {grant && (
        <div className="vnote vnote--floor" role="alert" data-testid="video-granted">
          <span>{grant === 'floor' ? t('video.room.granted') : t('video.room.grantedCamera')}</span>
          <button type="button" className="button button--small" onClick={dismiss}>
            {t('common.close')}
          </button>
        </div>
      )}
      {warning && (
        <div className="vnote vnote--warning" role="alert">
          <span>{warning}</span>
          <button type="button" className="button button--small" onClick={() => onWarning(null)}>
            {t('common.close')}
          </button>
        </div>
      )}
      <Stage {...spotlight} />
      <Controls canPublish={canPublish} onLeave={onLeave} onDeviceError={onWarning} />
      <RoomAudioRenderer />
      {report && <Reporter />}
    </>
  );
}

type Props = {
  access: VideoAccess;
  choices: DeviceChoices;
  spotlight: Spotlight;
  /** A site page reports its own video to the server. */
  report: boolean;
  /** For a site: whether the meeting lets it publish now; null for the MC. */
  expectPublish: boolean | null;
  /** LiveKit's grant stayed different from the meeting: join again with new access. */
  onStaleGrant: () => void;
  onConnected: () => void;
  /** The room could not be reached. */
  onFailed: (trouble: Trouble) => void;
  /** The room ended for this page (`null`: the user left). */
  onEnded: (trouble: Trouble | null, reason: DisconnectReason | undefined) => void;
};

/**
 * One session in the meeting's LiveKit room with the server's access: LiveKit's room,
 * layouts, tiles, audio and controls. Publishes at once only when the access allows it.
 */
export function VideoRoom({ access, choices, spotlight, report, expectPublish, onStaleGrant, onConnected, onFailed, onEnded }: Props) {
  const t = useT();
  const room = useMemo(
    () =>
      new Room({
        adaptiveStream: true,
        dynacast: true,
        videoCaptureDefaults: { deviceId: deviceOption(choices.videoDeviceId), resolution: VideoPresets.h720.resolution },
        audioCaptureDefaults: { deviceId: deviceOption(choices.audioDeviceId) },
      }),
    // one Room per access: a new join attempt gets a new one
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [access],
  );
  const connected = useRef(false);
  const done = useRef(false);
  const [warning, setWarning] = useState<string | null>(null);

  // events that arrive after this session left the page (its disconnect is asynchronous) change nothing
  useEffect(
    () => () => {
      done.current = true;
    },
    [],
  );

  useEffect(() => {
    const connect = () => {
      connected.current = true;
      onConnected();
    };
    room.on(RoomEvent.Connected, connect);
    return () => void room.off(RoomEvent.Connected, connect);
  }, [room, onConnected]);

  const onError = useCallback(
    (error: Error) => {
      // a camera or microphone that would not open is not a failed connection
      if (isDeviceError(error)) return setWarning(deviceTrouble(t, error));
      if (connected.current || done.current) return console.warn('video room error', error);
      done.current = true;
      onFailed(connectTrouble(t, error, access.url));
    },
    [t, onFailed, access.url],
  );
  const onDisconnected = useCallback(
    (reason?: DisconnectReason) => {
      // a failed first connect also disconnects: its error (onError) says why
      if (!connected.current || done.current) return;
      done.current = true;
      onEnded(endTrouble(t, reason), reason);
    },
    [t, onEnded],
  );
  const leave = useCallback(() => {
    done.current = true;
    void room.disconnect().finally(() => onEnded(null, undefined));
  }, [room, onEnded]);

  const publish = access.canPublish;
  return (
    <LiveKitRoom
      room={room}
      serverUrl={access.url}
      token={access.token}
      connect
      audio={publish && choices.audioEnabled}
      video={publish && choices.videoEnabled}
      onError={onError}
      onDisconnected={onDisconnected}
      onMediaDeviceFailure={(failure) => setWarning(deviceFailure(t, failure))}
      data-lk-theme="default"
      className="vroom"
    >
      <InRoom
        choices={choices}
        spotlight={spotlight}
        report={report}
        expectPublish={expectPublish}
        onStaleGrant={onStaleGrant}
        warning={warning}
        onWarning={setWarning}
        onLeave={leave}
      />
    </LiveKitRoom>
  );
}
