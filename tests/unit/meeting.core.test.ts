import { describe, expect, it } from 'vitest';
import {
  changedKeys,
  type CommandName,
  type MeetingState,
  patchFor,
  readTimer,
  shiftPlan,
  viewFor,
} from '@diemcau/shared';
import { applySteps, item, MC, meeting, MIN, refusal, START } from './fixtures';

/** Applies MC commands in order at the given times. */
const run = (state: MeetingState, steps: [number, CommandName, unknown?][]): MeetingState => applySteps(state, steps.map(([now, name, input]) => [now, MC, name, input] as const));


describe('navigation', () => {
  it('start enters the first item with a running clock', () => {
    const s = run(meeting(), [[START, 'meeting:start']]);
    expect(s.live).toMatchObject({ status: 'live', startedAt: START, timer: { itemId: 'a', startedAt: START, elapsedBeforeMs: 0 } });
    expect(s.actuals.a).toEqual({ startedAt: START, endedAt: null, elapsedMs: 0, addedMs: 0 });
  });

  it('next closes the current item with its actual run time', () => {
    const s = run(meeting(), [
      [START, 'meeting:start'],
      [START + 12 * MIN, 'agenda:next'],
    ]);
    expect(s.actuals.a).toEqual({ startedAt: START, endedAt: START + 12 * MIN, elapsedMs: 12 * MIN, addedMs: 0 });
    expect(s.live.timer).toMatchObject({ itemId: 'b', startedAt: START + 12 * MIN });
  });

  it('previous resumes the earlier item where it stopped, with its added time', () => {
    const s = run(meeting(), [
      [START, 'meeting:start'],
      [START + MIN, 'timer:adjust', { deltaMs: 5 * MIN }],
      [START + 4 * MIN, 'agenda:next'],
      [START + 7 * MIN, 'agenda:previous'],
    ]);
    expect(s.live.timer).toMatchObject({ itemId: 'a', elapsedBeforeMs: 4 * MIN, addedMs: 5 * MIN, startedAt: START + 7 * MIN });
    expect(readTimer(s.live.timer!, 10 * MIN, s.agenda[0]!, START + 8 * MIN).remainingMs).toBe(10 * MIN);
    expect(s.actuals.a).toMatchObject({ startedAt: START, endedAt: null });
  });

  it('goto jumps to any item', () => {
    const s = run(meeting(), [
      [START, 'meeting:start'],
      [START + MIN, 'agenda:goto', { itemId: 'c' }],
    ]);
    expect(s.live.timer?.itemId).toBe('c');
  });

  it('end closes the current item and stops the clock', () => {
    const s = run(meeting(), [
      [START, 'meeting:start'],
      [START + 3 * MIN, 'meeting:end'],
    ]);
    expect(s.live).toMatchObject({ status: 'ended', endedAt: START + 3 * MIN, timer: null });
    expect(s.actuals.a?.endedAt).toBe(START + 3 * MIN);
  });

  it('reset returns to the plan and forgets what ran', () => {
    const s = run(meeting(), [
      [START, 'meeting:start'],
      [START + 3 * MIN, 'agenda:next'],
      [START + 4 * MIN, 'meeting:reset'],
    ]);
    expect(s.live).toEqual({ status: 'scheduled', startedAt: null, endedAt: null, timer: null });
    expect(s.actuals).toEqual({});
  });

  it('start with shiftPlan moves the plan to now, fixed item starts too', () => {
    const base = meeting();
    const withFixed = { ...base, agenda: base.agenda.with(2, { ...base.agenda[2]!, plannedStart: '07:55' }) };
    const s = run(withFixed, [[START + 90 * MIN + 20_000, 'meeting:start', { shiftPlan: true }]]);
    expect(s.details).toMatchObject({ date: '2023-11-24', startTime: '09:00' });
    expect(s.agenda[2]!.plannedStart).toBe('09:25');
  });

  it('shiftPlan crosses midnight onto the next date', () => {
    const m = meeting();
    expect(shiftPlan(m.details, m.agenda, START + 17 * 60 * MIN).details).toMatchObject({ date: '2023-11-25', startTime: '00:30' });
  });

  const refusals: { name: string; state: () => MeetingState; step: [number, CommandName, unknown?]; reason: string }[] = [
    { name: 'next before start', state: meeting, step: [START, 'agenda:next'], reason: 'not_started' },
    { name: 'start twice', state: () => run(meeting(), [[START, 'meeting:start']]), step: [START, 'meeting:start'], reason: 'already_live' },
    { name: 'start an empty agenda', state: () => meeting({ agenda: [] }), step: [START, 'meeting:start'], reason: 'empty_agenda' },
    { name: 'next past the last item', state: () => run(meeting(), [[START, 'meeting:start'], [START, 'agenda:goto', { itemId: 'c' }]]), step: [START, 'agenda:next'], reason: 'last_item' },
    { name: 'previous on the first item', state: () => run(meeting(), [[START, 'meeting:start']]), step: [START, 'agenda:previous'], reason: 'first_item' },
    { name: 'goto an unknown item', state: () => run(meeting(), [[START, 'meeting:start']]), step: [START, 'agenda:goto', { itemId: 'zz' }], reason: 'item_not_found' },
    { name: 'goto the current item', state: () => run(meeting(), [[START, 'meeting:start']]), step: [START, 'agenda:goto', { itemId: 'a' }], reason: 'already_current' },
    { name: 'next after the end', state: () => run(meeting(), [[START, 'meeting:start'], [START, 'meeting:end']]), step: [START, 'agenda:next'], reason: 'ended' },
    { name: 'pause twice', state: () => run(meeting(), [[START, 'meeting:start'], [START, 'timer:pause']]), step: [START, 'timer:pause'], reason: 'already_paused' },
    { name: 'resume a running clock', state: () => run(meeting(), [[START, 'meeting:start']]), step: [START, 'timer:resume'], reason: 'already_running' },
    { name: 'pause before start', state: meeting, step: [START, 'timer:pause'], reason: 'not_started' },
    { name: 'remove the current item', state: () => run(meeting(), [[START, 'meeting:start']]), step: [START, 'agenda:remove', { itemId: 'a' }], reason: 'remove_current' },
    { name: 'move beyond the end', state: meeting, step: [START, 'agenda:move', { itemId: 'a', toIndex: 3 }], reason: 'bad_index' },
    { name: 'insert beyond the end', state: meeting, step: [START, 'agenda:add', { item: { title: 'x' }, index: 4 }], reason: 'bad_index' },
    { name: 'remove more time than planned', state: () => run(meeting(), [[START, 'meeting:start']]), step: [START, 'timer:adjust', { deltaMs: -11 * MIN }], reason: 'below_zero' },
    { name: 'show an empty message', state: meeting, step: [START, 'message:update', { visible: true }], reason: 'empty_message' },
    { name: 'flash an empty message', state: meeting, step: [START, 'message:flash'], reason: 'empty_message' },
    { name: 'reset a meeting that never ran', state: meeting, step: [START, 'meeting:reset'], reason: 'nothing_to_reset' },
  ];
  it.each(refusals)('refuses: $name', ({ state, step, reason }) => {
    expect(refusal(() => run(state(), [step]))).toBe(reason);
  });

  it('refuses adding time to a count-up item', () => {
    const m = meeting({ agenda: [item('a', { title: 'Thảo luận' })] });
    expect(refusal(() => run(m, [[START, 'meeting:start'], [START, 'timer:adjust', { deltaMs: MIN }]]))).toBe('count_up_item');
  });
});

