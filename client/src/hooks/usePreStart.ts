import { type MeetingDetails, vnInstant } from '@diemcau/shared';
import { useAgenda, useDetails, type ViewItem } from '../stores/selectors';

/** Before the start: the details, the first item and the time to the planned start (negative once it passed). */
export function usePreStart(now: number): { details: MeetingDetails; first: ViewItem | undefined; untilMs: number } | null {
  const details = useDetails();
  const first = useAgenda()[0];
  return details ? { details, first, untilMs: vnInstant(details.date, details.startTime) - now } : null;
}
