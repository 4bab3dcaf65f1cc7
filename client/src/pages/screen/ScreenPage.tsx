import type { TimerReading } from '@diemcau/shared';
import { useEffect, useState } from 'react';
import { ClockText, PhaseAnnouncer, TimerProgress } from '../../components/ClockText';
import { StaleSince } from '../../components/ConnectionBanner';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { StageMessage } from '../../components/StageMessage';
import { KindChip, UpNextList, useSpeakerWhere } from '../../components/speakers/SpeakerIdentity';
import { useIdle } from '../../hooks/useIdle';
import { useMeetingConnection } from '../../hooks/useMeetingConnection';
import { useNow } from '../../hooks/useNow';
import { usePreStart } from '../../hooks/usePreStart';
import { useFloorReading, useUpNext } from '../../hooks/useSpeakers';
import { useTimerReading } from '../../hooks/useTimerReading';
import { useT } from '../../i18n';
import { formatClockTime, formatCountdown, formatWhen } from '../../i18n/format';
import { useConnection, useDetails, useLive, useQueue } from '../../stores/selectors';
import { SpotlightPanel, useSpotlight } from './SpotlightPanel';
import { ScreenVideo } from '../../video/ScreenVideo';
import './screen-fit.css';
import { shownName } from '../../i18n/generated';

const IDLE_MS = 3_000;
/** Titles longer than this get a smaller font so they fit whole instead of being cut. */
const LONG_TITLE = 80;

function BeforeStart({ now }: { now: number }) {
  const t = useT();
  const preStart = usePreStart(now);
  if (!preStart) return null;
  const { details, first, untilMs } = preStart;
  return (
    <div className="screen__center screen__center--intro">
      <p className="screen__eyebrow">{[details.organiser, details.documentRef].filter(Boolean).join(' · ')}</p>
      <h1 className="screen__meeting-title">{details.title}</h1>
      <p className="screen__when">{formatWhen(t, details.date, details.startTime)}</p>
      {details.venue && <p className="screen__venue">{details.venue}</p>}
      {untilMs > 0 && (
        <p className="screen__starts-in">
          {t('screen.startsIn')} <span className="mono">{formatCountdown(t, untilMs)}</span>
        </p>
      )}
      {first && (
        <p className="screen__first">
          <span>{t('screen.firstItem')}:</span> {first.title}
        </p>
      )}
    </div>
  );
}

function Ended() {
  const t = useT();
  const details = useDetails();
  return (
    <div className="screen__center screen__center--intro">
      <h1 className="screen__ended" data-testid="screen-ended">
        {t('screen.ended')}
      </h1>
      <p className="screen__venue">{t('screen.thanks')}</p>
      {details && <p className="screen__when">{details.title}</p>}
    </div>
  );
}

const UP_NEXT = 3;

/** Someone has the floor: their name, where from, topic and own clock; the agenda item stays above, smaller. */
function SpeakerStage({ now, itemTitle, itemReading }: { now: number; itemTitle: string; itemReading: TimerReading }) {
  const t = useT();
  const where = useSpeakerWhere();
  const next = useUpNext(now, UP_NEXT).map((f) => f.entry);
  const current = useFloorReading(now);
  if (!current) return null;
  const { floor, reading } = current;
  return (
    <div className={`screen__live screen__live--speaker screen__live--${reading.phase}`}>
      <p className="screen__item-small">
        <span className="screen__item-small-title" data-testid="screen-title">
          {itemTitle}
        </span>
        <ClockText reading={itemReading} className="screen__item-small-clock" />
      </p>
      <div className="screen__speaker">
        <p className="screen__speaker-eyebrow">
          {t('speakers.speaking')} <KindChip kind={floor.entry.kind} />
        </p>
        <h1 className="screen__speaker-name" data-testid="screen-speaker">
          {shownName(t, floor.entry.speaker)}
        </h1>
        {where(floor.entry) && <p className="screen__presenter">{where(floor.entry)}</p>}
        {floor.entry.topic && <p className="screen__topic">{floor.entry.topic}</p>}
      </div>
      <div className="screen__clock-wrap">
        <ClockText reading={reading} className="screen__clock screen__clock--speaker" testId="screen-speaker-clock" />
        {!reading.running && <span className="screen__paused">{t('screen.paused')}</span>}
      </div>
      <PhaseAnnouncer reading={reading} />
      <TimerProgress reading={reading} className="progress--screen" />
      <UpNextList entries={next} className="up-next--screen" />
    </div>
  );
}

