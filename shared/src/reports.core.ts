import { type AttendanceEvent, attendanceTimeline } from './attendance.core';
import type { QuestionStatus } from './questions';
import type {
  MeetingReport,
  ReportAttendance,
  ReportAttendanceGroup,
  ReportItem,
  ReportOffice,
  ReportQuestions,
  ReportSchedule,
  ReportSiteSpeaking,
  ReportSpeaking,
  ReportSpeech,
  ReportStatusCounts,
} from './reports';
import { project } from './schedule';
import type { MeetingState } from './schemas';
import { type Speech, SpeechKind } from './speakers';
import { elapsedMs } from './timer';
import { MINUTE_MS } from './time';

/** Names the report gives to what has none of its own. */
export const REPORT_NAMES = {
  hall: 'Tại hội trường',
  removedSite: 'Điểm cầu đã xóa',
  notRouted: 'Chưa chuyển phòng, ban',
  removedOffice: 'Phòng, ban đã xóa',
  noGroup: 'Chưa phân nhóm',
} as const;

/** What the report needs of a site. */
export type ReportSiteInput = { id: string; name: string; group: string; checkedInAt: number | null; headcount: number | null; expectedHeadcount: number | null };
/** What the report needs of a question row. */
export type ReportQuestionInput = { status: QuestionStatus; officeId: string | null; category: string; mergedInto: string | null; mergedCount: number };

export type ReportInput = {
  meetingId: string;
  state: MeetingState;
  sites: readonly ReportSiteInput[];
  attendanceEvents: readonly AttendanceEvent[];
  questions: readonly ReportQuestionInput[];
  now: number;
};

/** Most points an attendance timeline has: steps grow (1, 2, 5, 10… minutes) to stay under it. */
export const MAX_TIMELINE_POINTS = 120;
const STEPS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 240, 720, 1440];
/** The timeline starts at most this long before the meeting (earlier events count in its first point). */
export const TIMELINE_LEAD_MS = 30 * MINUTE_MS;

/** The end of the report's window: when the meeting ended, else now. */
const reportEnd = (state: MeetingState, now: number) => state.live.endedAt ?? now;

/** Planned vs actual per agenda item, and the meeting's totals, at `now`. */
export function scheduleReport(state: MeetingState, now: number): ReportSchedule {
  const projection = project(state, now);
  const items = projection.items.map((p, index): ReportItem => {
    const item = state.agenda[index]!;
    const actual = state.actuals[item.id];
    const addedMs = p.progress === 'current' && state.live.timer ? state.live.timer.addedMs : (actual?.addedMs ?? 0);
    const ran = p.progress === 'done' || p.progress === 'current';
    return {
      itemId: item.id,
      position: index + 1,
      title: item.title,
      kind: item.kind,
      presenter: item.presenter,
      plannedStartAt: p.plannedStartAt,
      plannedMs: p.durationMs,
      actualStartedAt: ran ? p.actualStartedAt : null,
      actualEndedAt: p.progress === 'done' ? (actual?.endedAt ?? null) : null,
      actualMs: ran ? p.actualElapsedMs : null,
      addedMs,
      overrunMs: ran ? p.overrunMs : null,
      startDelayMs: ran && p.actualStartedAt !== null ? p.actualStartedAt - p.plannedStartAt : null,
      progress: p.progress,
    };
  });
  const sum = (values: (number | null)[]) => values.reduce<number>((total, v) => total + (v ?? 0), 0);
  return {
    plannedStartAt: projection.plannedStartAt,
    plannedEndAt: projection.plannedEndAt,
    actualStartedAt: state.live.startedAt,
    actualEndedAt: state.live.status === 'ended' ? state.live.endedAt : null,
    plannedMs: sum(items.map((i) => i.plannedMs)),
    actualMs: sum(items.map((i) => i.actualMs)),
    itemsOverrunMs: sum(items.map((i) => i.overrunMs)),
    offsetMs: state.live.status === 'scheduled' ? 0 : projection.offsetMs,
    itemsDone: items.filter((i) => i.progress === 'done').length,
    itemsOver: items.filter((i) => i.overrunMs !== null && i.overrunMs > 0).length,
    itemsSkipped: items.filter((i) => i.progress === 'skipped').length,
    items,
  };
}

