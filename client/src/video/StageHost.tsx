import { Component, type ComponentType, lazy, type ReactNode, Suspense, useCallback, useState } from 'react';
import { useT } from '../i18n';
import { useAppStore } from '../stores';

type StageProps = { role: 'site' | 'mc'; siteId: string | null; hidden?: boolean; onClose: () => void };

/** LiveKit (client and React components, a few hundred kB) loads only from here, when the user asks for video. */
const loadStage = () => import('./livekit/VideoStage');

type BoundaryProps = { fallback: (error: Error, retry: () => void) => ReactNode; onRetry: () => void; children: ReactNode };

/**
 * Keeps a video failure inside the video area: a module that did not download (network,
 * a new version deployed) or a fault in the video code leaves the rest of the page working.
 */
export class VideoBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error) {
    console.error('the video part failed', error);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return this.props.fallback(error, () => {
      this.setState({ error: null });
      this.props.onRetry();
    });
  }
}

/** A lazily loaded component that can be loaded again after a failed download. */
export function useRetryableLazy<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): [ComponentType<P>, () => void] {
  // a rejected import stays rejected in its lazy(): a new attempt needs a new one
  const [Loaded, setLoaded] = useState(() => lazy(load));
  return [Loaded, () => setLoaded(() => lazy(load))];
}

/** What a failed video part says, with a way to try again. */
export function VideoFailure({ error, retry }: { error: Error; retry: () => void }) {
  const t = useT();
  return (
    <div className="vstate vstate--failed" role="alert" data-testid="video-state" data-state="crashed">
      <strong>{t('video.crashed.title')}</strong>
      <p>{t('video.crashed.body', { message: error.message.slice(0, 200) })}</p>
      <div className="vstate__actions">
        <button type="button" className="button button--primary" onClick={retry}>
          {t('common.retry')}
        </button>
      </div>
    </div>
  );
}

/** The device check and the room of a site page or the MC console, loaded on first use. */
export function StageHost({ role, siteId, hidden = false }: Omit<StageProps, 'onClose'>) {
  const t = useT();
  const [Stage, reload] = useRetryableLazy<StageProps>(loadStage);
  const close = useCallback(() => useAppStore.getState().setVideoStage(false), []);
  return (
    <VideoBoundary onRetry={reload} fallback={(error, retry) => <VideoFailure error={error} retry={retry} />}>
      <Suspense
        fallback={
          <p className="vnote" role="status" data-testid="video-loading">
            {t('video.loading')}
          </p>
        }
      >
        <Stage role={role} siteId={siteId} hidden={hidden} onClose={close} />
      </Suspense>
    </VideoBoundary>
  );
}
