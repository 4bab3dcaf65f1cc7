import { z } from './zod';
import { AgendaItemKind, MeetingFormat, MeetingStatus } from './schemas';
import { SpeechKind } from './speakers';

/**
 * The meeting report (báo cáo sau hội nghị): planned vs actual per agenda item, attendance over
 * time, speaking time per site and kind, questions by office and status. Times are epoch ms,
 * durations ms. Built by `buildReport` (reports.core.ts); the page and the record's charts read it.
 */

/** How an agenda item went: run to its end, running now, passed over without being run, not reached yet. */
export const ReportItemProgress = z.enum(['done', 'current', 'skipped', 'upcoming']);
export type ReportItemProgress = z.infer<typeof ReportItemProgress>;

export const ReportItem = z.object({
  itemId: z.string(),
  /** 1-based, as the programme numbers it (TT). */
  position: z.number().int().min(1),
  title: z.string(),
  kind: AgendaItemKind,
  presenter: z.string(),
  plannedStartAt: z.number(),
  /** Planned run time; null for an item that counts up. */
  plannedMs: z.number().nullable(),
  actualStartedAt: z.number().nullable(),
  actualEndedAt: z.number().nullable(),
  /** Run time (pauses excluded); for the current item, so far. */
  actualMs: z.number().nullable(),
  /** Time the MC added (+) or took off (−) on the item's clock. */
  addedMs: z.number(),
  /** Actual minus planned run time: positive ran long, negative short; null without both. */
  overrunMs: z.number().nullable(),
  /** Actual start minus planned start: positive started late. */
  startDelayMs: z.number().nullable(),
  progress: ReportItemProgress,
});
export type ReportItem = z.infer<typeof ReportItem>;

export const ReportSchedule = z.object({
  plannedStartAt: z.number(),
  plannedEndAt: z.number(),
  actualStartedAt: z.number().nullable(),
  /** When the meeting ended; null while it runs or before it started. */
  actualEndedAt: z.number().nullable(),
  /** Sum of the planned run times of items with a plan. */
  plannedMs: z.number(),
  /** Sum of the run times of items that ran. */
  actualMs: z.number(),
  /** Sum of the items' overruns (long minus short), over items with a plan that ran. */
  itemsOverrunMs: z.number(),
  /** End (actual, or projected while live) minus planned end: positive behind, negative ahead. */
  offsetMs: z.number(),
  /** Items run / with a plan that ran longer than planned / skipped. */
  itemsDone: z.number().int(),
  itemsOver: z.number().int(),
  itemsSkipped: z.number().int(),
  items: z.array(ReportItem),
});
export type ReportSchedule = z.infer<typeof ReportSchedule>;

export const ReportAttendancePoint = z.object({ at: z.number(), connected: z.number().int(), checkedIn: z.number().int() });
export type ReportAttendancePoint = z.infer<typeof ReportAttendancePoint>;

export const ReportAttendanceGroup = z.object({
  group: z.string(),
  sites: z.number().int(),
  checkedIn: z.number().int(),
  peoplePresent: z.number().int(),
  peopleExpected: z.number().int(),
});
export type ReportAttendanceGroup = z.infer<typeof ReportAttendanceGroup>;

export const ReportAttendance = z.object({
  sites: z.number().int(),
  checkedIn: z.number().int(),
  peoplePresent: z.number().int(),
  peopleExpected: z.number().int(),
  /** Most sites connected at one step of the timeline, and the first step it was reached. */
  peakConnected: z.number().int(),
  peakAt: z.number().nullable(),
  stepMs: z.number().int(),
  points: z.array(ReportAttendancePoint),
  groups: z.array(ReportAttendanceGroup),
});
export type ReportAttendance = z.infer<typeof ReportAttendance>;

export const ReportKindTotal = z.object({ kind: SpeechKind, ms: z.number(), turns: z.number().int() });
export type ReportKindTotal = z.infer<typeof ReportKindTotal>;

export const ReportSiteSpeaking = z.object({
  /** null: speakers in the hall (no site). */
  siteId: z.string().nullable(),
  name: z.string(),
  ms: z.number(),
  turns: z.number().int(),
  /** Milliseconds per kind (kinds without a turn absent). */
  byKind: z.partialRecord(SpeechKind, z.number()),
});
export type ReportSiteSpeaking = z.infer<typeof ReportSiteSpeaking>;

export const ReportSpeech = z.object({
  id: z.string(),
  kind: SpeechKind,
  siteName: z.string(),
  speaker: z.string(),
  speakerTitle: z.string(),
  topic: z.string(),
  itemTitle: z.string(),
  startedAt: z.number(),
  elapsedMs: z.number(),
  plannedMs: z.number(),
});
export type ReportSpeech = z.infer<typeof ReportSpeech>;

export const ReportSpeaking = z.object({
  totalMs: z.number(),
  turns: z.number().int(),
  /** Every kind, in the queue's order, with zeros. */
  byKind: z.array(ReportKindTotal),
  /** Longest total first. */
  bySite: z.array(ReportSiteSpeaking),
  /** Every turn, oldest first. */
  speeches: z.array(ReportSpeech),
});
export type ReportSpeaking = z.infer<typeof ReportSpeaking>;

const statusCounts = z.object({ pending: z.number().int(), approved: z.number().int(), rejected: z.number().int(), answered: z.number().int() });
export type ReportStatusCounts = z.infer<typeof statusCounts>;

export const ReportOffice = statusCounts.extend({
  /** null: not routed to an office; '' : routed to an office removed since. */
  officeId: z.string().nullable(),
  name: z.string(),
  total: z.number().int(),
  /** Submissions it stands for, those merged into its entries included. */
  submissions: z.number().int(),
});
export type ReportOffice = z.infer<typeof ReportOffice>;

export const ReportQuestions = z.object({
  /** Entries (a merged group counts once). */
  total: z.number().int(),
  /** Every submission, merged ones included. */
  submissions: z.number().int(),
  byStatus: statusCounts,
  /** Offices in the settings' order (even without questions), then a removed office, then not routed. */
  byOffice: z.array(ReportOffice),
  byCategory: z.array(z.object({ category: z.string(), total: z.number().int() })),
});
export type ReportQuestions = z.infer<typeof ReportQuestions>;

export const MeetingReport = z.object({
  meetingId: z.string(),
  generatedAt: z.number(),
  status: MeetingStatus,
  details: z.object({
    title: z.string(),
    organiser: z.string(),
    documentRef: z.string(),
    date: z.string(),
    startTime: z.string(),
    format: MeetingFormat,
    venue: z.string(),
    chair: z.string(),
  }),
  schedule: ReportSchedule,
  attendance: ReportAttendance,
  speaking: ReportSpeaking,
  questions: ReportQuestions,
});
export type MeetingReport = z.infer<typeof MeetingReport>;