describe('pause, resume and time', () => {
  it('pause freezes the clock; resume continues from the same elapsed', () => {
    const s = run(meeting(), [
      [START, 'meeting:start'],
      [START + 2 * MIN, 'timer:pause'],
      [START + 20 * MIN, 'timer:resume'],
    ]);
    expect(s.live.timer).toEqual({ itemId: 'a', startedAt: START + 20 * MIN, elapsedBeforeMs: 2 * MIN, addedMs: 0 });
  });
});

describe('editing the agenda', () => {
  it('adds at a position with a new id and defaults', () => {
    const s = run(meeting(), [[START, 'agenda:add', { item: { title: 'Giải lao', kind: 'break', plannedDurationMs: 10 * MIN }, index: 1 }]]);
    expect(s.agenda.map((i) => i.title)).toEqual(['Khai mạc', 'Giải lao', 'Báo cáo đề dẫn', 'Bế mạc']);
    expect(s.agenda[1]).toMatchObject({ kind: 'break', warningMs: 2 * MIN, dangerMs: 30_000, subPoints: [], notes: '' });
    expect(s.agenda[1]!.id).toMatch(/^n\d+$/);
  });

  it('updates only the fields sent', () => {
    const s = run(meeting(), [[START, 'agenda:update', { itemId: 'b', item: { presenter: 'PGĐ Sở' } }]]);
    expect(s.agenda[1]).toMatchObject({ title: 'Báo cáo đề dẫn', presenter: 'PGĐ Sở', plannedDurationMs: 15 * MIN });
  });

  it('moves and removes', () => {
    const s = run(meeting(), [
      [START, 'agenda:move', { itemId: 'c', toIndex: 0 }],
      [START, 'agenda:remove', { itemId: 'a' }],
    ]);
    expect(s.agenda.map((i) => i.id)).toEqual(['c', 'b']);
  });
});

