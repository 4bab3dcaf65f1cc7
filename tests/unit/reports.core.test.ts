import { describe, expect, it } from 'vitest';
import { buildReport, MeetingReport, REPORT_NAMES, reportCharts, timelineStepMs } from '@diemcau/shared';
import { applySteps, MC, meeting, MIN, START } from './fixtures';
import { at, ranMeeting, report, SITES } from './report-fixtures';

describe('planned vs actual', () => {
  it('per item: start delay, run time (pauses excluded), time added, overrun; the meeting ran 4 min behind', () => {
    const { schedule } = report();
    expect(schedule.items.map((i) => [i.position, i.progress, i.startDelayMs! / MIN, i.actualMs! / MIN, i.plannedMs! / MIN, i.overrunMs! / MIN, i.addedMs / MIN])).toEqual([
      [1, 'done', 2, 12, 10, 2, 0],
      [2, 'done', 4, 12, 15, -3, 1],
      [3, 'done', 1, 6, 5, 1, 0],
    ]);
    expect(schedule.items[0]).toMatchObject({ actualStartedAt: at('07:32'), actualEndedAt: at('07:44'), plannedStartAt: at('07:30') });
    expect(schedule.items[2]).toMatchObject({ actualStartedAt: at('07:56'), actualEndedAt: at('08:04'), plannedStartAt: at('07:55') });
    expect(schedule).toMatchObject({
      plannedStartAt: at('07:30'),
      plannedEndAt: at('08:00'),
      actualStartedAt: at('07:32'),
      actualEndedAt: at('08:04'),
      plannedMs: 30 * MIN,
      actualMs: 30 * MIN,
      itemsOverrunMs: 0,
      offsetMs: 4 * MIN,
      itemsDone: 3,
      itemsOver: 2,
      itemsSkipped: 0,
    });
  });

  it('while live: the current item so far, overrun only once past its plan, the end projected', () => {
    const live = applySteps(meeting(), [
      [START, MC, 'meeting:start'],
      [START + 13 * MIN, MC, 'agenda:next'],
    ]);
    const { schedule, status } = report(live, START + 20 * MIN);
    expect(status).toBe('live');
    expect(schedule.items.map((i) => [i.progress, i.actualMs === null ? null : i.actualMs / MIN, i.overrunMs === null ? null : i.overrunMs / MIN])).toEqual([
      ['done', 13, 3],
      ['current', 7, 0],
      ['upcoming', null, null],
    ]);
    // b has 8 of its 15 minutes left at 07:50, then c's 5: 08:03 instead of 08:00.
    expect(schedule.offsetMs).toBe(3 * MIN);
    expect(schedule.actualEndedAt).toBeNull();
  });

  it('an item passed over counts as skipped; a meeting not started is on time with nothing run', () => {
    const skipped = applySteps(meeting(), [
      [START, MC, 'meeting:start'],
      [START + 10 * MIN, MC, 'agenda:goto', { itemId: 'c' }],
      [START + 15 * MIN, MC, 'meeting:end'],
    ]);
    expect(report(skipped).schedule).toMatchObject({ itemsDone: 2, itemsSkipped: 1, offsetMs: -15 * MIN });
    expect(report(skipped).schedule.items[1]).toMatchObject({ progress: 'skipped', actualMs: null, overrunMs: null, startDelayMs: null });
    const planned = report(meeting()).schedule;
    expect(planned).toMatchObject({ offsetMs: 0, actualMs: 0, itemsDone: 0, actualStartedAt: null });
    expect(planned.items.every((i) => i.progress === 'upcoming')).toBe(true);
  });
});

describe('attendance over time', () => {
  it('from 30 min before the start to the end, minute by minute; earlier events count in the first point', () => {
    const { attendance } = report();
    expect(attendance.stepMs).toBe(MIN);
    expect(attendance.points).toHaveLength(65); // 07:00 … 08:04
    const point = (time: string) => attendance.points.find((p) => p.at === at(time));
    expect(point('07:00')).toEqual({ at: at('07:00'), connected: 1, checkedIn: 0 });
    expect(point('07:05')).toMatchObject({ connected: 1, checkedIn: 1 });
    expect(point('07:26')).toMatchObject({ connected: 3, checkedIn: 2 });
    expect(point('07:40')).toMatchObject({ connected: 2, checkedIn: 2 });
    expect(point('07:45')).toMatchObject({ connected: 3, checkedIn: 2 });
    expect(attendance.points.at(-1)).toEqual({ at: at('08:04'), connected: 3, checkedIn: 2 });
    expect(attendance).toMatchObject({ peakConnected: 3, peakAt: at('07:25'), sites: 3, checkedIn: 2, peoplePresent: 15, peopleExpected: 20 });
  });

  it('totals per group, a site without a group under "Chưa phân nhóm"', () => {
    expect(report().attendance.groups).toEqual([
      { group: 'Phòng GDĐT', sites: 2, checkedIn: 1, peoplePresent: 10, peopleExpected: 20 },
      { group: REPORT_NAMES.noGroup, sites: 1, checkedIn: 1, peoplePresent: 5, peopleExpected: 0 },
    ]);
  });

  it('an end off the minute gets its own last point', () => {
    const state = ranMeeting();
    const endedAt = at('08:04') + 30_000;
    const { attendance } = report({ ...state, live: { ...state.live, endedAt } });
    expect(attendance.points.at(-2)!.at).toBe(at('08:04'));
    expect(attendance.points.at(-1)).toEqual({ at: endedAt, connected: 3, checkedIn: 2 });
  });

  it.each([
    [0, 1],
    [119 * MIN, 1],
    [120 * MIN, 2],
    [8 * 60 * MIN, 5],
    [3 * 24 * 60 * MIN, 60],
  ])('a span of %i ms is drawn in steps of %i min', (span, step) => {
    expect(timelineStepMs(span)).toBe(step * MIN);
  });
});

