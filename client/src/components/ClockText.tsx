import { useT } from '../i18n';
import { formatClock, type TimerReading } from '@diemcau/shared';

/** What the big clock shows: time left (overtime with "+"), or run time when the item counts up. */
export function clockValue(reading: TimerReading): string {
  return reading.remainingMs === null ? formatClock(reading.elapsedMs) : formatClock(reading.remainingMs);
}

/** The timer digits, coloured by phase; `paused` dims them. */
export function ClockText({ reading, className = '', testId }: { reading: TimerReading; className?: string; testId?: string }) {
  return (
    <span className={`clock clock--${reading.phase} ${reading.running ? '' : 'clock--paused'} ${className}`} data-phase={reading.phase} data-testid={testId}>
      {clockValue(reading)}
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
