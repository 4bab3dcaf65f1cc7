/**
 * The meeting's rules over a whole day (issue 19): a key slip leaves no trace, a speech
 * belongs to the item running when it was given, an ended meeting changes no more, and what
 * ran adds up. Each defect has its example; the generated runs try the class.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  applyCommand,
  type CommandInput,
  type CommandName,
  Commands,
  DomainError,
  elapsedMs,
  type MeetingState,
  project,
  SLIP_WINDOW_MS,
} from '@diemcau/shared';
import { applySteps, item, MC, meeting, MIN, refusal, seenFloor, START } from './fixtures';

const ADMIN: Actor = { role: 'admin', siteId: null };
const SITE_A: Actor = { role: 'site', siteId: 'siteA' };
const SITE_B: Actor = { role: 'site', siteId: 'siteB' };
const SEC = 1000;

/** Five items, the fourth a discussion with two prepared contributions. */
function day(): MeetingState {
  const base = meeting();
  const agenda = [
    ...base.agenda.slice(0, 2),
    item('d', { title: 'Thảo luận', plannedDurationMs: 30 * MIN }),
    item('e', { title: 'Giải trình', plannedDurationMs: 10 * MIN }),
    base.agenda[2]!,
  ];
  return applySteps({ ...base, agenda }, [
    [START - MIN, MC, 'contributions:set', { itemId: 'd', contributions: [{ topic: 'Chuyển đổi số', unit: 'Phòng GDĐT Lục Nam' }, { topic: 'Trường học hạnh phúc', unit: 'THPT Ngô Sĩ Liên' }] }],
  ]);
}

/** What a person reads of a meeting at `now`: each item's progress and times, the clock, the forecast, the queue and the history. */
function reading(s: MeetingState, now: number) {
  const p = project(s, now);
  return {
    items: p.items.map((i) => ({ id: i.itemId, progress: i.progress, started: i.actualStartedAt, ran: i.actualElapsedMs, end: i.projectedEndAt })),
    offsetMs: p.offsetMs,
    clock: s.live.timer && { itemId: s.live.timer.itemId, running: s.live.timer.startedAt !== null, elapsed: elapsedMs(s.live.timer, now), added: s.live.timer.addedMs },
    queue: s.queue.entries.map((e) => ({ speaker: e.speaker, itemId: e.itemId, skipped: e.skipped })),
    floor: s.queue.floor && { speaker: s.queue.floor.entry.speaker, itemId: s.queue.floor.entry.itemId },
    speeches: s.speeches.map((x) => ({ speaker: x.speaker, itemId: x.itemId, startedAt: x.startedAt, endedAt: x.endedAt })),
  };
}

const speak = (n: string, kind = 'comment') => ({ requestId: `req-${n}-00000000`, kind, speaker: `Người ${n}` });

describe('a key slip', () => {
  it('→ then ← reopens the item as if the slip had not happened: no accidental start, no early forecast', () => {
    const before = applySteps(day(), [[START, MC, 'meeting:start'], [START + 8 * MIN, MC, 'agenda:next']]);
    const slipped = applySteps(before, [
      [START + 9 * MIN, MC, 'agenda:next'],
      [START + 9 * MIN + 2 * SEC, MC, 'agenda:previous'],
    ]);
    const later = START + 20 * MIN;
    expect(reading(slipped, later)).toEqual(reading(before, later));
    expect(slipped.actuals.d).toBeUndefined();
    expect(project(slipped, later).items[2]!.progress).toBe('upcoming');
  });

  it('→ → ← ← takes back both moves; the clock ran on the item all along', () => {
    const before = applySteps(day(), [[START, MC, 'meeting:start']]);
    const slipped = applySteps(before, [
      [START + MIN, MC, 'agenda:next'],
      [START + MIN + 500, MC, 'agenda:next'],
      [START + MIN + 4 * SEC, MC, 'agenda:previous'],
      [START + MIN + 5 * SEC, MC, 'agenda:previous'],
    ]);
    expect(reading(slipped, START + 3 * MIN)).toEqual(reading(before, START + 3 * MIN));
  });

  it('a slip onto a discussion neither queues its contributions nor keeps a speech given meanwhile under it', () => {
    const onB = applySteps(day(), [[START, MC, 'meeting:start'], [START + MIN, MC, 'agenda:next']]);
    const s = applySteps(onB, [
      [START + 2 * MIN, MC, 'agenda:next'],
      [START + 2 * MIN + SEC, SITE_A, 'queue:request', speak('1')],
      [START + 2 * MIN + 2 * SEC, MC, 'agenda:next'],
      [START + 2 * MIN + 3 * SEC, MC, 'agenda:goto', { itemId: 'b' }],
    ]);
    expect(s.live.timer?.itemId).toBe('b');
    expect(s.actuals.d).toBeUndefined();
    expect(s.actuals.e).toBeUndefined();
    expect(s.queue.entries.map((e) => [e.speaker, e.itemId])).toEqual([['Người 1', 'b']]);
  });

  it('going back after the slip window is a real revisit: what ran stays', () => {
    const s = applySteps(day(), [
      [START, MC, 'meeting:start'],
      [START + 5 * MIN, MC, 'agenda:next'],
      [START + 5 * MIN + SLIP_WINDOW_MS + 1, MC, 'agenda:previous'],
    ]);
    expect(s.actuals.b).toMatchObject({ startedAt: START + 5 * MIN, elapsedMs: SLIP_WINDOW_MS + 1 });
  });
});

