import { describe, expect, it } from 'vitest';
import { applyCommand, Commands, type MeetingState, plannedSchedule, project, vnInstant } from '@diemcau/shared';
import { DATE, item, MC, meeting, MIN, START } from './fixtures';

const at = (time: string) => vnInstant(DATE, time);

describe('plannedSchedule', () => {
  it('chains durations from the meeting start', () => {
    expect(plannedSchedule(meeting().details, meeting().agenda)).toEqual([
      { itemId: 'a', plannedStartAt: at('07:30'), plannedEndAt: at('07:40'), durationMs: 10 * MIN },
      { itemId: 'b', plannedStartAt: at('07:40'), plannedEndAt: at('07:55'), durationMs: 15 * MIN },
      { itemId: 'c', plannedStartAt: at('07:55'), plannedEndAt: at('08:00'), durationMs: 5 * MIN },
    ]);
  });

  it('a fixed start wins; an item without duration runs until the next fixed start', () => {
    const agenda = [
      item('a', { title: 'Đón tiếp', plannedStart: '07:30' }),
      item('b', { title: 'Khai mạc', plannedStart: '07:35', plannedDurationMs: 10 * MIN }),
      item('c', { title: 'Thảo luận' }),
    ];
    expect(plannedSchedule(meeting().details, agenda)).toEqual([
      { itemId: 'a', plannedStartAt: at('07:30'), plannedEndAt: at('07:35'), durationMs: 5 * MIN },
      { itemId: 'b', plannedStartAt: at('07:35'), plannedEndAt: at('07:45'), durationMs: 10 * MIN },
      { itemId: 'c', plannedStartAt: at('07:45'), plannedEndAt: at('07:45'), durationMs: null },
    ]);
  });
});

const step = (s: MeetingState, now: number, name: 'meeting:start' | 'agenda:next' | 'meeting:end') =>
  applyCommand(s, name, Commands[name].parse({}), { now, newId: () => 'x', actor: MC });

describe('project', () => {
  it('before the start the projection is the plan', () => {
    const p = project(meeting(), START - 60 * MIN);
    expect(p).toMatchObject({ plannedStartAt: START, plannedEndAt: at('08:00'), projectedEndAt: at('08:00'), offsetMs: 0 });
    expect(p.items.map((i) => i.progress)).toEqual(['upcoming', 'upcoming', 'upcoming']);
  });

  it('a meeting not started on time runs behind by the delay', () => {
    expect(project(meeting(), START + 7 * MIN).offsetMs).toBe(7 * MIN);
  });

  it('an item running long pushes the end: behind', () => {
    let s = step(meeting(), START, 'meeting:start');
    s = step(s, START + 13 * MIN, 'agenda:next'); // item a ran 13 of 10 minutes
    const p = project(s, START + 14 * MIN);
    expect(p.items[0]).toMatchObject({ progress: 'done', actualElapsedMs: 13 * MIN, overrunMs: 3 * MIN });
    expect(p.items[1]).toMatchObject({ progress: 'current', actualStartedAt: START + 13 * MIN, projectedEndAt: START + 28 * MIN });
    expect(p.items[2]).toMatchObject({ progress: 'upcoming', projectedStartAt: START + 28 * MIN, projectedEndAt: START + 33 * MIN });
    expect(p.offsetMs).toBe(3 * MIN);
  });

  it('an item finished early brings the end forward: ahead', () => {
    let s = step(meeting(), START, 'meeting:start');
    s = step(s, START + 6 * MIN, 'agenda:next');
    expect(project(s, START + 6 * MIN).offsetMs).toBe(-4 * MIN);
  });

  it('overtime of the current item counts as it grows', () => {
    const s = step(meeting(), START, 'meeting:start');
    expect(project(s, START + 12 * MIN).offsetMs).toBe(2 * MIN);
  });

  it('a jumped-over item is skipped and takes no time', () => {
    let s = step(meeting(), START, 'meeting:start');
    s = applyCommand(s, 'agenda:goto', { itemId: 'c' }, { now: START + 10 * MIN, newId: () => 'x', actor: MC });
    const p = project(s, START + 10 * MIN);
    expect(p.items.map((i) => i.progress)).toEqual(['done', 'skipped', 'current']);
    expect(p.offsetMs).toBe(-15 * MIN);
  });

  it('after the end the projection is the actual end', () => {
    let s = step(meeting(), START, 'meeting:start');
    s = step(s, START + 40 * MIN, 'meeting:end');
    const p = project(s, START + 90 * MIN);
    expect(p).toMatchObject({ projectedEndAt: START + 40 * MIN, offsetMs: 10 * MIN });
    expect(p.items.map((i) => i.progress)).toEqual(['done', 'skipped', 'skipped']);
  });
});
