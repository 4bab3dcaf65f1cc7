import type { Actual, Timer } from './schemas';

export type Phase = 'normal' | 'warning' | 'danger' | 'overtime' | 'countup';

export type TimerReading = {
  running: boolean;
  elapsedMs: number;
  /** Planned duration plus added time; null when the item counts up. */
  totalMs: number | null;
  /** Time left; negative in overtime; null when counting up. */
  remainingMs: number | null;
  phase: Phase;
};

/** Run time of a timer at `now` (ms). A start in the future (clock skew) counts as zero. */
export function elapsedMs(timer: Timer, now: number): number {
  return timer.elapsedBeforeMs + (timer.startedAt === null ? 0 : Math.max(0, now - timer.startedAt));
}

/**
 * Reads a timer at `now`: counts down from `durationMs + addedMs` through the warning and
 * danger phases into overtime, or counts up when `durationMs` is null.
 */
export function readTimer(
  timer: Timer,
  durationMs: number | null,
  thresholds: { warningMs: number; dangerMs: number },
  now: number,
): TimerReading {
  const elapsed = elapsedMs(timer, now);
  const running = timer.startedAt !== null;
  if (durationMs === null) return { running, elapsedMs: elapsed, totalMs: null, remainingMs: null, phase: 'countup' };
  const totalMs = Math.max(0, durationMs + timer.addedMs);
  const remainingMs = totalMs - elapsed;
  return { running, elapsedMs: elapsed, totalMs, remainingMs, phase: phaseOf(remainingMs, thresholds) };
}

/** Phase for a remaining time: overtime at zero and below, danger within `dangerMs`, warning within `warningMs`. */
export function phaseOf(remainingMs: number, { warningMs, dangerMs }: { warningMs: number; dangerMs: number }): Phase {
  if (remainingMs <= 0) return 'overtime';
  if (remainingMs <= dangerMs) return 'danger';
  if (remainingMs <= warningMs) return 'warning';
  return 'normal';
}

/** A running timer for an item, resuming from what it already ran if it was visited before. */
export function startTimer(itemId: string, now: number, before?: Actual): Timer {
  return { itemId, startedAt: now, elapsedBeforeMs: before?.elapsedMs ?? 0, addedMs: before?.addedMs ?? 0 };
}

export function pauseTimer(timer: Timer, now: number): Timer {
  return { ...timer, startedAt: null, elapsedBeforeMs: elapsedMs(timer, now) };
}

export function resumeTimer(timer: Timer, now: number): Timer {
  return { ...timer, startedAt: now };
}

export function adjustTimer(timer: Timer, deltaMs: number): Timer {
  return { ...timer, addedMs: timer.addedMs + deltaMs };
}

/**
 * Formats a duration as `m:ss` or `h:mm:ss`, rounding toward the displayed second so a
 * countdown shows 0:01 until the last moment; negative values get a leading `+` (overtime).
 */
export function formatClock(ms: number, { overtimeSign = true } = {}): string {
  const negative = ms < 0;
  const totalSeconds = negative ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const body = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
  return negative && overtimeSign ? `+${body}` : body;
}