describe('views and patches', () => {
  it('screens see neither MC notes nor a hidden message', () => {
    const s = run(meeting(), [
      [START, 'agenda:update', { itemId: 'a', item: { notes: 'chỉ MC đọc' } }],
      [START, 'message:update', { text: 'Còn 2 phút' }],
    ]);
    const screen = viewFor(s, 'screen');
    expect(screen.agenda[0]).not.toHaveProperty('notes');
    expect(screen.message).toEqual({ text: '', visible: false, flashAt: null });
    expect(viewFor(s, 'control').message.text).toBe('Còn 2 phút');
  });

  it('a patch carries only the keys the command changed', () => {
    const before = run(meeting(), [[START, 'meeting:start']]);
    const after = run(before, [[START + MIN, 'timer:pause']]);
    const keys = changedKeys(before, after);
    expect(keys).toEqual(['live']);
    expect(Object.keys(patchFor(after, keys, 'screen'))).toEqual(['live']);
    // the public page shows neither the clock nor the agenda: its patch is empty
    expect(patchFor(after, keys, 'public')).toEqual({});
  });

  it('the public page sees its header and the questions settings only', () => {
    const s = run(meeting(), [
      [START, 'meeting:start'],
      [START, 'message:update', { text: 'Còn 2 phút', visible: true }],
    ]);
    const view = viewFor(s, 'public');
    expect(view.details).toMatchObject({ title: s.details.title, date: s.details.date, startTime: s.details.startTime, chair: '', participants: [] });
    expect([view.agenda, view.speeches, view.contributions, view.queue.entries, view.message.text, view.live.timer]).toEqual([[], [], [], [], '', null]);
    expect(view.questions).toEqual(s.questions);
    expect(Object.keys(view).sort()).toEqual(Object.keys(viewFor(s, 'screen')).sort());
  });

  it('flash shows the message and stamps the server time', () => {
    const s = run(meeting(), [
      [START, 'message:update', { text: 'Xin mời kết luận' }],
      [START + 5000, 'message:flash'],
    ]);
    expect(viewFor(s, 'screen').message).toEqual({ text: 'Xin mời kết luận', visible: true, flashAt: START + 5000 });
  });
});
