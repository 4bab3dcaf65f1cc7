import { z } from './zod';
import { DomainError } from './ack';
import { type MeetingState, Rev, type Role } from './schemas';
import {
  bandOf,
  type Contribution,
  ContributionInput,
  DEFAULT_TURN_MS,
  type Floor,
  type Queue,
  type QueueEntry,
  SpeakRequest,
  type Speech,
  type SpeechKind,
} from './speakers';
import { adjustTimer, elapsedMs, pauseTimer, readTimer, resumeTimer, startTimer } from './timer';

const Ref = z.string().min(1).max(40);
const onEntry = z.object({ entryId: Ref });
/** The turn the sender saw: required, so no console can end or change a turn it did not see. */
const onTurn = z.object({ entryId: Ref });
const HOUR_MS = 3_600_000;

/** Commands of the speaker queue and the floor. Sites may request and withdraw their own; the rest is the MC's. */
export const SpeakerCommands = {
  'queue:request': SpeakRequest,
  'queue:withdraw': onEntry,
  /** `rev`: the position is read from the queue the sender saw. */
  'queue:move': onEntry.extend({ rev: Rev.optional(), toIndex: z.number().int().min(0) }),
  'queue:skip': onEntry,
  'queue:restore': onEntry,
  'queue:settings': z
    .object({ open: z.boolean().optional(), perSiteLimit: z.number().int().min(1).max(20).nullable().optional() })
    .refine((v) => v.open !== undefined || v.perSiteLimit !== undefined, 'cần ít nhất một thiết lập'),
  /**
   * `current` (required): the entry that had the floor when the sender pressed (null: nobody).
   * Two consoles pressing "next speaker" at once give the floor once: the second sees the floor
   * moved on.
   */
  'floor:give': z.object({
    entryId: Ref.optional(),
    current: Ref.nullable(),
    plannedMs: z.number().int().min(30_000, 'tối thiểu 30 giây').max(HOUR_MS, 'tối đa 60 phút').optional(),
  }),
  /** `entryId` on the turn commands: the turn the sender meant; another one running is not touched. */
  'floor:end': onTurn,
  'floor:pause': onTurn,
  'floor:resume': onTurn,
  'floor:adjust': onTurn.extend({
    deltaMs: z
      .number()
      .int()
      .min(-HOUR_MS)
      .max(HOUR_MS)
      .refine((v) => v !== 0, 'thời gian thêm/bớt phải khác 0'),
  }),
  'contributions:set': z.object({ rev: Rev.optional(), itemId: Ref, contributions: z.array(ContributionInput).max(50, 'tối đa 50 tham luận một mục') }),
} as const;

export type SpeakerCommandName = keyof typeof SpeakerCommands;
export type SpeakerCommand = { [K in SpeakerCommandName]: { name: K; input: z.output<(typeof SpeakerCommands)[K]> } }[SpeakerCommandName];

/** Who sent a command: a site's requests are always its own. */
export type Actor = { role: Role; siteId: string | null };

export const SPEAKER_THRESHOLDS = { warningMs: 60_000, dangerMs: 20_000 };

/** The name a prepared contribution without a unit is queued under (stored as is; a page shows it in its language). */
export const contributionFallback = (number: number): string => `Tham luận số ${number}`;
/** The number of a name made by `contributionFallback`, or null for a name someone typed. */
export function contributionFallbackNumber(speaker: string): number | null {
  const match = /^Tham luận số (\d+)$/.exec(speaker);
  return match ? Number(match[1]) : null;
}

const refuse = (reason: string, message: string, code: 'conflict' | 'not_found' | 'invalid' | 'forbidden' = 'conflict') =>
  new DomainError(code, reason, message);

const withQueue = (state: MeetingState, queue: Partial<Queue>): MeetingState => ({ ...state, queue: { ...state.queue, ...queue } });

function entryIndex(queue: Queue, entryId: string): number {
  const index = queue.entries.findIndex((e) => e.id === entryId);
  if (index < 0) throw refuse('entry_not_found', 'Không tìm thấy lượt đăng ký này (có thể đã được phát biểu hoặc rút lại).', 'not_found');
  return index;
}

