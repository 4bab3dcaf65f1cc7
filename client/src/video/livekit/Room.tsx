import { type ConnectionQuality as Quality, type VideoAccess, type VideoReport } from '@diemcau/shared';
import {
  CarouselLayout,
  FocusLayout,
  FocusLayoutContainer,
  GridLayout,
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
 * Everyone's camera in LiveKit's grid; the site with the floor (else a tile the user pinned)
 * in LiveKit's focus layout with the others in a strip. The active speaker is outlined by
 * the tiles themselves.
 */
function Stage({ floorIdentity, hostIdentity }: Spotlight) {
  const t = useT();
  const layout = useCreateLayoutContext();
  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { onlySubscribed: false },
  );
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
            <FocusLayout trackRef={focus} data-vfloor={focus === floorTrack ? 'true' : undefined} />
          </FocusLayoutContainer>
        ) : (
          <GridLayout tracks={tracks}>{tile}</GridLayout>
        )}
      </div>
    </LayoutContextProvider>
  );
}

/**
 * Follows the grant to publish: the server gives it with the floor and takes it back after.
 * On a grant the camera and microphone chosen before joining are switched on and the page
 * says so; when it is taken back they are switched off (the camera light goes out).
 */
function usePublishGrant(choices: DeviceChoices, onDeviceError: (message: string) => void): { canPublish: boolean; granted: boolean; dismiss: () => void } {
  const t = useT();
  const room = useRoomContext();
  const permissions = useLocalParticipantPermissions();
  const [granted, setGranted] = useState(false);

  useEffect(() => {
    const participant = room.localParticipant;
    const onChange = (before: { canPublish?: boolean } | undefined) => {
      const now = participant.permissions?.canPublish ?? false;
      if (now === (before?.canPublish ?? false)) return;
      setGranted(now);
      const apply = now
        ? Promise.all([participant.setMicrophoneEnabled(choices.audioEnabled), participant.setCameraEnabled(choices.videoEnabled)])
        : Promise.all([participant.setMicrophoneEnabled(false), participant.setCameraEnabled(false)]);
      apply.catch((error: unknown) => {
        if (now) onDeviceError(deviceTrouble(t, error));
        else console.warn('switching off camera and microphone after the floor failed', error);
      });
    };
    participant.on(ParticipantEvent.ParticipantPermissionsChanged, onChange);
    return () => void participant.off(ParticipantEvent.ParticipantPermissionsChanged, onChange);
  }, [room, choices.audioEnabled, choices.videoEnabled, onDeviceError, t]);

  return { canPublish: permissions?.canPublish ?? false, granted, dismiss: () => setGranted(false) };
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
  const reason = canPublish ? undefined : t('video.room.onlyWithFloor');
  return (
    <div className="lk-control-bar vroom__bar">
      <div className="lk-button-group">
        <TrackToggle source={Track.Source.Microphone} disabled={!canPublish} title={reason} onChange={(on, byUser) => byUser && saveAudioInputEnabled(on)} onDeviceError={deviceError}>
          {t('video.room.mic')}
        </TrackToggle>
        <div className="lk-button-group-menu">
          <MediaDeviceMenu kind="audioinput" disabled={!canPublish} aria-label={t('video.room.pickMic')} title={t('video.room.pickMic')} onActiveDeviceChange={(_kind, id) => saveAudioInputDeviceId(id)} />
        </div>
      </div>
      <div className="lk-button-group">
        <TrackToggle source={Track.Source.Camera} disabled={!canPublish} title={reason} onChange={(on, byUser) => byUser && saveVideoInputEnabled(on)} onDeviceError={deviceError}>
          {t('video.room.camera')}
        </TrackToggle>
        <div className="lk-button-group-menu">
          <MediaDeviceMenu kind="videoinput" disabled={!canPublish} aria-label={t('video.room.pickCamera')} title={t('video.room.pickCamera')} onActiveDeviceChange={(_kind, id) => saveVideoInputDeviceId(id)} />
        </div>
      </div>
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
  const text = state === ConnectionState.Connecting ? t('video.connecting') : state === ConnectionState.Disconnected ? t('video.ended.title') : t('video.reconnecting');
  return (
    <p className={`vnote ${state === ConnectionState.Connecting ? '' : 'vnote--warning'}`} role="status" data-testid="video-connection">
      {text}
    </p>
  );
}

type InRoomProps = { choices: DeviceChoices; spotlight: Spotlight; report: boolean; warning: string | null; onWarning: (message: string | null) => void; onLeave: () => void };

function InRoom({ choices, spotlight, report, warning, onWarning, onLeave }: InRoomProps) {
  const t = useT();
  const { canPublish, granted, dismiss } = usePublishGrant(choices, onWarning);
  return (
    <>
      <ConnectionLine />
      {granted && (
        <div className="vnote vnote--floor" role="alert" data-testid="video-granted">
          <span>{t('video.room.granted')}</span>
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
export function VideoRoom({ access, choices, spotlight, report, onConnected, onFailed, onEnded }: Props) {
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
      <InRoom choices={choices} spotlight={spotlight} report={report} warning={warning} onWarning={setWarning} onLeave={leave} />
    </LiveKitRoom>
  );
}
