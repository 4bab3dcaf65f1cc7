import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createMeetingFromPlan, CreateMeeting, deriveDeadline, findDeadline, MeetingTaskInput, parsePlanText, relativeDeadlineOf, taskDeadline, taskUrgency, tasksByUrgency, withDeadlines } from '@diemcau/shared';

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
    expect(MeetingTaskInput.parse({ task: 'Gửi báo cáo' })).toEqual({ unit: '', task: 'Gửi báo cáo', deadline: null, deadlineText: '', relative: null });
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
    expect(body.tasks).toEqual([{ unit: '', task: 'Kiểm tra đường truyền', deadline: '2023-11-22', deadlineText: 'trước ngày 22/11/2023', relative: null }]);
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

describe('deadlines relative to the meeting', () => {
  it.each([
    ['trước 05 ngày', { days: 5, after: false, workingDays: false }],
    ['trước khi tổ chức Hội nghị 03 ngày', { days: 3, after: false, workingDays: false }],
    ['chậm nhất 02 ngày trước Hội nghị', { days: 2, after: false, workingDays: false }],
    ['sau Hội nghị 05 ngày', { days: 5, after: true, workingDays: false }],
    ['trước 03 ngày làm việc', { days: 3, after: false, workingDays: true }],
    ['trong vòng 5 ngày làm việc kể từ ngày kết thúc Hội nghị', { days: 5, after: true, workingDays: true }],
    ['01 tuần trước Hội nghị', { days: 7, after: false, workingDays: false }],
    ['trước hai ngày', { days: 2, after: false, workingDays: false }],
    ['trước khi tổ chức Hội nghị', { days: 0, after: false, workingDays: false }],
    ['trước ngày 18/11/2023', null],
    ['trong tháng 11', null],
    ['thường xuyên', null],
  ])('relativeDeadlineOf(%j)', (text, rule) => {
    expect(relativeDeadlineOf(text)).toEqual(rule);
  });

  it.each([
    ['Gửi báo cáo về Sở chậm nhất 02 ngày trước Hội nghị.', 'chậm nhất 02 ngày trước Hội nghị'],
    ['Nộp tham luận trước khi tổ chức Hội nghị 03 ngày.', 'trước khi tổ chức Hội nghị 03 ngày'],
    ['Gửi biên bản sau Hội nghị 05 ngày làm việc.', 'sau Hội nghị 05 ngày làm việc'],
    ['Gửi danh sách trước 05 ngày (tính đến ngày tổ chức).', 'trước 05 ngày (tính đến ngày tổ chức)'],
    ['Hoàn thành trước khi tổ chức Hội nghị.', 'trước khi tổ chức Hội nghị'],
  ])('the plan\'s wording is kept as the deadline: %j', (task, text) => {
    expect(findDeadline(task, 2025)).toEqual({ deadline: null, text });
  });

  const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  const weekday = (date: string) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

  it('any meeting date, any offset: the derived date is the meeting date less (or plus) that many days', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 366 }), fc.boolean(), (date, n, after) => {
        expect(days(date, deriveDeadline(date, { days: n, after, workingDays: false }))).toBe(after ? n : 0 - n || 0);
      }),
    );
  });

  it('in working days: the date is a weekday and exactly that many weekdays lie between it and the meeting', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 60 }), fc.boolean(), (date, n, after) => {
        const due = deriveDeadline(date, { days: n, after, workingDays: true });
        expect(weekday(due)).toBe(true);
        const between = Array.from({ length: Math.abs(days(date, due)) }, (_, k) => {
          const at = Date.parse(`${date}T00:00:00Z`) + (after ? k + 1 : -k - 1) * 86_400_000;
          return weekday(new Date(at).toISOString().slice(0, 10));
        }).filter(Boolean).length;
        expect(between).toBe(n);
      }),
    );
  });

  it('moves with the meeting: a date moved by k days moves every calendar-day deadline by k days; a calendar deadline stays', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -60, max: 60 }), fc.integer({ min: 0, max: 30 }), fc.boolean(), (date, k, n, after) => {
        const moved = deriveDeadline(date, { days: k < 0 ? -k : k, after: k >= 0, workingDays: false });
        const task = { deadline: null, relative: { days: n, after, workingDays: false } };
        expect(days(taskDeadline(task, { date }).date!, taskDeadline(task, { date: moved }).date!)).toBe(k);
        expect(taskDeadline({ deadline: '2024-05-02', relative: null }, { date: moved })).toEqual({ date: '2024-05-02', derived: false, tentative: false });
      }),
    );
  });

  it('a tentative meeting date gives a tentative deadline; no meeting date gives none', () => {
    const task = { deadline: null, relative: { days: 5, after: false, workingDays: false } };
    expect(taskDeadline(task, { date: '2025-01-15', dateTentative: true })).toEqual({ date: '2025-01-10', derived: true, tentative: true });
    expect(taskDeadline(task, { date: null })).toEqual({ date: null, derived: false, tentative: false });
    expect(withDeadlines([{ ...task, id: 'a' }], { date: '2025-01-15' })[0]).toMatchObject({ deadline: '2025-01-10', due: { derived: true, tentative: false } });
  });

  it('a meeting made from the plan keeps the rule, and its tentative date', () => {
    const plan = parsePlanText(
      'SỞ GIÁO DỤC VÀ ĐÀO TẠO\n\nKẾ HOẠCH\nTổ chức Hội nghị sơ kết học kỳ I\n\nI. THỜI GIAN, ĐỊA ĐIỂM\n- Thời gian: 8 giờ 00 ngày 15/01/2025 (dự kiến).\n- Địa điểm: Hội trường Sở.\n\nII. TỔ CHỨC THỰC HIỆN\n1. Các trường gửi báo cáo chậm nhất 02 ngày trước Hội nghị.\n',
    );
    const body = CreateMeeting.parse(
      createMeetingFromPlan({
        details: { title: 'x', documentRef: '', organiser: '', date: '2025-01-15', startTime: '08:00', format: 'hybrid', venue: '', chair: '', dateTentative: plan.meeting!.tentative },
        agenda: [],
        contributions: [],
        contributionsItem: null,
        tasks: plan.tasks,
      }),
    );
    expect(body.details.dateTentative).toBe(true);
    expect(body.tasks[0]).toMatchObject({ unit: 'Các trường', deadline: null, relative: { days: 2, after: false, workingDays: false } });
    expect(taskDeadline(body.tasks[0]!, body.details)).toEqual({ date: '2025-01-13', derived: true, tentative: true });
  });
});
