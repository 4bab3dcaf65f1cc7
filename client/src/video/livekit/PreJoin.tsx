import { useMediaDevices, usePersistentUserChoices, usePreviewTracks, useTrackVolume } from '@livekit/components-react';
import { type LocalAudioTrack, type LocalVideoTrack, Track } from 'livekit-client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { CameraIcon, MicIcon } from '../VideoStatus';
import { deviceTrouble } from './errors';

/** The devices a page joins with, remembered on this device (LiveKit's `lk-user-choices` in localStorage). */
export type DeviceChoices = { videoEnabled: boolean; audioEnabled: boolean; videoDeviceId: string; audioDeviceId: string };

/** The remembered choices and their setters, shared by the device check and the room's menus. */
export function useDeviceChoices() {
  const { userChoices, saveAudioInputDeviceId, saveAudioInputEnabled, saveVideoInputDeviceId, saveVideoInputEnabled } = usePersistentUserChoices({
    defaults: { videoEnabled: true, audioEnabled: true },
  });
  const choices: DeviceChoices = useMemo(
    () => ({ videoEnabled: userChoices.videoEnabled, audioEnabled: userChoices.audioEnabled, videoDeviceId: userChoices.videoDeviceId, audioDeviceId: userChoices.audioDeviceId }),
    [userChoices.videoEnabled, userChoices.audioEnabled, userChoices.videoDeviceId, userChoices.audioDeviceId],
  );
  return { choices, saveAudioInputDeviceId, saveAudioInputEnabled, saveVideoInputDeviceId, saveVideoInputEnabled };
}

/** A saved device id, or none: the browser's default device is then used. */
export const deviceOption = (deviceId: string) => (deviceId === '' || deviceId === 'default' ? undefined : deviceId);

function MicLevel({ track }: { track: LocalAudioTrack | undefined }) {
  const t = useT();
  const volume = useTrackVolume(track);
  const percent = Math.min(100, Math.round(volume * 250));
  return (
    <div className="vprejoin__level" role="meter" aria-label={t('video.prejoin.level')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
      <span style={{ width: `${percent}%` }} />
    </div>
  );
}

function DeviceSelect({ kind, value, onChange, label, disabled }: { kind: MediaDeviceKind; value: string; onChange: (id: string) => void; label: string; disabled: boolean }) {
  const t = useT();
  const onError = useCallback((error: Error) => console.warn(`listing ${kind} devices failed`, error), [kind]);
  const devices = useMediaDevices({ kind, onError });
  const known = devices.some((d) => d.deviceId === value);
  return (
    <label className="field vprejoin__select">
      <span>{label}</span>
      <select value={known ? value : ''} disabled={disabled || devices.length === 0} onChange={(event) => onChange(event.target.value)}>
        {!known && <option value="">{devices.length === 0 ? t('video.prejoin.noDevices') : t('video.prejoin.defaultDevice')}</option>}
        {devices.map((device, index) => (
          <option key={device.deviceId || index} value={device.deviceId}>
            {device.label || t('video.prejoin.deviceN', { n: index + 1 })}
          </option>
        ))}
      </select>
    </label>
  );
}

type Props = {
  /** Whether this link publishes as soon as it joins (MC, host hall, floor); sites otherwise wait for the floor. */
  publishesNow: boolean;
  /** One device per site is in the room: say so on a site's page. */
  isSite: boolean;
  busy: boolean;
  onJoin: (choices: DeviceChoices) => void;
  onClose: () => void;
};

/**
 * The device check before joining: camera and microphone pickers with a live preview and a
 * level meter, each switchable off; the choice is remembered on this device. Works without
 * the LiveKit server: only local tracks are opened.
 */
export function PreJoin({ publishesNow, isSite, busy, onJoin, onClose }: Props) {
  const t = useT();
  const { choices, saveAudioInputDeviceId, saveAudioInputEnabled, saveVideoInputDeviceId, saveVideoInputEnabled } = useDeviceChoices();
  const options = useMemo(
    () => ({
      audio: choices.audioEnabled ? { deviceId: deviceOption(choices.audioDeviceId) } : false,
      video: choices.videoEnabled ? { deviceId: deviceOption(choices.videoDeviceId) } : false,
    }),
    [choices.audioEnabled, choices.audioDeviceId, choices.videoEnabled, choices.videoDeviceId],
  );
  // an error belongs to the choice that caused it: a new choice tries again
  const [failure, setFailure] = useState<{ options: typeof options; message: string } | null>(null);
  const onError = useCallback((e: Error) => setFailure({ options, message: deviceTrouble(t, e) }), [t, options]);
  const error = failure?.options === options ? failure.message : null;
  const tracks = usePreviewTracks(options, onError);
  const videoTrack = tracks?.find((track): track is LocalVideoTrack => track.kind === Track.Kind.Video);
  const audioTrack = tracks?.find((track): track is LocalAudioTrack => track.kind === Track.Kind.Audio);
  const videoRef = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const element = videoRef.current;
    if (!element || !videoTrack) return;
    videoTrack.attach(element);
    return () => void videoTrack.detach(element);
  }, [videoTrack]);

  return (
    <div className="vprejoin" data-testid="video-prejoin">
      <div className="vprejoin__preview">
        {choices.videoEnabled && videoTrack ? (
          <video ref={videoRef} className="vprejoin__video" muted playsInline autoPlay data-testid="video-preview" aria-label={t('video.prejoin.preview')} />
        ) : (
          <div className="vprejoin__off">
            <CameraIcon off />
            <span>{choices.videoEnabled ? t('common.loading') : t('video.prejoin.cameraOff')}</span>
          </div>
        )}
      </div>
      <div className="vprejoin__controls">
        <div className="vprejoin__device">
          <label className="vprejoin__toggle">
            <input type="checkbox" checked={choices.videoEnabled} onChange={(event) => saveVideoInputEnabled(event.target.checked)} />
            <CameraIcon off={!choices.videoEnabled} /> {t('video.prejoin.useCamera')}
          </label>
          <DeviceSelect kind="videoinput" label={t('video.prejoin.camera')} value={choices.videoDeviceId} onChange={saveVideoInputDeviceId} disabled={!choices.videoEnabled} />
        </div>
        <div className="vprejoin__device">
          <label className="vprejoin__toggle">
            <input type="checkbox" checked={choices.audioEnabled} onChange={(event) => saveAudioInputEnabled(event.target.checked)} />
            <MicIcon off={!choices.audioEnabled} /> {t('video.prejoin.useMic')}
          </label>
          <DeviceSelect kind="audioinput" label={t('video.prejoin.mic')} value={choices.audioDeviceId} onChange={saveAudioInputDeviceId} disabled={!choices.audioEnabled} />
          {choices.audioEnabled && <MicLevel track={audioTrack} />}
        </div>
        {error && (
          <p className="vnote vnote--warning" role="alert">
            {error}
          </p>
        )}
        <p className="hint">{publishesNow ? t('video.prejoin.publishes') : t('video.prejoin.waitsForFloor')}</p>
        {isSite && <p className="hint">{t('video.prejoin.oneDevice')}</p>}
        <div className="vprejoin__actions">
          <button type="button" className="button button--primary button--large" disabled={busy} onClick={() => onJoin(choices)}>
            {busy ? t('video.joining') : t('video.prejoin.join')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
