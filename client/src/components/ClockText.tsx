import { useT } from '../i18n';
import { formatClock, type TimerReading } from '@diemcau/shared';

/** What the big clock shows: time left (overtime as the time over, without a sign), or run time when the item counts up. */
export function clockValue(reading: TimerReading): string {
  return formatClock(reading.remainingMs ?? reading.elapsedMs, { overtimeSign: false });
}

/** Past the planned time: the clock counts the time over and says so in words. */
export const isOvertime = (reading: TimerReading): boolean => reading.remainingMs !== null && reading.remainingMs < 0;

/**
 * The timer digits, coloured by phase; `paused` dims them. Overtime reads as overtime
 * ("Quá giờ 0:40"), never as a time left with a sign. One line always: a clock with hours gets
 * `clock--long` so each page can size it to fit.
 */
export function ClockText({ reading, className = '', testId }: { reading: TimerReading; className?: string; testId?: string }) {
  const t = useT();
  const value = clockValue(reading);
  const over = isOvertime(reading);
  const classes = ['clock', `clock--${reading.phase}`, reading.running ? '' : 'clock--paused', value.length > 5 ? 'clock--long' : '', className].filter(Boolean).join(' ');
  return (
    <span className={classes} data-phase={reading.phase} data-testid={testId}>
      {over && <span className="clock__over">{t('clock.over')} </span>}
      <span className="clock__digits">{value}</span>
    </span>
  );
}

/** The phase in words for screen readers: announced when it changes, not every second. */
export function PhaseAnnouncer({ reading }: { reading: TimerReading | null }) {
  const t = useT();
  return (
    <span className="visually-hidden" aria-live="assertive" aria-atomic="true">
      {reading ? t(`phase.${reading.phase}`) : ''}
    </span>
  );
}

/** How much of the item's time has run, as a bar in the phase colour; nothing for count-up items. */
export function TimerProgress({ reading, className = '' }: { reading: TimerReading; className?: string }) {
  if (!reading.totalMs) return null;
  const share = Math.min(1, reading.elapsedMs / reading.totalMs);
  return (
    <div className={`progress ${className}`} aria-hidden="true">
      <div className={`progress__bar progress__bar--${reading.phase}`} style={{ width: `${share * 100}%` }} />
    </div>
  );
}
