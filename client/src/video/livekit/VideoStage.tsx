import '@livekit/components-styles';
import './room.css';
import { type VideoAccess, videoIdentity } from '@diemcau/shared';
import { DisconnectReason } from 'livekit-client';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useNow } from '../../hooks/useNow';
import { useAppStore } from '../../stores';
import { failureText, useT } from '../../i18n';
import { NO_ANSWER, reportVideo, requestVideoAccess } from '../../realtime/video';
import { useFloorSiteId, useSitePublishes, useVideoBridge, useVideoSettings } from '../state';
import type { Trouble } from './errors';
import { type DeviceChoices, PreJoin } from './PreJoin';
import { VideoRoom } from './Room';

/** Waits before joining again by itself after the network dropped or the server could not be reached: 5 s, 10 s, 20 s, then every 30 s. */
const retryDelayMs = (attempt: number) => Math.min(30_000, 5_000 * 2 ** Math.max(0, attempt - 1));

type Phase =
  | { kind: 'setup' }
  | { kind: 'requesting'; choices: DeviceChoices }
  /** The room is not open yet: joins by itself when the server next says it is (`bridgeAt`: the state seen when refused). */
  | { kind: 'waiting'; choices: DeviceChoices; message: string; bridgeAt: number }
  | { kind: 'refused'; choices: DeviceChoices; message: string; retry: boolean }
  | { kind: 'room'; choices: DeviceChoices; access: VideoAccess }
  /** The LiveKit server could not be reached, or the room ended for this page. */
  | { kind: 'trouble'; choices: DeviceChoices; trouble: Trouble; retryAt: number | null };

type Props = {
  /** The MC joins as the MC; a site page as its site (identity and grants come from the server). */
  role: 'site' | 'mc';
  siteId: string | null;
  /** Not on screen (the MC looks at another view): the device check lets go of the camera; a room carries on. */
  hidden?: boolean;
  onClose: () => void;
};

function StateLine({ state, title, children }: { state: string; title: string; children?: ReactNode }) {
  return (
    <div className={`vstate vstate--${state}`} role={state === 'failed' || state === 'ended' || state === 'refused' ? 'alert' : 'status'} data-testid="video-state" data-state={state}>
      <strong>{title}</strong>
      {children}
    </div>
  );
}

/** A state's two ways out: try again (when there is one; `primary` marks it as the thing to do) and close. */
function RetryOrClose({ retry, label, primary, onClose }: { retry: (() => void) | null; label: string; primary: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <div className="vstate__actions">
      {retry && (
        <button type="button" className={primary ? 'button button--primary' : 'button'} onClick={retry}>
          {label}
        </button>
      )}
      <button type="button" className="button button--ghost" onClick={onClose}>
        {t('common.close')}
      </button>
    </div>
  );
}

/** "Tự thử lại sau 9 giây": `at` is local time (epoch ms). */
function RetryIn({ at }: { at: number }) {
  const t = useT();
  useNow(1_000); // re-render every second
  const seconds = Math.max(0, Math.ceil((at - Date.now()) / 1000));
  return <p className="hint">{t('video.retryIn', { n: seconds })}</p>;
}

/**
 * The video part of a page, loaded only when the user asks for it: the device check, then
 * the join (the server's access), the room, and every way it can go wrong said plainly:
 * not configured, room not open yet (joins by itself when it opens), the video server
 * unreachable, the LiveKit address unreachable (what to do, and a retry by itself), ended
 * by the MC, by another device of the site or by the network.
 */
