import { Suspense, useState } from 'react';
import { useT } from '../i18n';
import { useRetryableLazy, VideoBoundary } from './StageHost';
import { useVideoBridge } from './state';
import './video.css';

/** LiveKit loads only when the projector is switched to watch mode. */
const loadWatch = () => import('./livekit/FloorWatch');

const FLAG = 'video';

/** Whether the address asks for watch mode: `/screen/<token>?video=1`. */
const watchFlag = () => new URLSearchParams(window.location.search).get(FLAG) === '1';

/** Keeps the choice in the address, so a reload (or a bookmark on the hall PC) keeps it. */
function saveWatchFlag(on: boolean): void {
  const url = new URL(window.location.href);
  if (on) url.searchParams.set(FLAG, '1');
  else url.searchParams.delete(FLAG);
  window.history.replaceState(window.history.state, '', url);
}

/**
 * The projector's optional watch mode: a button (and `?video=1`) shows the camera of the site
 * that has the floor. Off by default: the projector stays as it is. Nothing at all where the
 * meeting has no video bridge.
 */
export function ScreenVideo({ idle }: { idle: boolean }) {
  const t = useT();
  const bridge = useVideoBridge();
  const [watch, setWatch] = useState(watchFlag);
  const [sound, setSound] = useState(false);
  const [Watch, reload] = useRetryableLazy(loadWatch);
  if (!bridge?.configured) return null;
  const toggle = () => {
    saveWatchFlag(!watch);
    setWatch(!watch);
  };
  return (
    <>
      {watch && (
        <VideoBoundary
          onRetry={reload}
          fallback={(_error, retry) => (
            <p className="vwatch__problem" role="status">
              {t('video.watch.failed')}{' '}
              <button type="button" className="button button--small" onClick={retry}>
                {t('common.retry')}
              </button>
            </p>
          )}
        >
          <Suspense fallback={null}>
            <Watch sound={sound} />
          </Suspense>
        </VideoBoundary>
      )}
      <div className={`vwatch-tools ${idle ? 'vwatch-tools--hidden' : ''}`}>
        <button type="button" className="button button--small" aria-pressed={watch} onClick={toggle} data-testid="screen-video-toggle">
          {watch ? t('video.watch.off') : t('video.watch.on')}
        </button>
        {watch && (
          <button type="button" className="button button--small" aria-pressed={sound} onClick={() => setSound(!sound)}>
            {sound ? t('video.watch.mute') : t('video.watch.unmute')}
          </button>
        )}
      </div>
    </>
  );
}
