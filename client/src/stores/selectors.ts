import { type Contribution, currentRollCall, EMPTY_QUEUE, plannedSchedule, type PlannedItem, type RollCall, type ScreenAgendaItem, type SiteRow, type Speech, vnInstant } from '@diemcau/shared';
import { useCallback, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from './index';

/** An agenda item as any role sees it: MC views also carry notes. */
export type ViewItem = ScreenAgendaItem & { notes?: string };

export const useLang = () => useAppStore((s) => s.lang);
export const useToasts = () => useAppStore((s) => s.toasts);
export const useConnection = () => useAppStore((s) => s.connection);
export const useClock = () => useAppStore((s) => s.clock);
export const useClockOffset = () => useAppStore((s) => s.clock.offsetMs);
export const useAccess = () => useAppStore((s) => s.access);
export const useConfirmRequest = () => useAppStore((s) => s.confirm);

export const useHasMeeting = () => useAppStore((s) => s.meeting !== null);
export const useRev = () => useAppStore((s) => s.meeting?.rev ?? 0);
export const useDetails = () => useAppStore((s) => s.meeting?.view.details ?? null);
export const useAgenda = (): readonly ViewItem[] => useAppStore((s) => s.meeting?.view.agenda ?? EMPTY);
export const useLive = () => useAppStore((s) => s.meeting?.view.live ?? null);
export const useActuals = () => useAppStore((s) => s.meeting?.view.actuals ?? null);
export const useMessage = () => useAppStore((s) => s.meeting?.view.message ?? null);

export const useQueue = () => useAppStore((s) => s.meeting?.view.queue ?? EMPTY_QUEUE);
export const useSpeeches = (): readonly Speech[] => useAppStore((s) => s.meeting?.view.speeches ?? NO_SPEECHES);
export const useContributions = (): readonly Contribution[] => useAppStore((s) => s.meeting?.view.contributions ?? NO_CONTRIBUTIONS);

const EMPTY: readonly ViewItem[] = [];
const NO_SPEECHES: readonly Speech[] = [];
const NO_CONTRIBUTIONS: readonly Contribution[] = [];

/** True while a command is in flight or the socket is down: controls wait instead of queueing clicks. */
/** An ended meeting is read-only: its screens show what happened, without the controls that would change it. */
export const useEnded = () => useAppStore((s) => s.meeting?.view.live.status === 'ended');

export const useControlsLocked = () => useAppStore((s) => s.pendingCommands > 0 || s.connection.status !== 'online');

/** The plan of every item as instants, recomputed only when details or agenda change. */
export function usePlan(): PlannedItem[] {
  const { date, startTime } = useAppStore(useShallow((s) => ({ date: s.meeting?.view.details.date ?? '1970-01-01', startTime: s.meeting?.view.details.startTime ?? '00:00' })));
  const agenda = useAgenda();
  return useMemo(() => plannedSchedule({ date, startTime }, agenda), [date, startTime, agenda]);
}

export type CurrentItem = { item: ViewItem; index: number; plan: PlannedItem | undefined; next: ViewItem | undefined };

/** The item whose clock runs now (null before the start and after the end), with its plan and the next item. */
export function useCurrentItem(): CurrentItem | null {
  const agenda = useAgenda();
  const plan = usePlan();
  const itemId = useAppStore((s) => s.meeting?.view.live.timer?.itemId ?? null);
  return useMemo(() => {
    const index = itemId === null ? -1 : agenda.findIndex((item) => item.id === itemId);
    const item = agenda[index];
    return item ? { item, index, plan: plan[index], next: agenda[index + 1] } : null;
  }, [agenda, plan, itemId]);
}

export const useOwnSite = () => useAppStore((s) => s.ownSite);
export const useRollCalls = () => useAppStore((s) => s.rollCalls);
export const useAttendanceLoaded = () => useAppStore((s) => s.attendanceLoaded);

/** Every site's row, as a new array only when a batch changed some. */
export function useSiteRows(): readonly SiteRow[] {
  const sites = useAppStore((s) => s.sites);
  return useMemo(() => [...sites.values()], [sites]);
}

/** Every site's row by name, for pickers. */
export function useSortedSites(): readonly SiteRow[] {
  const rows = useSiteRows();
  return useMemo(() => [...rows].sort((a, b) => a.name.localeCompare(b.name, 'vi')), [rows]);
}

/** The roll call sites are judged by: the open one, else the latest. */
export function useCurrentRollCall(): RollCall | null {
  const rollCalls = useRollCalls();
  return useMemo(() => currentRollCall(rollCalls), [rollCalls]);
}

/** The meeting's planned start (epoch ms), or null before the snapshot. */
export const useMeetingStartAt = () => useAppStore((s) => (s.meeting ? vnInstant(s.meeting.view.details.date, s.meeting.view.details.startTime) : null));

/**
 * A site's name by id: every site for the MC, only its own for a site page; null for the hall
 * (no site) and for sites this role does not see.
 */
export function useSiteName(): (siteId: string | null) => string | null {
  const sites = useAppStore((s) => s.sites);
  const ownSite = useOwnSite();
  return useCallback(
    (siteId) => (siteId === null ? null : (sites.get(siteId)?.name ?? (ownSite?.id === siteId ? ownSite.name : null))),
    [sites, ownSite],
  );
}
