import { z } from './zod';
import { DomainError } from './ack';
import {
  type Actual,
  type AgendaStep,
  AgendaItemInput,
  AgendaItemPatch,
  type AgendaItem,
  type Audience,
  Id,
  MAX_AGENDA_ITEMS,
  MeetingDetailsPatch,
  type MeetingDetails,
  type MeetingState,
  type MeetingView,
  Rev,
  type ScreenView,
  type Timer,
  type ViewKey,
  type ViewPatch,
} from './schemas';
import { plannedSchedule } from './schedule';
import { DEFAULT_QUESTION_SETTINGS, QuestionSettingsPatch, Spotlight } from './questions';
import { EMPTY_QUEUE } from './speakers';
import { DEFAULT_VIDEO_SETTINGS, VideoAllow, VideoSettingsPatch } from './video';
import { type Actor, applySpeakerCommand, endTurn, queueContributions, requestIdTaken, type SpeakerCommand, SpeakerCommands } from './speakers.core';
import { adjustTimer, elapsedMs, pauseTimer, resumeTimer, startTimer } from './timer';
import { MINUTE_MS, vnDate, vnInstant, vnTime } from './time';
import { carryConclusions, ConclusionSet, setConclusion } from './conclusions';

// ---------------------------------------------------------------- commands

const revOnly = z.object({ rev: Rev.optional() });
const onItem = z.object({ rev: Rev.optional(), itemId: Id });
const HOUR_MS = 3_600_000;

/**
 * Every command that changes a meeting, with its input schema. `rev`, when sent, is the
 * revision the sender saw: a command built on an older view is refused instead of applied
 * twice (two MCs pressing "next" at once advance once).
 */
export const Commands = {
  'meeting:start': z.object({ rev: Rev.optional(), shiftPlan: z.boolean().default(false) }),
  'meeting:end': revOnly,
  'meeting:reset': revOnly,
  /** The organiser reopens an ended meeting on purpose: the item that ran last runs again. */
  'meeting:reopen': revOnly,
  'meeting:update': z.object({ rev: Rev.optional(), details: MeetingDetailsPatch }),
  'agenda:next': revOnly,
  'agenda:previous': revOnly,
  'agenda:goto': onItem,
  'agenda:add': z.object({ rev: Rev.optional(), item: AgendaItemInput, index: z.number().int().min(0).optional() }),
  'agenda:update': onItem.extend({ item: AgendaItemPatch }),
  'agenda:remove': onItem,
  'agenda:move': onItem.extend({ toIndex: z.number().int().min(0) }),
  'timer:pause': revOnly,
  'timer:resume': revOnly,
  'timer:adjust': z.object({
    deltaMs: z
      .number()
      .int()
      .min(-HOUR_MS, 'tối đa bớt 60 phút một lần')
      .max(HOUR_MS, 'tối đa thêm 60 phút một lần')
      .refine((v) => v !== 0, 'thời gian thêm/bớt phải khác 0'),
  }),
  'message:update': z
    .object({ text: z.string().trim().max(500, 'tối đa 500 ký tự').optional(), visible: z.boolean().optional() })
    .refine((v) => v.text !== undefined || v.visible !== undefined, 'cần nội dung hoặc trạng thái hiển thị'),
  'message:flash': z.object({}),
  ...SpeakerCommands,
  'questions:settings': QuestionSettingsPatch,
  'video:settings': VideoSettingsPatch,
  'video:allow': VideoAllow,
  'conclusion:set': ConclusionSet,
} as const;

/**
 * Commands the server issues itself after checks the document cannot make: pinning a
 * question needs the question, which lives in its own table. No client sends these.
 */
export const InternalCommands = {
  'questions:spotlight': z.object({ spotlight: Spotlight.nullable() }),
} as const;

type AllCommands = typeof Commands & typeof InternalCommands;
export type CommandName = keyof typeof Commands;
export type AnyCommandName = keyof AllCommands;
export type CommandInput<N extends AnyCommandName> = z.output<AllCommands[N]>;
export type CommandPayload<N extends CommandName> = z.input<(typeof Commands)[N]>;
export const COMMAND_NAMES = Object.keys(Commands) as CommandName[];

export type CommandContext = { now: number; newId: () => string; actor: Actor };

const isSpeakerCommand = (command: { name: AnyCommandName }): command is SpeakerCommand => command.name in SpeakerCommands;

// ---------------------------------------------------------------- helpers