/** The smallest step (whole minutes from STEPS_MIN) that keeps `spanMs` within MAX_TIMELINE_POINTS points. */
export function timelineStepMs(spanMs: number): number {
  const minutes = STEPS_MIN.find((m) => spanMs / (m * MINUTE_MS) < MAX_TIMELINE_POINTS) ?? STEPS_MIN.at(-1)!;
  return minutes * MINUTE_MS;
}

/**
 * Sites connected and checked in from shortly before the meeting (TIMELINE_LEAD_MS before the
 * planned or actual start, or the first event if later) to its end (or now), on whole minutes,
 * with a last point at the end itself; totals and groups from the sites' rows.
 */
export function attendanceReport(state: MeetingState, sites: readonly ReportSiteInput[], events: readonly AttendanceEvent[], now: number): ReportAttendance {
  const plannedStartAt = project(state, now).plannedStartAt;
  const windowStart = Math.min(plannedStartAt, state.live.startedAt ?? plannedStartAt) - TIMELINE_LEAD_MS;
  const firstEvent = events.reduce<number | null>((first, e) => (first === null || e.at < first ? e.at : first), null);
  const rawFrom = Math.max(windowStart, Math.min(firstEvent ?? windowStart, reportEnd(state, now)));
  const from = rawFrom - (rawFrom % MINUTE_MS);
  const to = Math.max(from, reportEnd(state, now));
  const stepMs = timelineStepMs(to - from);
  const points = attendanceTimeline(events, from, to, stepMs);
  if (points.at(-1)!.at < to) points.push(...attendanceTimeline(events, to, to, stepMs));
  const peak = points.reduce((best, p) => (p.connected > best.connected ? p : best), points[0]!);

  const groups = new Map<string, ReportAttendanceGroup>();
  for (const site of sites) {
    const name = site.group || REPORT_NAMES.noGroup;
    const group = groups.get(name) ?? { group: name, sites: 0, checkedIn: 0, peoplePresent: 0, peopleExpected: 0 };
    group.sites += 1;
    if (site.checkedInAt !== null) group.checkedIn += 1;
    group.peoplePresent += site.headcount ?? 0;
    group.peopleExpected += site.expectedHeadcount ?? 0;
    groups.set(name, group);
  }
  const all = [...groups.values()];
  const total = (key: 'sites' | 'checkedIn' | 'peoplePresent' | 'peopleExpected') => all.reduce((sum, g) => sum + g[key], 0);
  return {
    sites: total('sites'),
    checkedIn: total('checkedIn'),
    peoplePresent: total('peoplePresent'),
    peopleExpected: total('peopleExpected'),
    peakConnected: peak.connected,
    peakAt: peak.connected > 0 ? peak.at : null,
    stepMs,
    points,
    groups: all,
  };
}

/**
 * Speaking time per kind (every kind, queue order) and per site (longest first), from the
 * finished turns plus the turn on the floor at the report's end (a meeting ended with someone
 * still holding the floor counts that turn up to the end).
 */
