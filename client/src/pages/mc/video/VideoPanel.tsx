import type { VideoBridgeState } from '@diemcau/shared';
import type { ReactNode } from 'react';
import { useT } from '../../../i18n';
import { mcPath, navigate } from '../../../lib/router';
import { runVideoCommand } from '../../../realtime/video';
import { useAppStore } from '../../../stores';
import { useControlsLocked, useEnded, useLive } from '../../../stores/selectors';
import { useVideoBridge, useVideoCounts, useVideoStageOpen } from '../../../video/state';
import { BridgeLine, BridgePill } from '../../../video/VideoCard';

/** "Mở phòng video (tổng duyệt)" before the start, "Mở lại phòng video" after a failure; nothing while it is open or after the end. */
export function OpenRoomButton() {
  const t = useT();
  const bridge = useVideoBridge();
  const live = useLive();
  const locked = useControlsLocked();
  if (!bridge?.configured || bridge.room !== null || live?.status === 'ended') return null;
  const label = bridge.state === 'unreachable' ? t('vmc.reopen') : live?.status === 'live' ? t('vmc.open') : t('vmc.openRehearsal');
  const open = async () => {
    const res = await runVideoCommand('video:open');
    if (res?.data.state === 'open') useAppStore.getState().pushToast('success', t('vmc.opened'));
  };
  return (
    <button type="button" className="button" disabled={locked} onClick={() => void open()}>
      {label}
    </button>
  );
}

/** "Tắt tiếng tất cả": every site's microphone, not the MC's nor the host hall's. */
export function MuteAllButton() {
  const t = useT();
  const bridge = useVideoBridge();
  const locked = useControlsLocked();
  const muteAll = async () => {
    const res = await runVideoCommand('video:muteAll', {});
    if (res) useAppStore.getState().pushToast('success', t('vmc.mutedAll', { n: res.data.muted }));
  };
  return (
    <button type="button" className="button" disabled={locked || !bridge?.room} onClick={() => void muteAll()}>
      {t('vmc.muteAll')}
    </button>
  );
}

/** How many sites are in the room, with camera, with microphone. */
export function VideoCountsLine() {
  const t = useT();
  const counts = useVideoCounts();
  return (
    <p className="vcounts" data-testid="video-counts">
      <span>
        <strong className="mono">
          {counts.connected}/{counts.sites}
        </strong>{' '}
        {t('vmc.inRoom')}
      </span>
      <span>
        <strong className="mono">{counts.camera}</strong> {t('vmc.withCamera')}
      </span>
      <span>
        <strong className="mono">{counts.microphone}</strong> {t('vmc.withMic')}
      </span>
      {counts.poor > 0 && (
        <span className="vcounts__poor">
          <strong className="mono">{counts.poor}</strong> {t('vmc.poor')}
        </span>
      )}
    </p>
  );
}

/** The bridge's card: its state and what is wrong, then (once configured) the room's numbers, open, and `children` (join and the like). */
export function BridgeCard({ bridge, titleId, testId, children }: { bridge: VideoBridgeState; titleId: string; testId: string; children: ReactNode }) {
  const t = useT();
  return (
    <section className="panel vpanel" aria-labelledby={titleId} data-testid={testId}>
      <div className="panel__head">
        <h2 id={titleId}>{t('video.title')}</h2>
        <BridgePill bridge={bridge} />
      </div>
      <BridgeLine bridge={bridge} role="mc" />
      {bridge.configured && (
        <>
          <VideoCountsLine />
          <div className="vpanel__actions">
            <OpenRoomButton />
            {children}
          </div>
        </>
      )}
    </section>
  );
}

/** The console's card: the bridge's state and what is wrong, the room's numbers, open, join, mute all. */
export function VideoPanel({ token }: { token: string }) {
  const t = useT();
  const bridge = useVideoBridge();
  const inStage = useVideoStageOpen();
  const ended = useEnded();
  if (!bridge) return null;
  const join = () => {
    useAppStore.getState().setVideoStage(true);
    navigate(mcPath(token, 'video'));
  };
  return (
    <BridgeCard bridge={bridge} titleId="video-panel-title" testId="mc-video-panel">
      {/* the room closed with the meeting */}
      {!ended && (
        <>
          <button type="button" className="button button--primary" onClick={join}>
            {inStage ? t('vmc.inStage') : t('video.join')}
          </button>
          <MuteAllButton />
        </>
      )}
    </BridgeCard>
  );
}