describe('who spoke when', () => {
  it('a speech requested during one item and given during the next belongs to the next', () => {
    const s = applySteps(day(), [
      [START, MC, 'meeting:start'],
      [START + MIN, MC, 'agenda:next'],
      [START + 2 * MIN, SITE_A, 'queue:request', speak('1')],
      [START + 4 * MIN, MC, 'agenda:next'],
      [START + 6 * MIN, MC, 'floor:give', {}],
      [START + 9 * MIN, MC, 'floor:end'],
    ]);
    expect(s.speeches.map((x) => [x.speaker, x.itemId])).toEqual([['Phòng GDĐT Lục Nam', 'd']]);
    const t = applySteps(s, [
      [START + 10 * MIN, MC, 'floor:give', { entryId: s.queue.entries.find((e) => e.speaker === 'Người 1')!.id }],
      [START + 12 * MIN, MC, 'floor:end'],
    ]);
    expect(t.speeches.at(-1)).toMatchObject({ speaker: 'Người 1', itemId: 'd' });
  });

  it('prepared contributions come first within their item, before earlier ad-hoc requests', () => {
    const s = applySteps(day(), [
      [START, MC, 'meeting:start'],
      [START + MIN, SITE_A, 'queue:request', speak('1')],
      [START + MIN, SITE_B, 'queue:request', speak('2', 'question')],
      [START + MIN, SITE_B, 'queue:request', speak('3', 'urgent')],
      [START + 2 * MIN, MC, 'agenda:goto', { itemId: 'd' }],
      [START + 3 * MIN, SITE_A, 'queue:request', speak('4')],
    ]);
    expect(s.queue.entries.map((e) => e.speaker)).toEqual(['Người 3', 'Phòng GDĐT Lục Nam', 'THPT Ngô Sĩ Liên', 'Người 1', 'Người 2', 'Người 4']);
  });
});

describe('an ended meeting is ended', () => {
  const ended = () =>
    applySteps(day(), [
      [START, MC, 'meeting:start'],
      [START + MIN, SITE_A, 'queue:request', speak('1')],
      [START + 2 * MIN, MC, 'floor:give', {}],
      [START + 3 * MIN, MC, 'meeting:end'],
    ]);

  it('closes the turn on the floor and the queue, and lets go of the pinned question', () => {
    const s = ended();
    expect(s.queue).toMatchObject({ open: false, floor: null });
    expect(s.speeches.map((x) => x.endedAt)).toEqual([START + 3 * MIN]);
    expect(s.spotlight).toBeNull();
  });

  it.each<[CommandName, unknown]>([
    ['meeting:reset', {}],
    ['meeting:start', {}],
    ['agenda:add', { item: { title: 'Thêm' } }],
    ['agenda:update', { itemId: 'a', item: { title: 'Sửa' } }],
    ['agenda:remove', { itemId: 'c' }],
    ['agenda:move', { itemId: 'c', toIndex: 0 }],
    ['agenda:goto', { itemId: 'b' }],
    ['meeting:update', { details: { venue: 'Khác' } }],
    ['queue:settings', { open: true }],
    ['floor:give', {}],
    ['message:update', { text: 'x', visible: true }],
    ['questions:settings', { allowAnonymous: false }],
    ['video:settings', { openDiscussion: true }],
    ['contributions:set', { itemId: 'd', contributions: [] }],
  ])('refuses %s with a clear reason', (name, input) => {
    const s = ended();
    expect(refusal(() => applySteps(s, [[START + 4 * MIN, MC, name, input]]))).toBe('ended');
    expect(refusal(() => applySteps(s, [[START + 4 * MIN, SITE_A, 'queue:request', speak('9')]]))).toBe('ended');
  });

  it('the organiser may reopen it on purpose, the MC may not; the item that ran last goes on', () => {
    const s = ended();
    expect(refusal(() => applySteps(s, [[START + 5 * MIN, MC, 'meeting:reopen']]))).toBe('organiser_only');
    const reopened = applySteps(s, [[START + 5 * MIN, ADMIN, 'meeting:reopen']]);
    expect(reopened.live).toMatchObject({ status: 'live', endedAt: null, timer: { itemId: 'a', elapsedBeforeMs: 3 * MIN } });
    expect(reopened.queue.open).toBe(true);
    expect(refusal(() => applySteps(reopened, [[START + 6 * MIN, ADMIN, 'meeting:reopen']]))).toBe('not_ended');
  });
});

