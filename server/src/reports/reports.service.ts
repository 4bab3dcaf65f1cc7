import { type AttendanceEventKind, buildReport, type MeetingReport, type QuestionStatus } from '@diemcau/shared';
import type { Db } from '../db/database';
import type { Clock } from '../lib/clock';
import type { MeetingService } from '../meetings/meetings.service';

/**
 * The meeting report from what is stored: the meeting's document (agenda, actuals, speeches),
 * its sites and attendance events, its questions. Reads only the columns the report counts, so a
 * meeting of 3,000 sites and thousands of questions stays a few small queries.
 */
export function reportsService(deps: { db: Db; meetings: MeetingService; clock: Clock }) {
  const { db } = deps;
  return {
    /** The report at the server's now, or null when the meeting does not exist. */
    async report(meetingId: string): Promise<MeetingReport | null> {
      const meeting = await deps.meetings.load(meetingId, true);
      if (!meeting) return null;
      const [sites, events, questions] = await Promise.all([
        db
          .selectFrom('sites')
          .select(['id', 'name', 'group_name', 'checked_in_at', 'headcount', 'expected_headcount'])
          .where('meeting_id', '=', meetingId)
          .orderBy('position')
          .execute(),
        db.selectFrom('attendance_events').select(['site_id', 'kind', 'at']).where('meeting_id', '=', meetingId).orderBy('at').execute(),
        db.selectFrom('questions').select(['status', 'office_id', 'category', 'merged_into', 'merged_count']).where('meeting_id', '=', meetingId).execute(),
      ]);
      return buildReport({
        meetingId,
        state: meeting.state,
        sites: sites.map((s) => ({ id: s.id, name: s.name, group: s.group_name, checkedInAt: s.checked_in_at, headcount: s.headcount, expectedHeadcount: s.expected_headcount })),
        attendanceEvents: events.map((e) => ({ siteId: e.site_id, kind: e.kind as AttendanceEventKind, at: e.at })),
        questions: questions.map((q) => ({ status: q.status as QuestionStatus, officeId: q.office_id, category: q.category, mergedInto: q.merged_into, mergedCount: q.merged_count })),
        now: deps.clock.now(),
      });
    },
  };
}

export type ReportsService = ReturnType<typeof reportsService>;