function Running({ now }: { now: number }) {
  const t = useT();
  const running = useTimerReading(now);
  const speaking = useQueue().floor !== null;
  if (!running) return <div className="screen__center">{t('screen.waiting')}</div>;
  const { current, reading } = running;
  if (speaking) return <SpeakerStage now={now} itemTitle={current.item.title} itemReading={reading} />;
  return (
    <div className={`screen__live screen__live--${reading.phase}`}>
      <div className="screen__item">
        <h1 className={current.item.title.length > LONG_TITLE ? 'screen__title screen__title--long' : 'screen__title'} data-testid="screen-title">
          {current.item.title}
        </h1>
        {current.item.presenter && <p className="screen__presenter">{current.item.presenter}</p>}
      </div>
      <div className="screen__clock-wrap">
        <ClockText reading={reading} className="screen__clock" testId="screen-clock" />
        {!reading.running && (
          <span className="screen__paused" data-testid="screen-paused">
            {t('screen.paused')}
          </span>
        )}
      </div>
      <PhaseAnnouncer reading={reading} />
      <TimerProgress reading={reading} className="progress--screen" />
      {current.next && (
        <p className="screen__next" data-testid="screen-next">
          <span>{t('screen.next')}:</span> {current.next.title}
        </p>
      )}
    </div>
  );
}

/** Language and full screen: in the top bar beside the time (never over the clock, a message or a pinned question). */
function FullscreenButton({ hidden, inBar = false }: { hidden: boolean; inBar?: boolean }) {
  const t = useT();
  const [full, setFull] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const toggle = () => void (full ? document.exitFullscreen() : document.documentElement.requestFullscreen());
  return (
    <div className={`screen__tools ${inBar ? 'screen__tools--bar' : ''} ${hidden ? 'screen__tools--hidden' : ''}`}>
      <LanguageSwitch className="lang-switch--screen" />
      <button type="button" className="button button--small" onClick={toggle}>
        {full ? t('screen.exitFullscreen') : `⛶ ${t('screen.fullscreen')}`}
      </button>
    </div>
  );
}

/** The projector / TV view: receive-only, readable from the back of a hall. */
export function ScreenPage({ token }: { token: string }) {
  const t = useT();
  useMeetingConnection(token);
  const now = useNow();
  const idle = useIdle(IDLE_MS);
  const details = useDetails();
  const live = useLive();
  const { status, message } = useConnection();
  const spotlight = useSpotlight() !== null;

  return (
    <div className={`screen ${idle ? 'screen--idle' : ''} ${spotlight ? 'screen--spotlight' : ''}`}>
      {status === 'reconnecting' && (
        <div className="screen__offline" role="alert">
          {t('conn.reconnecting')} <StaleSince />
        </div>
      )}
      {(status === 'failed' || status === 'deleted') && (
        <div className="screen__center" role="alert">
          <p className="screen__error">{status === 'deleted' ? t('conn.deleted') : message}</p>
        </div>
      )}
      {details && live && status !== 'failed' && status !== 'deleted' && (
        <>
          <header className="screen__bar">
            <span className="screen__meeting">{details.title}</span>
            <span className="screen__time mono">{formatClockTime(now).slice(0, 5)}</span>
            <FullscreenButton hidden={idle} inBar />
          </header>
          {live.status === 'scheduled' && <BeforeStart now={now} />}
          {live.status === 'live' && <Running now={now} />}
          {live.status === 'ended' && <Ended />}
          <SpotlightPanel />
          <StageMessage now={now} className="screen__message" testId="screen-message" />
          <ScreenVideo idle={idle} />
        </>
      )}
      {!(details && live && status !== 'failed' && status !== 'deleted') && <FullscreenButton hidden={idle} />}
    </div>
  );
}