/** Where a new entry of `kind` goes: after every entry of its band or a more urgent one. */
export function insertionIndex(entries: readonly QueueEntry[], kind: SpeechKind): number {
  const band = bandOf(kind);
  let index = 0;
  entries.forEach((entry, i) => {
    if (bandOf(entry.kind) <= band) index = i + 1;
  });
  return index;
}

/** Closes the current turn into the history. */
export function endTurn(state: MeetingState, floor: Floor, now: number, newId: () => string): MeetingState {
  const { entry, timer } = floor;
  const speech: Speech = {
    id: newId(),
    requestId: entry.requestId,
    kind: entry.kind,
    siteId: entry.siteId,
    speaker: entry.speaker,
    speakerTitle: entry.speakerTitle,
    topic: entry.topic,
    itemId: entry.itemId,
    contributionId: entry.contributionId,
    startedAt: floor.startedAt,
    endedAt: now,
    elapsedMs: elapsedMs(timer, now),
    plannedMs: entry.plannedMs + timer.addedMs,
  };
  return { ...withQueue(state, { floor: null }), speeches: [...state.speeches, speech] };
}

function requireFloor(state: MeetingState, entryId: string): Floor {
  if (!state.queue.floor) throw refuse('no_floor', 'Chưa ai được trao quyền phát biểu.');
  if (state.queue.floor.entry.id !== entryId) throw floorMoved(state.queue.floor);
  return state.queue.floor;
}

/** The floor is no longer what the sender saw (another console acted first). */
const floorMoved = (floor: Floor | null) =>
  refuse('floor_changed', floor ? `Quyền phát biểu vừa chuyển cho ${floor.entry.speaker} (có thể từ một bàn điều khiển khác); xem lại rồi thao tác lại.` : 'Lượt phát biểu vừa kết thúc (có thể từ một bàn điều khiển khác); xem lại rồi thao tác lại.');

/** Entries of prepared contributions of an item not yet queued or spoken, in planned order. */
function pendingContributions(state: MeetingState, itemId: string, now: number): QueueEntry[] {
  const done = new Set([
    ...state.queue.entries.map((e) => e.contributionId),
    ...state.speeches.map((s) => s.contributionId),
    state.queue.floor?.entry.contributionId,
  ]);
  return state.contributions
    .filter((c) => c.itemId === itemId)
    .map((c, index) => ({ c, number: index + 1 }))
    .filter(({ c }) => !done.has(c.id))
    .map(({ c, number }) => ({
      id: `c-${c.id}`,
      requestId: `contribution-${c.id}`,
      kind: 'contribution' as const,
      siteId: c.siteId,
      // The plan may name no unit yet: the entry is then known by its number in the list.
      speaker: c.unit || contributionFallback(number),
      speakerTitle: '',
      topic: c.topic,
      itemId,
      contributionId: c.id,
      requestedAt: now,
      plannedMs: c.plannedMs,
      skipped: false,
    }));
}

/**
 * Where the prepared contributions of an item go: after urgent points, replies and the prepared
 * contributions already waiting, before every ordinary request (the plan's order comes first
 * within its item, whenever the requests came in).
 */
export function contributionIndex(entries: readonly QueueEntry[]): number {
  const adHoc = entries.findIndex((e) => bandOf(e.kind) >= bandOf('contribution') && e.contributionId === null);
  return adHoc < 0 ? insertionIndex(entries, 'contribution') : adHoc;
}

/** Queues the prepared contributions of an agenda item that starts, in the plan's order, before the ordinary requests. */
export function queueContributions(state: MeetingState, itemId: string, now: number): MeetingState {
  const added = pendingContributions(state, itemId, now);
  if (added.length === 0) return state;
  return withQueue(state, { entries: state.queue.entries.toSpliced(contributionIndex(state.queue.entries), 0, ...added) });
}

export const requestIdTaken = (state: MeetingState, requestId: string) =>
  state.queue.entries.some((e) => e.requestId === requestId) ||
  state.speeches.some((s) => s.requestId === requestId) ||
  state.queue.floor?.entry.requestId === requestId;