// ---------------------------------------------------------------- generated runs

type Step = { delayMs: number; actor: Actor; name: CommandName; input: unknown };
const ITEMS = ['a', 'b', 'd', 'e', 'c'];

const delay = fc.oneof(fc.integer({ min: 0, max: 5 * SEC }), fc.integer({ min: 0, max: 3 * MIN }));
const mc = (name: CommandName, input: unknown = {}) => ({ actor: MC, name, input });
const command = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(mc('agenda:next'), mc('agenda:previous')) },
  { weight: 3, arbitrary: fc.constantFrom(...ITEMS).map((itemId) => mc('agenda:goto', { itemId })) },
  { weight: 2, arbitrary: fc.constantFrom(mc('timer:pause'), mc('timer:resume'), mc('timer:adjust', { deltaMs: MIN }), mc('timer:adjust', { deltaMs: -MIN })) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(SITE_A, SITE_B, MC), fc.constantFrom('comment', 'question', 'urgent', 'response'), fc.integer({ min: 0, max: 30 }))
      .map(([actor, kind, n]) => ({ actor, name: 'queue:request' as const, input: speak(String(n), kind) })),
  },
  { weight: 4, arbitrary: fc.constantFrom(mc('floor:give', {}), mc('floor:end'), mc('floor:pause'), mc('floor:resume')) },
  { weight: 1, arbitrary: fc.constantFrom(mc('queue:settings', { open: false }), mc('queue:settings', { open: true })) },
  { weight: 1, arbitrary: fc.constantFrom(mc('agenda:update', { itemId: 'e', item: { plannedDurationMs: 5 * MIN } }), mc('agenda:move', { itemId: 'e', toIndex: 1 })) },
  { weight: 1, arbitrary: fc.constantFrom(mc('meeting:start'), mc('meeting:end'), { actor: ADMIN, name: 'meeting:reopen' as const, input: {} }, mc('meeting:reset')) },
);
const steps = fc.array(fc.record({ delayMs: delay, command }).map(({ delayMs, command: c }): Step => ({ delayMs, ...c })), { maxLength: 60 });

let ids = 0;
/** One command through its real schema at `now`; a refusal leaves the state as it was. */
function tryApply(s: MeetingState, now: number, step: Omit<Step, 'delayMs'>): { state: MeetingState; refused: string | null } {
  try {
    const input = Commands[step.name].parse(seenFloor(s, step.name, step.input as object)) as CommandInput<typeof step.name>;
    return { state: applyCommand(s, step.name, input, { now, newId: () => `g${(ids += 1)}`, actor: step.actor }), refused: null };
  } catch (error) {
    if (error instanceof DomainError) return { state: s, refused: error.reason };
    throw error;
  }
}

/** Time the item clocks show in total at `now`: every item's record, the current one read from its clock. */
function recorded(s: MeetingState, now: number): number {
  const current = s.live.timer;
  return Object.entries(s.actuals).reduce((sum, [id, a]) => sum + (current?.itemId === id ? elapsedMs(current, now) : a.elapsedMs), 0);
}

