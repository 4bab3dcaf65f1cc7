import type { ConnectionQuality, VideoStatus } from '@diemcau/shared';
import type { ReactNode } from 'react';
import { type Translate, useT } from '../i18n';
import './video.css';

type IconProps = { off?: boolean };

/** A 24×24 line icon, struck through when off. */
function Icon({ off, children }: { off: boolean; children: ReactNode }) {
  return (
    <svg className="vicon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {children}
      {off && <path d="M3 3l18 18" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />}
    </svg>
  );
}

/** A camera, struck through when off. Drawn inline: hall PCs often lack an emoji font. */
export function CameraIcon({ off = false }: IconProps) {
  return (
    <Icon off={off}>
      <rect x="2.5" y="6.5" width="13" height="11" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M15.5 10.5 21 7.5v9l-5.5-3z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
    </Icon>
  );
}

/** A microphone, struck through when off. */
export function MicIcon({ off = false }: IconProps) {
  return (
    <Icon off={off}>
      <rect x="9" y="2.5" width="6" height="12" rx="3" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M8.5 21h7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </Icon>
  );
}

/** LiveKit's connection quality in words: "tín hiệu tốt". */
export const qualityLabel = (t: Translate, quality: ConnectionQuality) => t(`vstatus.quality.${quality}`);

/** In the room or not, as one word and a colour. */
export function VideoPresence({ video }: { video: VideoStatus }) {
  const t = useT();
  return (
    <span className={`vstatus ${video.connected ? 'vstatus--in' : 'vstatus--out'}`} data-testid="video-presence">
      {video.connected ? t('vstatus.in') : t('vstatus.out')}
    </span>
  );
}

/** Camera, microphone and signal of a site in the room, each an icon with its word. */
export function VideoDevices({ video }: { video: VideoStatus }) {
  const t = useT();
  if (!video.connected) return null;
  return (
    <span className="vdevices">
      <span className={video.camera ? 'vdevice vdevice--on' : 'vdevice vdevice--off'}>
        <CameraIcon off={!video.camera} />
        {video.camera ? t('vstatus.cameraOn') : t('vstatus.cameraOff')}
      </span>
      <span className={video.microphone ? 'vdevice vdevice--on' : 'vdevice vdevice--off'}>
        <MicIcon off={!video.microphone} />
        {video.microphone ? t('vstatus.micOn') : t('vstatus.micOff')}
      </span>
      <span className={`vquality vquality--${video.quality}`}>{qualityLabel(t, video.quality)}</span>
    </span>
  );
}

/** A site's video in one line of words, for lists that have no room for icons. */
export function videoSummary(t: Translate, video: VideoStatus): string {
  if (!video.connected) return t('vstatus.out');
  return [t('vstatus.in'), video.camera ? t('vstatus.cameraOn') : t('vstatus.cameraOff'), video.microphone ? t('vstatus.micOn') : t('vstatus.micOff'), qualityLabel(t, video.quality)].join(' · ');
}
