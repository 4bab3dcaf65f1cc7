import { ClockText, PhaseAnnouncer, TimerProgress } from '../../components/ClockText';
import { usePreStart } from '../../hooks/usePreStart';
import { useTimerReading } from '../../hooks/useTimerReading';
import { useT } from '../../i18n';
import { formatCountdown, formatWhen } from '../../i18n/format';
import { useLive } from '../../stores/selectors';

function Upcoming({ now }: { now: number }) {
  const t = useT();
  const preStart = usePreStart(now);
  if (!preStart) return null;
  const { details, first, untilMs } = preStart;
  return (
    <>
      <p className="site-now__eyebrow">{t('mc.notStarted')}</p>
      <p className="site-now__when">{formatWhen(t, details.date, details.startTime)}</p>
      {untilMs > 0 && (
        <p className="site-now__countdown">
          {t('screen.startsIn')} <span className="mono">{formatCountdown(t, untilMs)}</span>
        </p>
      )}
      {first && (
        <p className="site-now__next">
          <span>{t('screen.firstItem')}:</span> {first.title}
        </p>
      )}
    </>
  );
}

function Running({ now }: { now: number }) {
  const t = useT();
  const running = useTimerReading(now);
  if (!running) return <p className="site-now__eyebrow">{t('screen.waiting')}</p>;
  const { current, reading } = running;
  return (
    <>
      <p className="site-now__eyebrow">{t('screen.now')}</p>
      <h2 className="site-now__title" data-testid="site-item-title">
        {current.item.title}
      </h2>
      {current.item.presenter && <p className="site-now__presenter">{current.item.presenter}</p>}
      <div className="site-now__clock">
        <ClockText reading={reading} testId="site-clock" />
        {!reading.running && <span className="paused-badge">{t('mc.paused')}</span>}
      </div>
      <PhaseAnnouncer reading={reading} />
      <TimerProgress reading={reading} />
      {current.next && (
        <p className="site-now__next">
          <span>{t('screen.next')}:</span> {current.next.title}
        </p>
      )}
    </>
  );
}

/** What is on now at the host site: the item, its presenter and clock, and what comes next (the site page, the board). */
export function NowPanel({ now, label, className = '', testId }: { now: number; label?: string; className?: string; testId?: string }) {
  const t = useT();
  const live = useLive();
  if (!live) return null;
  return (
    <section className={`panel site-now ${className}`} aria-label={label ?? t('site.nowTitle')} data-testid={testId}>
      {live.status === 'scheduled' && <Upcoming now={now} />}
      {live.status === 'live' && <Running now={now} />}
      {live.status === 'ended' && <p className="site-now__when">{t('screen.ended')}</p>}
    </section>
  );
}