export function speakingReport(state: MeetingState, sites: readonly ReportSiteInput[], now: number): ReportSpeaking {
  const names = new Map(sites.map((s) => [s.id, s.name]));
  const items = new Map(state.agenda.map((i) => [i.id, i.title]));
  const floor = state.queue.floor;
  const turns: Speech[] = [...state.speeches];
  if (floor) {
    const end = reportEnd(state, now);
    turns.push({ ...floor.entry, startedAt: floor.startedAt, endedAt: end, elapsedMs: elapsedMs(floor.timer, end) });
  }
  const siteName = (siteId: string | null) => (siteId === null ? REPORT_NAMES.hall : (names.get(siteId) ?? REPORT_NAMES.removedSite));

  const kinds = new Map(SpeechKind.options.map((kind) => [kind, { kind, ms: 0, turns: 0 }]));
  const bySite = new Map<string, ReportSiteSpeaking>();
  const speeches: ReportSpeech[] = [];
  for (const turn of turns) {
    const kind = kinds.get(turn.kind)!;
    kind.ms += turn.elapsedMs;
    kind.turns += 1;
    const key = turn.siteId ?? '';
    const site = bySite.get(key) ?? { siteId: turn.siteId, name: siteName(turn.siteId), ms: 0, turns: 0, byKind: {} };
    site.ms += turn.elapsedMs;
    site.turns += 1;
    site.byKind[turn.kind] = (site.byKind[turn.kind] ?? 0) + turn.elapsedMs;
    bySite.set(key, site);
    speeches.push({
      id: turn.id,
      kind: turn.kind,
      siteName: siteName(turn.siteId),
      speaker: turn.speaker,
      speakerTitle: turn.speakerTitle,
      topic: turn.topic,
      itemTitle: turn.itemId === null ? '' : (items.get(turn.itemId) ?? ''),
      startedAt: turn.startedAt,
      elapsedMs: turn.elapsedMs,
      plannedMs: turn.plannedMs,
    });
  }
  return {
    totalMs: turns.reduce((sum, t) => sum + t.elapsedMs, 0),
    turns: turns.length,
    byKind: [...kinds.values()],
    bySite: [...bySite.values()].sort((a, b) => b.ms - a.ms || a.name.localeCompare(b.name, 'vi')),
    speeches: speeches.sort((a, b) => a.startedAt - b.startedAt),
  };
}

const noStatuses = (): ReportStatusCounts => ({ pending: 0, approved: 0, rejected: 0, answered: 0 });

/**
 * Questions by status and by office (the settings' offices in order even when empty, then
 * those routed to a removed office, then those not routed, both only when there are any) and
 * by category. An entry others were merged into counts once; `submissions` counts them all.
 */
export function questionsReport(state: MeetingState, questions: readonly ReportQuestionInput[]): ReportQuestions {
  const entries = questions.filter((q) => q.mergedInto === null);
  const known = new Set(state.questions.offices.map((o) => o.id));
  const office = (officeId: string | null, name: string): ReportOffice => ({ officeId, name, total: 0, submissions: 0, ...noStatuses() });
  const offices = new Map<string | null, ReportOffice>(state.questions.offices.map((o) => [o.id, office(o.id, o.name)]));
  const categories = new Map(state.questions.categories.map((c) => [c, 0]));
  const byStatus = noStatuses();
  for (const q of entries) {
    byStatus[q.status] += 1;
    const key = q.officeId === null ? null : known.has(q.officeId) ? q.officeId : '';
    const row = offices.get(key) ?? office(key, key === null ? REPORT_NAMES.notRouted : REPORT_NAMES.removedOffice);
    row.total += 1;
    row.submissions += q.mergedCount;
    row[q.status] += 1;
    offices.set(key, row);
    categories.set(q.category, (categories.get(q.category) ?? 0) + 1);
  }
  const tail = [offices.get(''), offices.get(null)].filter((o): o is ReportOffice => o !== undefined);
  return {
    total: entries.length,
    submissions: entries.reduce((sum, q) => sum + q.mergedCount, 0),
    byStatus,
    byOffice: [...state.questions.offices.map((o) => offices.get(o.id)!), ...tail],
    byCategory: [...categories].map(([category, total]) => ({ category, total })),
  };
}

/** The whole report of a meeting at `now` (an ended meeting's report no longer changes with `now`). */
export function buildReport(input: ReportInput): MeetingReport {
  const { state, now } = input;
  const d = state.details;
  return {
    meetingId: input.meetingId,
    generatedAt: now,
    status: state.live.status,
    details: { title: d.title, organiser: d.organiser, documentRef: d.documentRef, date: d.date, startTime: d.startTime, format: d.format, venue: d.venue, chair: d.chair },
    schedule: scheduleReport(state, now),
    attendance: attendanceReport(state, input.sites, input.attendanceEvents, now),
    speaking: speakingReport(state, input.sites, now),
    questions: questionsReport(state, input.questions),
  };
}
