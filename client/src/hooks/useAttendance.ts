import { type AttentionReason, rankByAttention, type SiteRow, summarizeAttendance } from '@diemcau/shared';
import { useMemo } from 'react';
import { useCurrentRollCall, useMeetingStartAt, useSiteRows } from '../stores/selectors';
import { useNow } from './useNow';

/** Attention reasons change at minute scale: re-rank every few seconds, not on every tick. */
const RANK_STEP_MS = 5_000;

export type RankedSite = { site: SiteRow; reasons: AttentionReason[] };

/** Every site, what needs attention first, re-ranked when rows change and every few seconds. */
export function useRankedSites(): readonly RankedSite[] {
  const rows = useSiteRows();
  const rollCall = useCurrentRollCall();
  const meetingStartAt = useMeetingStartAt();
  const now = useNow(RANK_STEP_MS);
  return useMemo(() => (meetingStartAt === null ? [] : rankByAttention(rows, { now, meetingStartAt, rollCall })), [rows, rollCall, meetingStartAt, now]);
}

/** Totals for all sites and per group, recomputed only when rows change. */
export function useAttendanceSummary() {
  const rows = useSiteRows();
  return useMemo(() => summarizeAttendance(rows), [rows]);
}

/** Sites that answered the roll call, and how many sites there are. */
export function useRollCallProgress(rollCallId: string | null): { answered: number; total: number } {
  const rows = useSiteRows();
  return useMemo(() => ({ answered: rollCallId === null ? 0 : rows.filter((site) => site.answers[rollCallId]).length, total: rows.length }), [rows, rollCallId]);
}
