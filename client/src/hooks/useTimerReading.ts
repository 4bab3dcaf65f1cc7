import { readTimer, type TimerReading } from '@diemcau/shared';
import { type CurrentItem, useCurrentItem, useLive } from '../stores/selectors';

/** The current item and its clock read at `now` (server time); null when no item runs. */
export function useTimerReading(now: number): { current: CurrentItem; reading: TimerReading } | null {
  const current = useCurrentItem();
  const timer = useLive()?.timer ?? null;
  if (!current || !timer) return null;
  return { current, reading: readTimer(timer, current.plan?.durationMs ?? null, current.item, now) };
}
