import { type Floor, type ForecastEntry, queueForecast, readTimer, SPEAKER_THRESHOLDS, type TimerReading } from '@diemcau/shared';
import { useQueue } from '../stores/selectors';

/** Who has the floor and their own clock read at `now` (server time); null when nobody does. */
export function useFloorReading(now: number): { floor: Floor; reading: TimerReading } | null {
  const floor = useQueue().floor;
  if (!floor) return null;
  return { floor, reading: readTimer(floor.timer, floor.entry.plannedMs, SPEAKER_THRESHOLDS, now) };
}

/** Every queue entry with its place and expected start at `now` (skipped entries have neither). */
export function useForecast(now: number): ForecastEntry[] {
  return queueForecast(useQueue(), now);
}

/** The next `count` entries that will get the floor, in order. */
export function useUpNext(now: number, count: number): ForecastEntry[] {
  return useForecast(now)
    .filter((f) => f.position !== null)
    .slice(0, count);
}
