import type { Actual, AgendaItem, MeetingDetails, MeetingState } from './schemas';
import { elapsedMs } from './timer';
import { vnInstant } from './time';

/** What planning needs of an item: screens see items without MC notes, and plan the same. */
export type PlanItem = Pick<AgendaItem, 'id' | 'plannedStart' | 'plannedDurationMs'>;

export type PlannedItem = {
  itemId: string;
  plannedStartAt: number;
  plannedEndAt: number;
  /** Explicit duration, or the gap to the next item's fixed start; null counts up. */
  durationMs: number | null;
};

/**
 * The plan as instants: each item starts at its fixed `plannedStart` (on the meeting's date)
 * or where the previous one ends. An item without a duration runs until the next fixed start.
 */
export function plannedSchedule(details: Pick<MeetingDetails, 'date' | 'startTime'>, agenda: readonly PlanItem[]): PlannedItem[] {
  const fixedStart = (item: PlanItem | undefined) => (item?.plannedStart ? vnInstant(details.date, item.plannedStart) : null);
  let cursor = vnInstant(details.date, details.startTime);
  return agenda.map((item, index) => {
    const start = fixedStart(item) ?? cursor;
    const nextFixed = fixedStart(agenda[index + 1]);
    const durationMs = item.plannedDurationMs ?? (nextFixed !== null && nextFixed > start ? nextFixed - start : null);
    const end = start + (durationMs ?? 0);
    cursor = end;
    return { itemId: item.id, plannedStartAt: start, plannedEndAt: end, durationMs };
  });
}

export type ItemProgress = 'done' | 'current' | 'upcoming' | 'skipped';

export type ProjectedItem = PlannedItem & {
  progress: ItemProgress;
  actualStartedAt: number | null;
  /** Run time so far (current) or in total (done). */
  actualElapsedMs: number | null;
  /** Actual minus planned run time (positive: ran long); null until the item has run or without a plan. */
  overrunMs: number | null;
  projectedStartAt: number;
  projectedEndAt: number;
};

export type Projection = {
  items: ProjectedItem[];
  plannedStartAt: number;
  plannedEndAt: number;
  projectedEndAt: number;
  /** projected end minus planned end: positive means running behind, negative ahead. */
  offsetMs: number;
};

/**
 * Where the meeting stands at `now`: every item's plan, what actually happened, and when
 * what is left should start and end if each remaining item keeps its planned duration.
 */
export function project(state: Pick<MeetingState, 'details' | 'live' | 'actuals'> & { agenda: readonly PlanItem[] }, now: number): Projection {
  const planned = plannedSchedule(state.details, state.agenda);
  const { live, actuals } = state;
  const plannedStartAt = vnInstant(state.details.date, state.details.startTime);
  const plannedEndAt = planned.at(-1)?.plannedEndAt ?? plannedStartAt;
  const currentId = live.timer?.itemId ?? null;
  const currentIndex = currentId === null ? -1 : state.agenda.findIndex((item) => item.id === currentId);

  let cursor = live.status === 'scheduled' ? Math.max(now, plannedStartAt) : live.status === 'ended' ? (live.endedAt ?? now) : now;
  const items = planned.map((plan, index): ProjectedItem => {
    const actual: Actual | undefined = actuals[plan.itemId];
    if (plan.itemId === currentId && live.timer) {
      const elapsed = elapsedMs(live.timer, now);
      const totalMs = plan.durationMs === null ? null : Math.max(0, plan.durationMs + live.timer.addedMs);
      const end = now + Math.max(0, totalMs === null ? 0 : totalMs - elapsed);
      cursor = end;
      return {
        ...plan,
        progress: 'current',
        actualStartedAt: actual?.startedAt ?? now,
        actualElapsedMs: elapsed,
        overrunMs: plan.durationMs === null ? null : Math.max(0, elapsed - plan.durationMs),
        projectedStartAt: actual?.startedAt ?? now,
        projectedEndAt: end,
      };
    }
    if (actual && actual.endedAt !== null) {
      return {
        ...plan,
        progress: 'done',
        actualStartedAt: actual.startedAt,
        actualElapsedMs: actual.elapsedMs,
        overrunMs: plan.durationMs === null ? null : actual.elapsedMs - plan.durationMs,
        projectedStartAt: actual.startedAt,
        projectedEndAt: actual.endedAt,
      };
    }
    const passed = live.status === 'ended' || (live.status === 'live' && index < currentIndex);
    if (passed) {
      return { ...plan, progress: 'skipped', actualStartedAt: null, actualElapsedMs: null, overrunMs: null, projectedStartAt: cursor, projectedEndAt: cursor };
    }
    const start = cursor;
    cursor = start + (plan.durationMs ?? 0);
    return { ...plan, progress: 'upcoming', actualStartedAt: null, actualElapsedMs: null, overrunMs: null, projectedStartAt: start, projectedEndAt: cursor };
  });

  const projectedEndAt = live.status === 'ended' ? (live.endedAt ?? now) : Math.max(cursor, ...items.filter((i) => i.progress === 'done').map((i) => i.projectedEndAt));
  return { items, plannedStartAt, plannedEndAt, projectedEndAt, offsetMs: projectedEndAt - plannedEndAt };
}
