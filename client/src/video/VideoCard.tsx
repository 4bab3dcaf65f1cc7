import type { VideoBridgeState } from '@diemcau/shared';
import { useT } from '../i18n';
import { useAppStore } from '../stores';
import { useEnded } from '../stores/selectors';
import { StageHost } from './StageHost';
import { useSitePublishes, useVideoBridge, useVideoStageOpen } from './state';
import './video.css';

/** The bridge's state as a short word with a colour: "Phòng đang mở". */
export function BridgePill({ bridge }: { bridge: VideoBridgeState }) {
  const t = useT();
  return (
    <span className={`vpill vpill--${bridge.state}`} data-testid="video-bridge-state">
      {t(`video.bridge.${bridge.state}`)}
    </span>
  );
}

/**
 * What the bridge's state means for this page, in a sentence: the server's own words when
 * something is wrong (not configured, unreachable), else what to expect.
 */
export function BridgeLine({ bridge, role }: { bridge: VideoBridgeState; role: 'site' | 'mc' }) {
  const t = useT();
  // the server's words (settings to set) are for the technician's log and docs; the MC and a site get theirs
  const text =
    bridge.state === 'not_configured'
      ? t(role === 'mc' ? 'video.bridge.notConfiguredMc' : 'video.bridge.notConfiguredSite')
      : bridge.state === 'unreachable'
        ? t('video.bridge.unreachableLine', { message: bridge.message })
        : bridge.state === 'closed'
          ? t(role === 'mc' ? 'video.bridge.closedMc' : 'video.bridge.closedSite')
          : t(role === 'mc' ? 'video.bridge.openMc' : 'video.bridge.openSite');
  return (
    <p className={`vnote ${bridge.state === 'unreachable' ? 'vnote--danger' : ''}`} role={bridge.state === 'unreachable' ? 'alert' : undefined} data-testid="video-bridge-message">
      {text}
    </p>
  );
}

/**
 * A site page's video: the bridge's state, then (on "Vào cầu truyền hình") the device check
 * and the room, whose code is downloaded only then. Says plainly when there is no bridge.
 */
export function VideoCard({ siteId }: { siteId: string }) {
  const t = useT();
  const bridge = useVideoBridge();
  const stageOpen = useVideoStageOpen();
  const publishes = useSitePublishes(siteId);
  const ended = useEnded();
  if (!bridge) return null;
  return (
    <section className={`panel site-card vcard ${stageOpen ? 'vcard--stage' : ''}`} aria-labelledby="video-title" data-testid="video-card">
      <div className="panel__head">
        <h2 id="video-title">{t('video.title')}</h2>
        <BridgePill bridge={bridge} />
      </div>
      {(!stageOpen || bridge.state === 'unreachable') && <BridgeLine bridge={bridge} role="site" />}
      {bridge.configured &&
        !ended &&
        (stageOpen ? (
          <StageHost role="site" siteId={siteId} />
        ) : (
          <>
            <p className="hint">{publishes ? t('video.site.publishes') : t('video.site.waitsForFloor')}</p>
            <button type="button" className="button button--primary button--large vcard__join" onClick={() => useAppStore.getState().setVideoStage(true)}>
              {t('video.join')}
            </button>
          </>
        ))}
    </section>
  );
}