describe('speaking time', () => {
  it('per kind (every kind, zeros included) and per site, longest first; the turn still on the floor counts up to the end', () => {
    const { speaking } = report();
    expect(speaking.totalMs).toBe(19 * MIN);
    expect(speaking.turns).toBe(3);
    expect(speaking.byKind.map((k) => [k.kind, k.ms / MIN, k.turns])).toEqual([
      ['urgent', 0, 0],
      ['response', 5, 1],
      ['contribution', 11, 1],
      ['comment', 3, 1],
      ['question', 0, 0],
    ]);
    expect(speaking.bySite.map((s) => [s.name, s.ms / MIN, s.turns])).toEqual([
      ['Phòng GDĐT huyện Yên Thế', 11, 1],
      [REPORT_NAMES.hall, 5, 1],
      ['Phòng GDĐT huyện Lục Ngạn', 3, 1],
    ]);
    expect(speaking.bySite[0]!.byKind).toEqual({ contribution: 11 * MIN });
    expect(speaking.speeches.map((s) => [s.speaker, s.itemTitle, s.startedAt])).toEqual([
      ['Nguyễn Văn An', 'Báo cáo đề dẫn', at('07:45')],
      ['Phó Giám đốc Sở', 'Báo cáo đề dẫn', at('07:48')],
      ['Lê Thị Hoa', 'Báo cáo đề dẫn', at('07:53')],
    ]);
  });

  it('a removed site is named as such', () => {
    const sites = SITES.filter((s) => s.id !== 'siteA');
    const { speaking } = buildReport({ meetingId: 'm1', state: ranMeeting(), sites, attendanceEvents: [], questions: [], now: at('09:00') });
    expect(speaking.bySite.at(-1)!.name).toBe(REPORT_NAMES.removedSite);
  });
});

describe('questions', () => {
  it('by status and by office (settings order, then a removed office, then not routed); a merged group counts once', () => {
    const { questions } = report();
    expect(questions).toMatchObject({ total: 4, submissions: 5, byStatus: { pending: 1, approved: 1, rejected: 1, answered: 1 } });
    expect(questions.byOffice.map((o) => [o.name, o.total, o.submissions, o.answered, o.pending, o.approved, o.rejected])).toEqual([
      ['Văn phòng', 2, 3, 1, 1, 0, 0],
      ['Phòng GDTrH', 0, 0, 0, 0, 0, 0],
      [REPORT_NAMES.removedOffice, 1, 1, 0, 0, 0, 1],
      [REPORT_NAMES.notRouted, 1, 1, 0, 0, 1, 0],
    ]);
    expect(questions.byCategory).toEqual([
      { category: 'Câu hỏi', total: 2 },
      { category: 'Kiến nghị', total: 1 },
      { category: 'Tâm tư, nguyện vọng', total: 0 },
      { category: 'Góp ý', total: 0 },
      { category: 'Khác', total: 1 },
    ]);
  });
});

describe('the report payload and its charts', () => {
  it('matches its schema and survives JSON', () => {
    const built = report();
    expect(MeetingReport.parse(JSON.parse(JSON.stringify(built)))).toEqual(built);
  });

  it('one chart per section with Vietnamese titles; the overrun bar in red, minutes as values', () => {
    const charts = reportCharts(report());
    expect(charts.map((c) => c.name)).toEqual(['schedule', 'attendance', 'speakingBySite', 'speakingByKind', 'questionsByOffice']);
    const schedule = charts[0]!.option as { title: { subtext: string }; series: { data: ({ value: number; itemStyle: { color: string } } | number | null)[] }[] };
    expect(schedule.title.subtext).toBe('Chậm 4 phút so với kế hoạch');
    expect(schedule.series[0]!.data).toEqual([10, 15, 5]);
    expect(schedule.series[1]!.data.map((d) => (d as { value: number }).value)).toEqual([12, 12, 6]);
    expect(schedule.series[1]!.data.map((d) => (d as { itemStyle: { color: string } }).itemStyle.color)).toEqual(['#c0392b', '#1f5fa8', '#c0392b']);
  });

  it('charts with nothing to show are left out', () => {
    const empty = buildReport({ meetingId: 'm1', state: meeting(), sites: [], attendanceEvents: [], questions: [], now: START });
    expect(reportCharts(empty).map((c) => c.name)).toEqual(['schedule']);
  });
});