const refuse = (reason: string, message: string, code: 'conflict' | 'not_found' | 'invalid' | 'forbidden' = 'conflict') =>
  new DomainError(code, reason, message);

const ENDED_MESSAGE = 'Hội nghị đã kết thúc: chương trình, danh sách phát biểu và các thiết lập đã khóa. Người tổ chức có thể bấm "Mở lại hội nghị" trên bàn điều khiển nếu thật cần.';

export const endedError = () => refuse('ended', ENDED_MESSAGE);

function requireLive(state: MeetingState): void {
  if (state.live.status === 'scheduled') throw refuse('not_started', 'Hội nghị chưa bắt đầu: bấm "Bắt đầu hội nghị" trước.');
  if (state.live.status === 'ended') throw endedError();
}

function indexOfItem(state: MeetingState, itemId: string): number {
  const index = state.agenda.findIndex((item) => item.id === itemId);
  if (index < 0) throw refuse('item_not_found', 'Không tìm thấy mục này trong chương trình (có thể vừa bị xóa). Màn hình đã được cập nhật.', 'not_found');
  return index;
}

function currentIndex(state: MeetingState): number {
  const id = state.live.timer?.itemId;
  return id === undefined ? -1 : state.agenda.findIndex((item) => item.id === id);
}

/** Closes the current item's actual record and stops its timer. */
function leaveCurrent(state: MeetingState, now: number): MeetingState {
  const timer = state.live.timer;
  if (!timer) return state;
  const previous = state.actuals[timer.itemId];
  const actual: Actual = {
    startedAt: previous?.startedAt ?? now,
    endedAt: now,
    elapsedMs: elapsedMs(timer, now),
    addedMs: timer.addedMs,
  };
  return { ...state, live: { ...state.live, timer: null }, actuals: { ...state.actuals, [timer.itemId]: actual } };
}

/** Makes `itemId` current with a running clock, resuming what it ran before if revisited. */
function enter(state: MeetingState, itemId: string, now: number): MeetingState {
  const left = leaveCurrent(state, now);
  const before = left.actuals[itemId];
  const actual: Actual = { startedAt: before?.startedAt ?? now, endedAt: null, elapsedMs: before?.elapsedMs ?? 0, addedMs: before?.addedMs ?? 0 };
  return queueContributions(
    {
      ...left,
      live: { ...left.live, timer: startTimer(itemId, now, before) },
      actuals: { ...left.actuals, [itemId]: actual },
    },
    itemId,
    now,
  );
}

/**
 * How long after a move of the MC going back undoes the move instead of revisiting: a key
 * slip (→ then ←) leaves no trace, the item left runs on as if it had never been left.
 */
export const SLIP_WINDOW_MS = 60_000;
const MAX_STEPS = 10;

/** Moves the MC took within the slip window, oldest first. */
const recentSteps = (state: MeetingState, now: number): AgendaStep[] => (state.live.steps ?? []).filter((step) => now - step.at <= SLIP_WINDOW_MS);

/** Enters `itemId` from the current item and remembers the move, so that it can be undone. */
function stepTo(state: MeetingState, itemId: string, now: number, steps: AgendaStep[]): MeetingState {
  const from = state.live.timer;
  const entered = enter(state, itemId, now);
  if (!from) return { ...entered, live: { ...entered.live, steps } };
  const waiting = new Set(state.queue.entries.map((e) => e.id));
  const queued = entered.queue.entries.filter((e) => !waiting.has(e.id)).map((e) => e.id);
  const step: AgendaStep = { itemId, fromItemId: from.itemId, fromRunning: from.startedAt !== null, at: now, before: state.actuals[itemId] ?? null, queued };
  return { ...entered, live: { ...entered.live, steps: [...steps, step].slice(-MAX_STEPS) } };
}

/**
 * Takes back the move into the current item: the item it came from runs again with the time
 * since the move (it never stopped; a clock that was paused stays paused and the slip's time
 * is not counted), the current item's record is what it was before, and the speeches and
 * requests made meanwhile belong to the item that was really running.
 */