describe('generated meeting days', () => {
  it('actual durations add up to the time that ran; every turn sits under the item running when it was given; an ended meeting changes no more', () => {
    fc.assert(
      fc.property(steps, (run) => {
        let s = applySteps(day(), [[START, MC, 'meeting:start']]);
        let now = START;
        let ran = 0;
        for (const step of run) {
          const at = now + step.delayMs;
          if (s.live.timer && s.live.timer.startedAt !== null) ran += at - now;
          now = at;
          const { state: next, refused } = tryApply(s, now, step);
          if (s.live.status === 'ended' && step.name !== 'meeting:reopen') {
            expect(next, `${step.name} changed an ended meeting`).toBe(s);
            // A retried request stored before the end is answered as it was; anything else is refused.
            expect(refused === 'ended' || (step.name === 'queue:request' && refused === null)).toBe(true);
          }
          if (step.name === 'meeting:reset' && refused === null) ran = 0;
          if (step.name === 'floor:give' && refused === null && next.live.timer) expect(next.queue.floor!.entry.itemId).toBe(next.live.timer.itemId);
          const undone = (s.live.steps ?? []).filter((st) => !(next.live.steps ?? []).includes(st) && now - st.at <= SLIP_WINDOW_MS);
          if (undone.length > 0 && refused === null && step.name.startsWith('agenda:')) {
            // A slip taken back: its time goes to the item it left, or is not counted when that item's clock was paused.
            const shown = recorded(next, now);
            if (undone.every((st) => st.fromRunning)) expect(shown).toBe(ran);
            else expect(shown).toBeLessThanOrEqual(ran);
            ran = shown;
          }
          s = next;
          expect(recorded(s, now)).toBe(ran);
          for (const a of Object.values(s.actuals)) expect(a.elapsedMs).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a slip undone leaves no trace, whatever happened before it and during it', () => {
    const during = fc.array(
      fc.record({
        delayMs: fc.integer({ min: 0, max: 8 * SEC }),
        command: fc.oneof(
          fc.constantFrom(mc('timer:pause'), mc('timer:resume'), mc('floor:give', {}), mc('floor:end')),
          fc.tuple(fc.constantFrom(SITE_A, SITE_B), fc.integer({ min: 40, max: 60 })).map(([actor, n]) => ({ actor, name: 'queue:request' as const, input: speak(String(n)) })),
        ),
      }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(steps, during, fc.constantFrom<'agenda:next' | 'goto'>('agenda:next', 'goto'), fc.integer({ min: 0, max: 4 }), (history, meanwhile, how, gotoIndex) => {
        // Any history (with the slip window passed), then a move, what happens meanwhile, and back.
        let s = applySteps(day(), [[START, MC, 'meeting:start']]);
        let now = START;
        for (const step of history) s = tryApply(s, (now += step.delayMs), step).state;
        if (s.live.status !== 'live' || !s.live.timer) return;
        now += SLIP_WINDOW_MS + 1;
        const from = s.live.timer.itemId;
        const slipTo = how === 'goto' ? { name: 'agenda:goto' as const, input: { itemId: ITEMS[gotoIndex]! } } : { name: 'agenda:next' as const, input: {} };
        const moved = tryApply(s, now, { actor: MC, ...slipTo });
        const position = (id: string) => s.agenda.findIndex((i) => i.id === id);
        if (moved.refused !== null || position(moved.state.live.timer!.itemId) < position(from)) return;
        // Giving the floor to a contribution the move queued is not a slip any more.
        if (moved.state.live.steps!.at(-1)!.queued.length > 0 && meanwhile.some(({ command: c }) => c.name === 'floor:give')) return;
        let withSlip = moved.state;
        let without = s;
        let t = now;
        // From a paused item, the slip's clock runs while the item's stays paused: pressing pause or resume meanwhile means different things.
        const fromRunning = s.live.timer.startedAt !== null;
        for (const { delayMs, command: c } of meanwhile.filter(({ command: c }) => fromRunning || !c.name.startsWith('timer:'))) {
          t += delayMs;
          withSlip = tryApply(withSlip, t, c).state;
          without = tryApply(without, t, c).state;
        }
        t += SEC;
        const back = tryApply(withSlip, t, { actor: MC, name: 'agenda:goto', input: { itemId: from } });
        expect(back.refused).toBeNull();
        for (const at of [t, t + 7 * MIN]) expect(reading(back.state, at)).toEqual(reading(without, at));
      }),
      { numRuns: 300 },
    );
  });
});
