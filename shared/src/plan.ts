import { z } from './zod';
import { AgendaItemKind, LocalDate, LocalTime, MeetingFormat } from './schemas';

/**
 * What diemcau reads out of a meeting's plan document (KẾ HOẠCH): the meeting, its agenda, its
 * prepared contributions (tham luận) and the tasks of each office. Every value comes with the
 * source line it was read from, so the preview can show it; a value not in the document is
 * null (or empty) and is never guessed.
 *
 * Times are ISO 8601 with the +07:00 offset (`2023-11-24T07:30:00+07:00`), durations in whole
 * minutes, dates `YYYY-MM-DD`. Line numbers count from 1 over the extracted text (for a .docx
 * or .pdf, the text diemcau extracted from it; table cells are separated by tabs).
 */

/** Where a value came from: the line number in the extracted text and that line, trimmed. */
export const PlanSource = z.object({ line: z.number().int().min(1), text: z.string() });
export type PlanSource = z.infer<typeof PlanSource>;

/** ISO 8601 instant with the Vietnam offset, e.g. `2023-11-24T07:30:00+07:00`. */
export const VnIso = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+07:00$/, 'thời điểm phải có dạng YYYY-MM-DDTHH:mm:00+07:00');

/** The meeting fields that carry a source line in `PlanMeeting.sources`. */
export const PLAN_MEETING_FIELDS = [
  'title',
  'organiser',
  'documentNumber',
  'issuedOn',
  'startsAt',
  'endsAt',
  'format',
  'venue',
  'sites',
  'chair',
  'participants',
] as const;
export type PlanMeetingField = (typeof PLAN_MEETING_FIELDS)[number];

export const PlanMeeting = z.object({
  title: z.string().nullable(),
  organiser: z.string().nullable(),
  /** As printed after "Số:", e.g. `123/KH-SGDĐT`; a blank number of a draft reads `…/KH-SGDĐT`. */
  documentNumber: z.string().nullable(),
  /** The date of the "…, ngày … tháng … năm …" line; null when any part of it is blank. */
  issuedOn: LocalDate.nullable(),
  /** Local date of the meeting, also when no start time is given. */
  date: LocalDate.nullable(),
  /** Local start time `HH:mm`, also when no date is given. */
  startTime: LocalTime.nullable(),
  /** Start: set only when both the date and the time are in the document. */
  startsAt: VnIso.nullable(),
  /** End, when the document gives it (a time range, or the end of the agenda's last slot). */
  endsAt: VnIso.nullable(),
  format: MeetingFormat.nullable(),
  venue: z.string().nullable(),
  /** Named bridge sites (điểm cầu), host first when the document says which it is. */
  sites: z.array(z.string()),
  chair: z.string().nullable(),
  /** Participant groups (thành phần), one entry per group as the document lists them. */
  participants: z.array(z.string()),
  /**
   * A window the plan gives instead of one day ("từ ngày 05-20/9/2024"): `date` stays null until
   * a later notice fixes the day. Null when the plan names one day, or none.
   */
  window: z.object({ from: LocalDate, to: LocalDate }).nullable().default(null),
  /** The plan calls its date or time tentative ("dự kiến"). */
  tentative: z.boolean().default(false),
  /**
   * The sessions of a plan that holds several (visits to four districts, two rounds of a
   * training), each with its own date, start, venue and host; empty for a single meeting.
   */
  sessions: z
    .array(z.object({ label: z.string(), date: LocalDate.nullable(), startTime: LocalTime.nullable(), venue: z.string().nullable(), source: PlanSource }))
    .default([]),
  /** The line each found field came from; a field absent here was not found. */
  sources: z.partialRecord(z.enum(PLAN_MEETING_FIELDS), PlanSource),
});
export type PlanMeeting = z.infer<typeof PlanMeeting>;

export const PlanAgendaItem = z.object({
  title: z.string(),
  presenter: z.string().nullable(),
  /** Planned start (date and time); null when the document gives no time or no date. */
  startsAt: VnIso.nullable(),
  /** Planned start `HH:mm`, also when the meeting's date is unknown. */
  startTime: LocalTime.nullable(),
  /** From a written range (7h30' - 7h35' → 5); null when the document does not say. */
  durationMinutes: z.number().int().min(0).nullable(),
  subItems: z.array(z.string()),
  /** A guess from the title's words ("Báo cáo đề dẫn" → keynote), for the agenda's colours. */
  kind: AgendaItemKind,
  source: PlanSource,
});
export type PlanAgendaItem = z.infer<typeof PlanAgendaItem>;

export const PlanContribution = z.object({
  topic: z.string(),
  /** The unit that presents it; null when the document leaves it to registration. */
  unit: z.string().nullable(),
  source: PlanSource,
});
export type PlanContribution = z.infer<typeof PlanContribution>;

export const PlanTask = z.object({
  /** The office or person the task is given to; null when the sentence names none. */
  unit: z.string().nullable(),
  task: z.string(),
  /** A calendar deadline ("trước ngày 18/11/2023"); null when none or only a relative one. */
  deadline: LocalDate.nullable(),
  /** The deadline as written, also a relative one ("trước 05 ngày"); null when none. */
  deadlineText: z.string().nullable(),
  source: PlanSource,
});
export type PlanTask = z.infer<typeof PlanTask>;

/** The whole result of reading one plan: what `npm run plan:import` prints and the preview shows. */
export const PlanImport = z.object({
  /** Null when the document holds no meeting (a warning says why). */
  meeting: PlanMeeting.nullable(),
  agenda: z.array(PlanAgendaItem),
  contributions: z.array(PlanContribution),
  tasks: z.array(PlanTask),
  /** What the reader should check or fill in, in Vietnamese. */
  warnings: z.array(z.string()),
});
export type PlanImport = z.infer<typeof PlanImport>;

/** A preview answer of the server: the result, or why the file could not be read at all. */
export type PlanPreview = { ok: true; plan: PlanImport; lineCount: number } | { ok: false; message: string };