function undoStep(state: MeetingState, step: AgendaStep, now: number, steps: AgendaStep[]): MeetingState {
  const timer = state.live.timer!;
  const from = state.actuals[step.fromItemId]!;
  const slipMs = step.fromRunning ? Math.max(0, elapsedMs(timer, now) - (step.before?.elapsedMs ?? 0)) : 0;
  const elapsedBeforeMs = from.elapsedMs + slipMs;
  const running = step.fromRunning && timer.startedAt !== null;
  const fromTimer: Timer = { itemId: step.fromItemId, startedAt: running ? now : null, elapsedBeforeMs, addedMs: from.addedMs };
  const { [step.itemId]: _slipped, ...others } = state.actuals;
  const actuals = { ...others, ...(step.before ? { [step.itemId]: step.before } : {}), [step.fromItemId]: { ...from, endedAt: null, elapsedMs: elapsedBeforeMs } };
  const during = <T extends { itemId: string | null }>(turn: T, at: number): T => (turn.itemId === step.itemId && at >= step.at ? { ...turn, itemId: step.fromItemId } : turn);
  const queued = new Set(step.queued);
  const { floor } = state.queue;
  const queue = {
    ...state.queue,
    entries: state.queue.entries.filter((e) => !queued.has(e.id)).map((e) => (e.contributionId === null ? during(e, e.requestedAt) : e)),
    floor: floor && { ...floor, entry: during(floor.entry, floor.startedAt) },
  };
  const speeches = state.speeches.map((s) => during(s, s.startedAt));
  return { ...state, live: { ...state.live, timer: fromTimer, steps }, actuals, queue, speeches };
}

/**
 * Makes `itemId` current. Going back to an earlier item within the slip window of the move
 * into the current item undoes that move first (repeatedly, so → → ← ← is no trace at all).
 */
function navigate(state: MeetingState, itemId: string, now: number): MeetingState {
  const steps = recentSteps(state, now);
  const last = steps.at(-1);
  const current = currentIndex(state);
  const target = indexOfItem(state, itemId);
  const undoable =
    last !== undefined &&
    last.itemId === state.live.timer?.itemId &&
    target < current &&
    state.actuals[last.fromItemId] !== undefined &&
    state.agenda.some((item) => item.id === last.fromItemId);
  if (!undoable) return stepTo(state, itemId, now, steps);
  const undone = undoStep(state, last, now, steps.slice(0, -1));
  return last.fromItemId === itemId ? undone : navigate(undone, itemId, now);
}

/**
 * What may still change once the meeting has ended: its reopening by the organiser, the
 * conclusions written into the record, and taking a question off the projector.
 */
const AFTER_END: ReadonlySet<AnyCommandName> = new Set(['meeting:reopen', 'conclusion:set']);

function requireTimer(state: MeetingState) {
  requireLive(state);
  const timer = state.live.timer;
  if (!timer) throw refuse('no_current_item', 'Chưa có mục nào đang chạy: chọn một mục trong chương trình.');
  return timer;
}

/** The item that ran last (its record ends latest): where a reopened meeting goes on. */
function lastRunItem(state: MeetingState): string | undefined {
  let last: { id: string; at: number } | undefined;
  for (const item of state.agenda) {
    const actual = state.actuals[item.id];
    if (actual && (last === undefined || (actual.endedAt ?? actual.startedAt) >= last.at)) last = { id: item.id, at: actual.endedAt ?? actual.startedAt };
  }
  return last?.id;
}

/** Moves the whole plan (meeting start and every fixed item start) so that it starts at `at`. */
export function shiftPlan(details: MeetingDetails, agenda: readonly AgendaItem[], at: number): { details: MeetingDetails; agenda: AgendaItem[] } {
  const target = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  const deltaMs = target - vnInstant(details.date, details.startTime);
  const move = (time: string) => vnTime(vnInstant(details.date, time) + deltaMs);
  return {
    details: { ...details, date: vnDate(target), startTime: vnTime(target) },
    agenda: agenda.map((item) => (item.plannedStart ? { ...item, plannedStart: move(item.plannedStart) } : item)),
  };
}

// ---------------------------------------------------------------- the reducer

/**
 * Applies one validated command to a meeting at `now`. Pure: returns a new state (sharing
 * unchanged parts, so changed top-level keys can be found by reference) or throws a
 * DomainError that says what the MC should do instead.
 */