/**
 * Applies a queue or floor command. Returns the same state object when there is nothing to
 * change (a retried request), so the caller writes and broadcasts nothing.
 */
export function applySpeakerCommand(
  state: MeetingState,
  command: SpeakerCommand,
  ctx: { now: number; newId: () => string; actor: Actor; currentItemId: string | null },
): MeetingState {
  const { now, actor } = ctx;
  const byMc = actor.role === 'mc' || actor.role === 'admin';
  switch (command.name) {
    case 'queue:request': {
      const input = command.input;
      if (requestIdTaken(state, input.requestId)) return state;
      const siteId = byMc ? input.siteId : actor.siteId;
      if (!byMc && !state.queue.open) throw refuse('queue_closed', 'Danh sách đăng ký phát biểu đang đóng. Chờ người dẫn chương trình mở lại.');
      const limit = state.queue.perSiteLimit;
      if (!byMc && limit !== null) {
        const onItem = (e: { siteId: string | null; itemId: string | null }) => e.siteId === siteId && e.itemId === ctx.currentItemId;
        const used = state.queue.entries.filter(onItem).length + state.speeches.filter(onItem).length + (state.queue.floor && onItem(state.queue.floor.entry) ? 1 : 0);
        if (used >= limit) throw refuse('site_limit', `Mỗi điểm cầu đăng ký tối đa ${limit} lượt cho mục này.`);
      }
      const entry: QueueEntry = {
        id: ctx.newId(),
        requestId: input.requestId,
        kind: input.kind,
        siteId,
        speaker: input.speaker,
        speakerTitle: input.speakerTitle,
        topic: input.topic,
        itemId: ctx.currentItemId,
        contributionId: null,
        requestedAt: now,
        plannedMs: DEFAULT_TURN_MS[input.kind],
        skipped: false,
      };
      return withQueue(state, { entries: state.queue.entries.toSpliced(insertionIndex(state.queue.entries, entry.kind), 0, entry) });
    }
    case 'queue:withdraw': {
      const index = entryIndex(state.queue, command.input.entryId);
      if (!byMc && state.queue.entries[index]!.siteId !== actor.siteId) {
        throw refuse('not_own_entry', 'Điểm cầu chỉ rút được lượt đăng ký của chính mình.', 'forbidden');
      }
      return withQueue(state, { entries: state.queue.entries.toSpliced(index, 1) });
    }
    case 'queue:move': {
      const from = entryIndex(state.queue, command.input.entryId);
      const to = command.input.toIndex;
      if (to >= state.queue.entries.length) throw refuse('bad_index', `Vị trí mới phải từ 1 đến ${state.queue.entries.length}.`, 'invalid');
      if (to === from) throw refuse('same_position', 'Lượt này đã ở vị trí đó.', 'invalid');
      const entry = state.queue.entries[from]!;
      return withQueue(state, { entries: state.queue.entries.toSpliced(from, 1).toSpliced(to, 0, entry) });
    }
    case 'queue:skip':
    case 'queue:restore': {
      const index = entryIndex(state.queue, command.input.entryId);
      const skipped = command.name === 'queue:skip';
      const entry = state.queue.entries[index]!;
      if (entry.skipped === skipped) throw refuse(skipped ? 'already_skipped' : 'not_skipped', skipped ? 'Lượt này đã được bỏ qua.' : 'Lượt này đang chờ, không cần đưa lại.');
      return withQueue(state, { entries: state.queue.entries.with(index, { ...entry, skipped }) });
    }
    case 'queue:settings': {
      const { open = state.queue.open, perSiteLimit = state.queue.perSiteLimit } = command.input;
      return withQueue(state, { open, perSiteLimit });
    }
    case 'floor:give': {
      const { entryId, plannedMs, current } = command.input;
      if ((state.queue.floor?.entry.id ?? null) !== current) throw floorMoved(state.queue.floor);
      const index = entryId === undefined ? state.queue.entries.findIndex((e) => !e.skipped) : entryIndex(state.queue, entryId);
      if (index < 0) throw refuse('queue_empty', 'Danh sách chờ phát biểu đang trống.');
      const entry = state.queue.entries[index]!;
      const before = state.queue.floor ? endTurn(state, state.queue.floor, now, ctx.newId) : state;
      // The turn belongs to the item running now, whichever was running when it was requested.
      const given = { ...entry, skipped: false, plannedMs: plannedMs ?? entry.plannedMs, itemId: ctx.currentItemId ?? entry.itemId };
      const floor: Floor = { entry: given, startedAt: now, timer: startTimer(entry.id, now) };
      return withQueue(before, { entries: before.queue.entries.filter((e) => e.id !== entry.id), floor });
    }
    case 'floor:end':
      return endTurn(state, requireFloor(state, command.input.entryId), now, ctx.newId);
    case 'floor:pause': {
      const floor = requireFloor(state, command.input.entryId);
      if (floor.timer.startedAt === null) throw refuse('already_paused', 'Đồng hồ người phát biểu đang tạm dừng.');
      return withQueue(state, { floor: { ...floor, timer: pauseTimer(floor.timer, now) } });
    }
    case 'floor:resume': {
      const floor = requireFloor(state, command.input.entryId);
      if (floor.timer.startedAt !== null) throw refuse('already_running', 'Đồng hồ người phát biểu đang chạy.');
      return withQueue(state, { floor: { ...floor, timer: resumeTimer(floor.timer, now) } });
    }
    case 'floor:adjust': {
      const floor = requireFloor(state, command.input.entryId);
      const timer = adjustTimer(floor.timer, command.input.deltaMs);
      if (floor.entry.plannedMs + timer.addedMs < 0) throw refuse('below_zero', 'Không thể bớt quá thời lượng của lượt phát biểu.', 'invalid');
      return withQueue(state, { floor: { ...floor, timer } });
    }
    case 'contributions:set': {
      const { itemId } = command.input;
      if (!state.agenda.some((item) => item.id === itemId)) throw refuse('item_not_found', 'Không tìm thấy mục này trong chương trình.', 'not_found');
      const kept = state.contributions.filter((c) => c.itemId !== itemId);
      const added: Contribution[] = command.input.contributions.map((c) => ({ ...c, id: ctx.newId(), itemId }));
      // Contributions no longer in the list leave the queue too (not the history).
      const entries = state.queue.entries.filter((e) => e.contributionId === null || !state.contributions.some((c) => c.id === e.contributionId && c.itemId === itemId));
      const next = { ...withQueue(state, { entries }), contributions: [...kept, ...added] };
      return ctx.currentItemId === itemId ? queueContributions(next, itemId, now) : next;
    }
    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled speaker command ${JSON.stringify(unhandled)}`);
    }
  }
}

export type ForecastEntry = { entry: QueueEntry; position: number | null; expectedStartAt: number | null };

/**
 * When each waiting entry should get the floor at `now`: after what is left of the current
 * turn and the planned time of everyone before it. Skipped entries have no place.
 */
export function queueForecast(queue: Queue, now: number): ForecastEntry[] {
  let cursor = now;
  if (queue.floor) {
    const reading = readTimer(queue.floor.timer, queue.floor.entry.plannedMs, SPEAKER_THRESHOLDS, now);
    cursor += Math.max(0, reading.remainingMs ?? 0);
  }
  let position = 0;
  return queue.entries.map((entry) => {
    if (entry.skipped) return { entry, position: null, expectedStartAt: null };
    const forecast = { entry, position, expectedStartAt: cursor };
    position += 1;
    cursor += entry.plannedMs;
    return forecast;
  });
}

/** Total speaking time (ms) per site ('' for the hall) and per kind. */
export function speakingTotals(speeches: readonly Speech[]): { bySite: Record<string, number>; byKind: Partial<Record<SpeechKind, number>> } {
  const bySite: Record<string, number> = {};
  const byKind: Partial<Record<SpeechKind, number>> = {};
  for (const s of speeches) {
    const site = s.siteId ?? '';
    bySite[site] = (bySite[site] ?? 0) + s.elapsedMs;
    byKind[s.kind] = (byKind[s.kind] ?? 0) + s.elapsedMs;
  }
  return { bySite, byKind };
}