export default function VideoStage({ role, siteId, hidden = false, onClose }: Props) {
  const t = useT();
  const bridge = useVideoBridge();
  const settings = useVideoSettings();
  const floorSiteId = useFloorSiteId();
  const sitePublishes = useSitePublishes(siteId);
  const [phase, setPhase] = useState<Phase>({ kind: 'setup' });
  const attempts = useRef(0);
  const requestId = useRef(0);

  const join = useCallback(
    async (choices: DeviceChoices) => {
      const id = ++requestId.current;
      setPhase({ kind: 'requesting', choices });
      const res = await requestVideoAccess();
      if (id !== requestId.current) return; // closed or asked again meanwhile
      if (res.ok) return setPhase({ kind: 'room', choices, access: res.data });
      if (res.reason === 'room_closed') return setPhase({ kind: 'waiting', choices, message: failureText(res), bridgeAt: useAppStore.getState().videoBridge?.updatedAt ?? 0 });
      // the question never reached the server (this site's line is down or just came back): try again by itself
      if (res.reason === NO_ANSWER) {
        attempts.current += 1;
        const trouble: Trouble = { state: 'failed', title: t('video.state.refused'), detail: failureText(res), retry: true };
        return setPhase({ kind: 'trouble', choices, trouble, retryAt: Date.now() + retryDelayMs(attempts.current) });
      }
      const retry = res.reason !== 'not_configured' && res.code !== 'forbidden';
      setPhase({ kind: 'refused', choices, message: failureText(res), retry });
    },
    [t],
  );

  // waiting for the room: join as soon as the server says it opened (a state newer than the refusal, so no loop)
  const openedAt = bridge?.state === 'open' ? bridge.updatedAt : null;
  useEffect(() => {
    if (phase.kind === 'waiting' && openedAt !== null && openedAt !== phase.bridgeAt) void join(phase.choices);
  }, [phase, openedAt, join]);

  // after a dropped connection or an unreachable address, try again by itself
  useEffect(() => {
    if (phase.kind !== 'trouble' || phase.retryAt === null) return;
    const timer = window.setTimeout(() => void join(phase.choices), Math.max(0, phase.retryAt - Date.now()));
    return () => window.clearTimeout(timer);
  }, [phase, join]);

  const reportLeft = useCallback(
    (reason: DisconnectReason | undefined) => {
      // another device of this site took its place in the room: that one reports now
      if (role === 'site' && reason !== DisconnectReason.DUPLICATE_IDENTITY) void reportVideo({ connected: false, camera: false, microphone: false, quality: 'unknown' });
    },
    [role],
  );

  const onFailed = useCallback(
    (trouble: Trouble) =>
      setPhase((current) => {
        if (current.kind !== 'room') return current;
        attempts.current += 1;
        return { kind: 'trouble', choices: current.choices, trouble, retryAt: trouble.retry ? Date.now() + retryDelayMs(attempts.current) : null };
      }),
    [],
  );
  const onEnded = useCallback(
    (trouble: Trouble | null, reason: DisconnectReason | undefined) => {
      reportLeft(reason);
      // the user left: back to the card, the camera released
      if (trouble === null) {
        requestId.current += 1;
        return onClose();
      }
      setPhase((current) => {
        if (current.kind !== 'room') return current;
        attempts.current = trouble.retry ? attempts.current + 1 : 0;
        return { kind: 'trouble', choices: current.choices, trouble, retryAt: trouble.retry ? Date.now() + retryDelayMs(attempts.current) : null };
      });
    },
    [reportLeft, onClose],
  );
  const onConnected = useCallback(() => void (attempts.current = 0), []);
  // the grant did not follow the floor (the site joined just as it changed): new access follows the meeting
  const staleRejoins = useRef<number[]>([]);
  const onStaleGrant = useCallback(() => {
    if (phase.kind !== 'room') return;
    // at most twice in two minutes: a grant that never follows is the server's to fix, not a loop's
    const now = Date.now();
    staleRejoins.current = staleRejoins.current.filter((at) => now - at < 120_000);
    if (staleRejoins.current.length >= 2) return console.warn('the video grant does not follow the floor; not joining again');
    staleRejoins.current.push(now);
    void join(phase.choices);
  }, [phase, join]);

  const close = () => {
    requestId.current += 1;
    onClose();
  };

  const floorIdentity = floorSiteId ? videoIdentity.site(floorSiteId) : null;
  const hostIdentity = settings.hostSiteId ? videoIdentity.site(settings.hostSiteId) : null;
  const publishesNow = role === 'mc' || sitePublishes;

  switch (phase.kind) {
    case 'setup':
    case 'requesting':
      if (hidden) return null;
      return <PreJoin publishesNow={publishesNow} isSite={role === 'site'} busy={phase.kind === 'requesting'} onJoin={(choices) => void join(choices)} onClose={close} />;
    case 'waiting':
      return (
        <StateLine state="waiting" title={bridge?.state === 'unreachable' ? t('video.state.unreachable') : t('video.state.waiting')}>
          <p>{bridge?.state === 'unreachable' && bridge.message ? t('video.bridge.unreachableLine', { message: bridge.message }) : phase.message}</p>
          <p className="hint">{t('video.waitingHint')}</p>
          <RetryOrClose retry={() => void join(phase.choices)} label={t('common.retry')} primary={false} onClose={close} />
        </StateLine>
      );
    case 'refused':
      return (
        <StateLine state="refused" title={t('video.state.refused')}>
          <p>{phase.message}</p>
          <RetryOrClose retry={phase.retry ? () => void join(phase.choices) : null} label={t('common.retry')} primary onClose={close} />
        </StateLine>
      );
    case 'trouble':
      return (
        <StateLine state={phase.trouble.state} title={phase.trouble.title}>
          <p>{phase.trouble.detail}</p>
          {phase.retryAt !== null && <RetryIn at={phase.retryAt} />}
          <RetryOrClose retry={() => void join(phase.choices)} label={phase.retryAt !== null ? t('video.retryNow') : t('video.rejoin')} primary onClose={close} />
        </StateLine>
      );
    case 'room':
      return (
        <VideoRoom
          key={phase.access.token}
          access={phase.access}
          choices={phase.choices}
          spotlight={{ floorIdentity, hostIdentity }}
          report={role === 'site'}
          expectPublish={role === 'site' ? sitePublishes : null}
          onStaleGrant={onStaleGrant}
          onConnected={onConnected}
          onFailed={onFailed}
          onEnded={onEnded}
        />
      );
  }
}