export function applyCommand<N extends AnyCommandName>(state: MeetingState, name: N, input: CommandInput<N>, ctx: CommandContext): MeetingState {
  const { now } = ctx;
  const command = { name, input } as { [K in AnyCommandName]: { name: K; input: CommandInput<K> } }[AnyCommandName];
  const unpin = command.name === 'questions:spotlight' && command.input.spotlight === null;
  if (state.live.status === 'ended' && !(AFTER_END.has(name) || unpin)) {
    // A retried request that was stored before the end is answered, not refused.
    if (command.name === 'queue:request' && requestIdTaken(state, command.input.requestId)) return state;
    throw endedError();
  }
  if (isSpeakerCommand(command)) {
    const next = applySpeakerCommand(state, command, { ...ctx, currentItemId: state.live.timer?.itemId ?? null });
    if (command.name !== 'contributions:set' || next === state) return next;
    const conclusions = carryConclusions(state.contributions, next.contributions, next.conclusions);
    return conclusions === next.conclusions ? next : { ...next, conclusions: [...conclusions] };
  }
  switch (command.name) {
    case 'meeting:start': {
      if (state.live.status === 'live') throw refuse('already_live', 'Hội nghị đang diễn ra.');
      const first = state.agenda[0];
      if (!first) throw refuse('empty_agenda', 'Chương trình chưa có mục nào: thêm ít nhất một mục rồi bắt đầu.');
      const planned = command.input.shiftPlan ? shiftPlan(state.details, state.agenda, now) : state;
      const started: MeetingState = { ...state, ...planned, live: { status: 'live', startedAt: now, endedAt: null, timer: null, steps: [] } };
      return enter(started, first.id, now);
    }
    case 'meeting:end': {
      requireLive(state);
      // The turn on the floor goes into the history, the queue closes, the projector lets go of its question.
      const closed = state.queue.floor ? endTurn(state, state.queue.floor, now, ctx.newId) : state;
      const left = leaveCurrent(closed, now);
      return { ...left, live: { ...left.live, status: 'ended', endedAt: now, timer: null, steps: [] }, queue: { ...left.queue, open: false }, spotlight: null };
    }
    case 'meeting:reopen': {
      if (state.live.status !== 'ended') throw refuse('not_ended', 'Hội nghị chưa kết thúc nên không cần mở lại.');
      if (ctx.actor.role !== 'admin') throw refuse('organiser_only', 'Chỉ người tổ chức mở lại được hội nghị đã kết thúc.', 'forbidden');
      const last = lastRunItem(state);
      const reopened: MeetingState = { ...state, live: { ...state.live, status: 'live', endedAt: null, timer: null, steps: [] }, queue: { ...state.queue, open: true } };
      return last ? enter(reopened, last, now) : reopened;
    }
    case 'meeting:reset': {
      if (state.live.status === 'scheduled' && Object.keys(state.actuals).length === 0) throw refuse('nothing_to_reset', 'Hội nghị chưa chạy nên không có gì để đặt lại.');
      return { ...state, live: { status: 'scheduled', startedAt: null, endedAt: null, timer: null }, actuals: {} };
    }
    case 'meeting:update': {
      return { ...state, details: { ...state.details, ...command.input.details } };
    }
    case 'agenda:next': {
      requireLive(state);
      const index = currentIndex(state);
      const next = state.agenda[index + 1];
      if (!next) throw refuse('last_item', 'Đây là mục cuối của chương trình: bấm "Kết thúc hội nghị" để kết thúc.');
      return navigate(state, next.id, now);
    }
    case 'agenda:previous': {
      requireLive(state);
      const index = currentIndex(state);
      const previous = index > 0 ? state.agenda[index - 1] : undefined;
      if (!previous) throw refuse('first_item', 'Đây là mục đầu tiên của chương trình.');
      return navigate(state, previous.id, now);
    }
    case 'agenda:goto': {
      requireLive(state);
      indexOfItem(state, command.input.itemId);
      if (state.live.timer?.itemId === command.input.itemId) throw refuse('already_current', 'Mục này đang diễn ra.');
      return navigate(state, command.input.itemId, now);
    }
    case 'agenda:add': {
      if (state.agenda.length >= MAX_AGENDA_ITEMS) throw refuse('agenda_full', `Chương trình đã có ${MAX_AGENDA_ITEMS} mục, không thêm được nữa.`, 'invalid');
      const index = command.input.index ?? state.agenda.length;
      if (index > state.agenda.length) throw refuse('bad_index', `Vị trí chèn phải từ 0 đến ${state.agenda.length}.`, 'invalid');
      const item: AgendaItem = { ...command.input.item, id: ctx.newId() };
      return { ...state, agenda: state.agenda.toSpliced(index, 0, item) };
    }
    case 'agenda:update': {
      const index = indexOfItem(state, command.input.itemId);
      const item = { ...state.agenda[index]!, ...command.input.item };
      return { ...state, agenda: state.agenda.with(index, item) };
    }
    case 'agenda:remove': {
      const index = indexOfItem(state, command.input.itemId);
      if (state.live.timer?.itemId === command.input.itemId) {
        throw refuse('remove_current', 'Không thể xóa mục đang diễn ra: chuyển sang mục khác trước.');
      }
      const { [command.input.itemId]: _removed, ...actuals } = state.actuals;
      const conclusions = state.conclusions.filter((c) => c.itemId !== command.input.itemId);
      return { ...state, agenda: state.agenda.toSpliced(index, 1), actuals, conclusions: conclusions.length === state.conclusions.length ? state.conclusions : conclusions };
    }
    case 'agenda:move': {
      const from = indexOfItem(state, command.input.itemId);
      const to = command.input.toIndex;
      if (to >= state.agenda.length) throw refuse('bad_index', `Vị trí mới phải từ 1 đến ${state.agenda.length}.`, 'invalid');
      if (to === from) throw refuse('same_position', 'Mục đã ở vị trí này.', 'invalid');
      const item = state.agenda[from]!;
      return { ...state, agenda: state.agenda.toSpliced(from, 1).toSpliced(to, 0, item) };
    }
    case 'timer:pause': {
      const timer = requireTimer(state);
      if (timer.startedAt === null) throw refuse('already_paused', 'Đồng hồ đang tạm dừng.');
      return { ...state, live: { ...state.live, timer: pauseTimer(timer, now) } };
    }
    case 'timer:resume': {
      const timer = requireTimer(state);
      if (timer.startedAt !== null) throw refuse('already_running', 'Đồng hồ đang chạy.');
      return { ...state, live: { ...state.live, timer: resumeTimer(timer, now) } };
    }
    case 'timer:adjust': {
      const timer = requireTimer(state);
      const plan = plannedSchedule(state.details, state.agenda).find((p) => p.itemId === timer.itemId);
      if (!plan || plan.durationMs === null) {
        throw refuse('count_up_item', 'Mục đang chạy không có thời lượng dự kiến (đồng hồ đếm lên): đặt thời lượng cho mục trước khi thêm/bớt giờ.');
      }
      const adjusted = adjustTimer(timer, command.input.deltaMs);
      if (plan.durationMs + adjusted.addedMs < 0) throw refuse('below_zero', 'Không thể bớt quá thời lượng của mục.', 'invalid');
      return { ...state, live: { ...state.live, timer: adjusted } };
    }
    case 'message:update': {
      const { text = state.message.text, visible = state.message.visible } = command.input;
      if (visible && text === '') throw refuse('empty_message', 'Nhập nội dung thông điệp trước khi hiển thị.', 'invalid');
      return { ...state, message: { text, visible, flashAt: visible ? state.message.flashAt : null } };
    }
    case 'message:flash': {
      if (state.message.text === '') throw refuse('empty_message', 'Nhập nội dung thông điệp trước khi nhấp nháy.', 'invalid');
      return { ...state, message: { ...state.message, visible: true, flashAt: now } };
    }
    case 'questions:settings': {
      const { offices, ...rest } = command.input;
      const merged = { ...state.questions, ...rest };
      if (merged.opensAt !== null && merged.closesAt !== null && merged.opensAt >= merged.closesAt) {
        throw refuse('window_order', 'Giờ đóng nhận câu hỏi phải sau giờ mở.', 'invalid');
      }
      if (offices) {
        const names = new Set(offices.map((o) => o.name.toLocaleLowerCase('vi')));
        if (names.size !== offices.length) throw refuse('duplicate_office', 'Có hai phòng, ban trùng tên: mỗi tên chỉ một lần.', 'invalid');
        merged.offices = offices.map((o) => ({ id: o.id || ctx.newId(), name: o.name }));
      }
      return { ...state, questions: merged };
    }
    case 'video:settings': {
      const { openDiscussion = state.video.openDiscussion, hostSiteId = state.video.hostSiteId } = command.input;
      return { ...state, video: { ...state.video, openDiscussion, hostSiteId } };
    }
    case 'video:allow': {
      const { siteId, allow } = command.input;
      const others = state.video.allowedSites.filter((id) => id !== siteId);
      return { ...state, video: { ...state.video, allowedSites: allow ? [...others, siteId] : others } };
    }
    case 'conclusion:set': {
      const conclusions = setConclusion(state, command.input, now);
      return conclusions === state.conclusions ? state : { ...state, conclusions };
    }
    case 'questions:spotlight': {
      const next = command.input.spotlight;
      const same = JSON.stringify(state.spotlight) === JSON.stringify(next);
      return same ? state : { ...state, spotlight: next };
    }
    default:
      return assertNever(command);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}

// ---------------------------------------------------------------- views

const HIDDEN_MESSAGE = { text: '', visible: false, flashAt: null } as const;

/** What one audience may see of a meeting. Screens never see MC notes or a hidden message; the public page sees its header and the questions' settings only. */
export function viewFor(state: MeetingState, audience: Audience): MeetingView {
  if (audience === 'control') return state;
  return pickView(state, audience, VIEW_KEYS) as ScreenView;
}

type Viewer = { [K in ViewKey]: (state: MeetingState) => ScreenView[K] };

const screenKey: Viewer = {
  details: (s) => s.details,
  agenda: (s) => s.agenda.map(({ notes: _notes, ...item }) => item),
  live: (s) => s.live,
  actuals: (s) => s.actuals,
  message: (s) => (s.message.visible ? s.message : HIDDEN_MESSAGE),
  queue: (s) => s.queue,
  speeches: (s) => s.speeches,
  contributions: (s) => s.contributions,
  tasks: () => [],
  questions: (s) => s.questions,
  spotlight: (s) => s.spotlight,
  video: (s) => s.video,
  conclusions: () => [],
};
const VIEW_KEYS = Object.keys(screenKey) as ViewKey[];

const PUBLIC_LIVE = { status: 'scheduled', startedAt: null, endedAt: null, timer: null } as const;

/**
 * The public QR page's view: what its header shows of the details and the questions' settings
 * (its form); every other key is always the same empty value, so the public link never receives
 * the agenda, the floor, the speaker queue (names, sites, topics), the stage message or video.
 */
const publicKey: Viewer = {
  details: ({ details: { title, organiser, date, startTime, venue } }) => ({ title, organiser, date, startTime, venue, documentRef: '', format: 'hybrid', chair: '', participants: [], dateTentative: false }),
  agenda: () => [],
  live: () => PUBLIC_LIVE,
  actuals: () => ({}),
  message: () => HIDDEN_MESSAGE,
  queue: () => EMPTY_QUEUE,
  speeches: () => [],
  contributions: () => [],
  tasks: () => [],
  questions: (s) => s.questions,
  spotlight: () => null,
  video: () => DEFAULT_VIDEO_SETTINGS,
  conclusions: () => [],
};
/** The keys of the public view read from the meeting: a change of any other never reaches the public page. */
export const PUBLIC_VIEW_KEYS: readonly ViewKey[] = ['details', 'questions'];

const viewers: Record<Exclude<Audience, 'control'>, Viewer> = { screen: screenKey, public: publicKey };

function pickView(state: MeetingState, audience: Audience, keys: readonly ViewKey[]): ViewPatch {
  const patch: Record<string, unknown> = {};
  for (const key of keys) patch[key] = audience === 'control' ? state[key] : viewers[audience][key](state);
  return patch as ViewPatch;
}

/** Top-level keys whose value changed by reference between two states. */
export function changedKeys(before: MeetingState, after: MeetingState): ViewKey[] {
  return (Object.keys(after) as ViewKey[]).filter((key) => before[key] !== after[key]);
}

/**
 * The part of an audience's view that changed: what a broadcast carries. The public page's is
 * empty unless its header or the questions' settings changed (it still gets the revision).
 */
export function patchFor(state: MeetingState, keys: readonly ViewKey[], audience: Audience): ViewPatch {
  return pickView(state, audience, audience === 'public' ? keys.filter((key) => PUBLIC_VIEW_KEYS.includes(key)) : keys);
}

/** A fresh meeting document from validated details and agenda. */
export function newMeetingState(details: MeetingDetails, agenda: AgendaItem[]): MeetingState {
  return {
    details,
    agenda,
    live: { status: 'scheduled', startedAt: null, endedAt: null, timer: null },
    actuals: {},
    message: { text: '', visible: false, flashAt: null },
    queue: EMPTY_QUEUE,
    speeches: [],
    contributions: [],
    tasks: [],
    questions: DEFAULT_QUESTION_SETTINGS,
    spotlight: null,
    video: DEFAULT_VIDEO_SETTINGS,
    conclusions: [],
  };
}
