import { formatClock, vnTime } from '@diemcau/shared';
import { ClockText, isOvertime, PhaseAnnouncer, TimerProgress } from '../../components/ClockText';
import { useNow } from '../../hooks/useNow';
import { usePreStart } from '../../hooks/usePreStart';
import { useTimerReading } from '../../hooks/useTimerReading';
import { useT } from '../../i18n';
import { formatCountdown, formatMinutes, formatWhen } from '../../i18n/format';
import { useAgenda, useLive } from '../../stores/selectors';

function BeforeStart({ now }: { now: number }) {
  const t = useT();
  const preStart = usePreStart(now);
  if (!preStart) return null;
  const { details, first, untilMs } = preStart;
  return (
    <div className="current current--idle">
      <p className="current__eyebrow">{t('mc.notStarted')}</p>
      <p className="current__when">{t('mc.startsAt', { when: formatWhen(t, details.date, details.startTime) })}</p>
      <p className="current__countdown">{t(untilMs >= 0 ? 'mc.startsIn' : 'mc.lateBy', { t: formatCountdown(t, untilMs) })}</p>
      {first ? (
        <div className="current__first">
          <span className="current__label">{t('mc.firstItem')}</span>
          <strong>{first.title}</strong>
          {first.presenter && <span className="current__presenter">{first.presenter}</span>}
        </div>
      ) : (
        <p className="empty">{t('mc.emptyAgenda')}</p>
      )}
    </div>
  );
}

function Ended() {
  const t = useT();
  const live = useLive();
  if (!live?.endedAt) return null;
  return (
    <div className="current current--idle">
      <p className="current__eyebrow">{t('status.ended')}</p>
      <p className="current__when">{t('mc.ended', { time: vnTime(live.endedAt) })}</p>
      {live.startedAt !== null && <p className="current__summary">{t('mc.endedSummary', { t: formatMinutes(t, live.endedAt - live.startedAt) })}</p>}
    </div>
  );
}

function Running({ now }: { now: number }) {
  const t = useT();
  const total = useAgenda().length;
  const running = useTimerReading(now);
  if (!running) return <div className="current current--idle">{t('screen.waiting')}</div>;
  const { current, reading } = running;
  const { item } = current;
  const plannedMs = current.plan?.durationMs ?? null;
  const addedMs = reading.totalMs !== null && plannedMs !== null ? reading.totalMs - plannedMs : 0;
  const endsAt = reading.remainingMs !== null && reading.running ? now + Math.max(0, reading.remainingMs) : null;

  return (
    <div className={`current current--${reading.phase}`} data-testid="current-panel">
      <div className="current__top">
        <span className="current__eyebrow">
          {t('mc.current')} · {t('mc.itemOf', { i: current.index + 1, n: total })}
        </span>
        <span className="chip">{t(`kind.${item.kind}`)}</span>
        {!reading.running && <span className="paused-badge">{t('mc.paused')}</span>}
      </div>
      <h2 className="current__title" data-testid="current-title">
        {item.title}
      </h2>
      {item.presenter && <p className="current__presenter">{item.presenter}</p>}
      <div className="current__clock">
        <ClockText reading={reading} testId="mc-clock" />
        {!isOvertime(reading) && <span className="current__phase">{t(`phase.${reading.phase}`)}</span>}
      </div>
      <PhaseAnnouncer reading={reading} />
      <TimerProgress reading={reading} />
      <dl className="current__facts">
        <div>
          <dt>{t('mc.elapsed')}</dt>
          <dd className="mono" data-testid="mc-elapsed">
            {formatClock(reading.elapsedMs)}
          </dd>
        </div>
        <div>
          <dt>{t('mc.planned')}</dt>
          <dd>
            {plannedMs === null ? t('mc.countup') : formatMinutes(t, plannedMs)}
            {addedMs !== 0 && (
              <span className={addedMs > 0 ? 'delta delta--late' : 'delta delta--early'} data-testid="mc-added">
                {' '}
                ({addedMs > 0 ? t('mc.added', { t: formatClock(addedMs) }) : t('mc.removed', { t: formatClock(-addedMs) })})
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('mc.endsAt')}</dt>
          <dd className="mono">{endsAt === null ? t('common.none') : vnTime(endsAt)}</dd>
        </div>
      </dl>
      {item.notes && (
        <p className="current__notes">
          <strong>{t('mc.notes')}:</strong> {item.notes}
        </p>
      )}
      <p className="current__next">
        <span className="current__label">{t('mc.upNext')}</span>{' '}
        {current.next ? <strong>{current.next.title}</strong> : <em>{t('mc.lastItem')}</em>}
      </p>
    </div>
  );
}

/** The big "what is on now" panel, with the states before the start and after the end. */
export function CurrentPanel() {
  const t = useT();
  const now = useNow();
  const status = useLive()?.status;
  return (
    <section className="panel panel--current" aria-label={t('mc.current')}>
      {status === 'scheduled' && <BeforeStart now={now} />}
      {status === 'live' && <Running now={now} />}
      {status === 'ended' && <Ended />}
    </section>
  );
}
