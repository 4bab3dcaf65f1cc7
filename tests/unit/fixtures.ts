import { DomainError, type Actor, applyCommand, type CommandInput, type CommandName, Commands, AgendaItemInput, type AgendaItem, type AgendaItemInput as ItemInput, type MeetingState, newMeetingState, MeetingDetails, type Question, vnInstant } from '@diemcau/shared';

export const MIN = 60_000;
export const DATE = '2023-11-24';
/** 07:30 on the meeting day, Vietnam time. */
export const START = vnInstant(DATE, '07:30');

/** A validated agenda item with a readable id. */
export const item = (id: string, input: ItemInput): AgendaItem => ({ ...AgendaItemInput.parse(input), id });

/** A three-item meeting planned 07:30–08:00 (10 + 15 + 5 min). */
export function meeting(overrides: Partial<MeetingState> = {}): MeetingState {
  const details = MeetingDetails.parse({ title: 'Hội nghị thử', date: DATE, startTime: '07:30' });
  const agenda = [
    item('a', { title: 'Khai mạc', plannedDurationMs: 10 * MIN }),
    item('b', { title: 'Báo cáo đề dẫn', plannedDurationMs: 15 * MIN }),
    item('c', { title: 'Bế mạc', plannedDurationMs: 5 * MIN }),
  ];
  return { ...newMeetingState(details, agenda), ...overrides };
}

/** The MC as the sender of a command. */
export const MC = { role: 'mc', siteId: null } as const;

/**
 * A floor command's input as a console showing `state` sends it: the floor it saw (`current` for
 * "give", the turn's `entryId` for the others), unless the step names one itself.
 */
export function seenFloor(state: MeetingState, name: CommandName, input: object): object {
  const floorId = state.queue.floor?.entry.id ?? null;
  if (name === 'floor:give') return { current: floorId, ...input };
  return name.startsWith('floor:') ? { entryId: floorId ?? 'no-floor', ...input } : input;
}

let ids = 0;
/** Applies [time, sender, command, input] steps in order, each input through its real schema (a floor command sees the state it is applied to). */
export function applySteps(state: MeetingState, steps: readonly [number, Actor, CommandName, unknown?][]): MeetingState {
  return steps.reduce(
    (s, [now, actor, name, input]) =>
      applyCommand(s, name, Commands[name].parse(seenFloor(s, name, (input ?? {}) as object)) as CommandInput<typeof name>, { now, newId: () => `n${(ids += 1)}`, actor }),
    state,
  );
}

/** The reason a command was refused; fails when it was not. */
export function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.reason;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Times on `date`, Vietnam time: `at` as an instant, `wallClock` as exceljs reads a time cell back (a Date whose UTC fields are Vietnam's wall clock). */
export function vnClock(date: string) {
  return {
    at: (time: string, seconds = 0) => vnInstant(date, time) + seconds * 1000,
    wallClock: (time: string, seconds = 0) => new Date(`${date}T${time}:${String(seconds).padStart(2, '0')}Z`),
  };
}

/** A public question `id` of meeting m1, pending and unrouted, sent at `at`; `overrides` win (the original text follows `text`). */
export function questionFixture(id: string, at: number, overrides: Partial<Question> = {}): Question {
  const text = overrides.text ?? `Câu ${id}`;
  return {
    id,
    meetingId: 'm1',
    origin: 'public',
    category: 'Câu hỏi',
    officeId: null,
    text,
    originalText: text,
    senderName: '',
    senderUnit: '',
    anonymous: false,
    siteId: null,
    status: 'pending',
    visible: false,
    flags: [],
    answer: '',
    answeredBy: '',
    answeredAt: null,
    votes: 0,
    mergedInto: null,
    mergedCount: 1,
    pinned: false,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...overrides,
  };
}
