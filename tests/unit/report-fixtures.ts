import { type Actor, type AttendanceEvent, buildReport, type MeetingState, type ReportQuestionInput, type ReportSiteInput, vnInstant } from '@diemcau/shared';
import { applySteps, DATE, MC, meeting, MIN, START } from './fixtures';

export const SITE_A: Actor = { role: 'site', siteId: 'siteA' };
export const SITE_B: Actor = { role: 'site', siteId: 'siteB' };
export const at = (time: string) => vnInstant(DATE, time);

/**
 * The fixture meeting (a 10, b 15, c 5 min: 07:30–08:00) run by hand:
 * 07:32 start (a) · 07:44 next (b; +1 min added at 07:46) · 07:56 next (c) · paused 07:57–07:59 · 08:04 end.
 * Floor: site A comment 07:45–07:48 (3 min), the hall's reply 07:48–07:53 (5 min), site B's
 * tham luận from 07:53 still on the floor when the meeting ends (11 min).
 */
export function ranMeeting(): MeetingState {
  const state = meeting({ questions: { ...meeting().questions, offices: [{ id: 'o1', name: 'Văn phòng' }, { id: 'o2', name: 'Phòng GDTrH' }] } });
  return applySteps(state, [
    [START + 2 * MIN, MC, 'meeting:start'],
    [START + 14 * MIN, MC, 'agenda:next'],
    [START + 15 * MIN, SITE_A, 'queue:request', { requestId: 'req-a-000001', kind: 'comment', speaker: 'Nguyễn Văn An' }],
    [START + 15 * MIN, MC, 'floor:give'],
    [START + 16 * MIN, MC, 'timer:adjust', { deltaMs: MIN }],
    [START + 18 * MIN, MC, 'queue:request', { requestId: 'req-h-000001', kind: 'response', speaker: 'Phó Giám đốc Sở' }],
    [START + 18 * MIN, MC, 'floor:give'],
    [START + 20 * MIN, SITE_B, 'queue:request', { requestId: 'req-b-000001', kind: 'contribution', speaker: 'Lê Thị Hoa', topic: 'Chuyển đổi số' }],
    [START + 23 * MIN, MC, 'floor:give'],
    [START + 26 * MIN, MC, 'agenda:next'],
    [START + 27 * MIN, MC, 'timer:pause'],
    [START + 29 * MIN, MC, 'timer:resume'],
    [START + 34 * MIN, MC, 'meeting:end'],
  ]);
}

export const SITES: ReportSiteInput[] = [
  { id: 'siteA', name: 'Phòng GDĐT huyện Lục Ngạn', group: 'Phòng GDĐT', checkedInAt: at('07:05'), headcount: 10, expectedHeadcount: 12 },
  { id: 'siteB', name: 'Phòng GDĐT huyện Yên Thế', group: 'Phòng GDĐT', checkedInAt: null, headcount: null, expectedHeadcount: 8 },
  { id: 'siteC', name: 'Trường THPT Ngô Sĩ Liên', group: '', checkedInAt: at('07:26'), headcount: 5, expectedHeadcount: null },
];

export const EVENTS: AttendanceEvent[] = [
  { siteId: 'siteA', kind: 'connected', at: at('06:50') },
  { siteId: 'siteA', kind: 'checked_in', at: at('07:05') },
  { siteId: 'siteB', kind: 'connected', at: at('07:20') },
  { siteId: 'siteC', kind: 'connected', at: at('07:25') },
  { siteId: 'siteC', kind: 'checked_in', at: at('07:26') },
  { siteId: 'siteB', kind: 'disconnected', at: at('07:40') },
  { siteId: 'siteB', kind: 'connected', at: at('07:45') },
];

const q = (status: ReportQuestionInput['status'], officeId: string | null, category: string, mergedInto: string | null = null, mergedCount = 1): ReportQuestionInput => ({
  status,
  officeId,
  category,
  mergedInto,
  mergedCount,
});
export const QUESTIONS: ReportQuestionInput[] = [
  q('answered', 'o1', 'Câu hỏi', null, 2),
  q('pending', 'o1', 'Câu hỏi', 'q1'),
  q('pending', 'o1', 'Kiến nghị'),
  q('approved', null, 'Câu hỏi'),
  q('rejected', 'gone', 'Khác'),
];

/** The report of the fixture meeting (by default the one run by hand, at 09:00). */
export const report = (state = ranMeeting(), now = at('09:00')) => buildReport({ meetingId: 'm1', state, sites: SITES, attendanceEvents: EVENTS, questions: QUESTIONS, now });

