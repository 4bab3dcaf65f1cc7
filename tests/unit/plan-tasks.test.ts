import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createMeetingFromPlan, CreateMeeting, MeetingTaskInput, parsePlanText, taskUrgency, tasksByUrgency } from '@diemcau/shared';

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

describe('the unit a task names is read whole', () => {
  const plan = (body: string) =>
    parsePlanText(`SỞ GIÁO DỤC VÀ ĐÀO TẠO\n\nKẾ HOẠCH\nTổ chức Hội nghị sơ kết học kỳ I\n\nI. THỜI GIAN, ĐỊA ĐIỂM\n- Thời gian: 8 giờ 00 ngày 15/01/2025.\n- Địa điểm: Hội trường Sở.\n\nII. TỔ CHỨC THỰC HIỆN\n${body}\n\nNơi nhận:\n- Lưu: VT.\n`);
  // Names with lower-case words of every kind: words that are also unit types (trường, tổ, phòng),
  // verbs inside a name (chấp hành, đăng cai), lists with "và" and commas.
  const HEADS = ['Trường', 'Ban', 'Bộ phận', 'Các tổ', 'Phòng', 'Tổ', 'Hội đồng', 'Các trường', 'Văn phòng', 'Các Phòng'];
  const WORDS = ['đăng cai', 'chuyên môn', 'Chấp hành', 'Công đoàn', 'Thi đua', 'khen thưởng', 'GDĐT', 'tiểu học', 'trong cụm', 'và các trường', ', Tổ Văn phòng', 'huyện Lê Chân', 'thuộc Sở'];
  const VERBS = ['chuẩn bị hội trường', 'phối hợp trang trí khánh tiết', 'gửi báo cáo về Phòng', 'chủ trì tổng hợp ý kiến', 'tổ chức hội nghị cấp tổ', 'xây dựng thể lệ'];
  it('whatever words the name holds, up to the verb of the task', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.constantFrom(...HEADS), fc.uniqueArray(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 3 }), fc.constantFrom(...VERBS), fc.constantFrom('1. ', '- ', ''), (head, words, verb, marker) => {
        const unit = [head, ...words].join(' ').replace(/ ,/g, ',');
        const tasks = plan(`${marker}${unit} ${verb}, hoàn thành trước ngày 10/01/2025.`).tasks;
        expect(tasks.map((t) => [t.unit, t.deadline])).toEqual([[unit, '2025-01-10']]);
      }),
      { numRuns: 300 },
    );
  });

  it('a task that starts with its verb names no unit ("Tổ chức …" is not the unit "Tổ")', () => {
    expect(plan('1. Tổ chức hội nghị cấp tổ và chuẩn bị báo cáo trước ngày 10/01/2025.').tasks.map((t) => t.unit)).toEqual([null]);
  });
});
