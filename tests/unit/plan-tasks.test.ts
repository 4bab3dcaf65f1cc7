import { describe, expect, it } from 'vitest';
import { createMeetingFromPlan, CreateMeeting, MeetingTaskInput, taskUrgency, tasksByUrgency } from '@diemcau/shared';

describe('deadlines of the offices\' tasks', () => {
  it.each([
    ['2023-11-18', '2023-11-19', 'overdue'],
    ['2023-11-18', '2023-11-18', 'soon'],
    ['2023-11-18', '2023-11-15', 'soon'],
    ['2023-11-18', '2023-11-14', 'later'],
    ['2024-01-02', '2023-12-31', 'soon'],
    [null, '2023-11-18', 'undated'],
  ] as const)('a task due %s is %s on %s', (deadline, today, urgency) => {
    expect(taskUrgency({ deadline }, today)).toBe(urgency);
  });

  it('sorts by deadline, undated last, the plan\'s order kept among equals', () => {
    const tasks = [
      { id: 'a', deadline: null },
      { id: 'b', deadline: '2023-11-20' },
      { id: 'c', deadline: '2023-11-18' },
      { id: 'd', deadline: null },
      { id: 'e', deadline: '2023-11-18' },
    ];
    expect(tasksByUrgency(tasks).map((t) => t.id)).toEqual(['c', 'e', 'b', 'a', 'd']);
  });

  it('a task needs its text; the deadline is a date or nothing', () => {
    expect(MeetingTaskInput.safeParse({ task: '' }).success).toBe(false);
    expect(MeetingTaskInput.safeParse({ task: 'Gửi báo cáo', deadline: '18/11/2023' }).success).toBe(false);
    expect(MeetingTaskInput.parse({ task: 'Gửi báo cáo' })).toEqual({ unit: '', task: 'Gửi báo cáo', deadline: null, deadlineText: '' });
  });
});

describe('createMeetingFromPlan', () => {
  const source = { line: 1, text: '' };
  const input = {
    details: { title: 'Hội nghị thử', documentRef: '', organiser: '', date: '2023-11-24', startTime: '07:30', format: 'online' as const, venue: '', chair: '' },
    agenda: [
      { title: 'Khai mạc', presenter: null, startTime: '07:30', durationMinutes: 10, subItems: [], kind: 'opening' as const, source },
      { title: 'Thảo luận', presenter: 'Các điểm cầu', startTime: null, durationMinutes: null, subItems: ['x'.repeat(400)], kind: 'discussion' as const, source },
    ],
    contributions: [{ topic: 'Chuyển đổi số', unit: null, source }],
    tasks: [{ unit: null, task: 'Kiểm tra đường truyền', deadline: '2023-11-22', deadlineText: 'trước ngày 22/11/2023', source }],
  };

  it('gives a body the create schema accepts: durations in ms, long sub-points clipped, contributions under the chosen item', () => {
    const body = CreateMeeting.parse(createMeetingFromPlan({ ...input, contributionsItem: 1 }));
    expect(body.agenda.map((a) => [a.plannedStart, a.plannedDurationMs])).toEqual([
      ['07:30', 600_000],
      [null, null],
    ]);
    expect(body.agenda[1]!.subPoints[0]).toHaveLength(300);
    expect(body.contributions).toEqual([expect.objectContaining({ topic: 'Chuyển đổi số', unit: '', itemIndex: 1 })]);
    expect(body.tasks).toEqual([{ unit: '', task: 'Kiểm tra đường truyền', deadline: '2023-11-22', deadlineText: 'trước ngày 22/11/2023' }]);
  });

  it('no item chosen: no contributions', () => {
    expect(createMeetingFromPlan({ ...input, contributionsItem: null }).contributions).toEqual([]);
  });
});
