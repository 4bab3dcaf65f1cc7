import { z } from './zod';

// ---------------------------------------------------------------- building blocks

const text = (max: number) => z.string().trim().max(max, `tối đa ${max} ký tự`);
const requiredText = (max: number) => text(max).min(1, 'không được để trống');

/** Local date in Vietnam, `YYYY-MM-DD`. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'ngày phải có dạng YYYY-MM-DD');
export type LocalDate = z.infer<typeof LocalDate>;

/** Local wall-clock time in Vietnam, `HH:mm` (24 h). */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'giờ phải có dạng HH:mm (24 giờ)');
export type LocalTime = z.infer<typeof LocalTime>;

const DAY_MS = 86_400_000;
/** A duration in ms: whole, non-negative, at most one day. */
export const DurationMs = z.number().int().min(0).max(DAY_MS, 'tối đa 24 giờ');

export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'mã không hợp lệ');
export type Id = z.infer<typeof Id>;

/** A meeting revision the client last saw; sent with non-commutative commands. */
export const Rev = z.number().int().min(0);

// ---------------------------------------------------------------- meeting

export const MeetingFormat = z.enum(['in_person', 'online', 'hybrid']);
export type MeetingFormat = z.infer<typeof MeetingFormat>;

const detailsFields = {
  title: requiredText(300),
  documentRef: text(120),
  organiser: text(200),
  date: LocalDate,
  startTime: LocalTime,
  format: MeetingFormat,
  venue: text(300),
  chair: text(200),
  /** The date is tentative ("dự kiến", or chosen in a window the plan leaves open): deadlines derived from it are too. */
  dateTentative: z.boolean(),
};

export const MeetingDetails = z.object({
  ...detailsFields,
  documentRef: detailsFields.documentRef.default(''),
  organiser: detailsFields.organiser.default(''),
  format: MeetingFormat.default('hybrid'),
  venue: detailsFields.venue.default(''),
  chair: detailsFields.chair.default(''),
  /** Participant and guest groups (thành phần) as the plan lists them; they go into the minutes. */
  participants: z.array(text(500)).max(50).default([]),
  dateTentative: detailsFields.dateTentative.default(false),
});
export type MeetingDetails = z.infer<typeof MeetingDetails>;

export const AgendaItemKind = z.enum([
  'reception', // đón tiếp đại biểu
  'formalities', // tuyên bố lý do, giới thiệu đại biểu
  'opening', // khai mạc
  'keynote', // báo cáo đề dẫn
  'report', // báo cáo
  'contribution', // tham luận
  'discussion', // thảo luận, giải trình
  'directive', // phát biểu chỉ đạo
  'awards', // khen thưởng
  'break', // giải lao
  'closing', // bế mạc, kết thúc
  'other',
]);
export type AgendaItemKind = z.infer<typeof AgendaItemKind>;

export const DEFAULT_WARNING_MS = 120_000;
export const DEFAULT_DANGER_MS = 30_000;

const itemFields = {
  title: requiredText(300),
  presenter: text(200),
  kind: AgendaItemKind,
  /** Fixed planned start, local `HH:mm`; null follows the previous item. */
  plannedStart: LocalTime.nullable(),
  /** Planned duration; null counts up (or runs until the next fixed start). */
  plannedDurationMs: DurationMs.nullable(),
  warningMs: DurationMs,
  dangerMs: DurationMs,
  subPoints: z.array(requiredText(300)).max(30, 'tối đa 30 ý'),
  notes: text(2000),
};

/** What a person types for an agenda item; the server adds the id. */
export const AgendaItemInput = z.object({
  ...itemFields,
  presenter: itemFields.presenter.default(''),
  kind: itemFields.kind.default('other'),
  plannedStart: itemFields.plannedStart.default(null),
  plannedDurationMs: itemFields.plannedDurationMs.default(null),
  warningMs: itemFields.warningMs.default(DEFAULT_WARNING_MS),
  dangerMs: itemFields.dangerMs.default(DEFAULT_DANGER_MS),
  subPoints: itemFields.subPoints.default([]),
  notes: itemFields.notes.default(''),
});

/** A change to some fields of an item or of the details: no defaults, absent means unchanged. */
export const AgendaItemPatch = z.object(itemFields).partial();
export type AgendaItemPatch = z.infer<typeof AgendaItemPatch>;
export const MeetingDetailsPatch = z.object(detailsFields).partial();
export type MeetingDetailsPatch = z.infer<typeof MeetingDetailsPatch>;
export type AgendaItemInput = z.input<typeof AgendaItemInput>;

export const AgendaItem = AgendaItemInput.extend({ id: Id });
export type AgendaItem = z.infer<typeof AgendaItem>;

export const MAX_AGENDA_ITEMS = 200;

export { Timer } from './timer.schema';
import { Timer } from './timer.schema';
import { Contribution, EMPTY_QUEUE, Queue, Speech } from './speakers';
import { DEFAULT_QUESTION_SETTINGS, QuestionSettings, Spotlight } from './questions';
import { ContributionInput } from './speakers';
import { MAX_MEETING_TASKS, MeetingTask, MeetingTaskInput } from './tasks';
import { DEFAULT_VIDEO_SETTINGS, VideoSettings } from './video';
import { Conclusion } from './conclusions';

export const MeetingStatus = z.enum(['scheduled', 'live', 'ended']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

/** What actually happened to an item: first start, last end, run time and time added. */
export const Actual = z.object({
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  elapsedMs: z.number(),
  addedMs: z.number(),
});
export type Actual = z.infer<typeof Actual>;

/**
 * One move of the MC to another item, kept for a short while so that going back undoes it as
 * if it never happened (a key slip): the item left, what the item entered had run before, and
 * the prepared contributions its entry queued.
 */
export const AgendaStep = z.object({
  itemId: z.string(),
  fromItemId: z.string(),
  /** Whether the item left had its clock running: undone, it runs on (or stays paused, the slip's time not counted). */
  fromRunning: z.boolean(),
  at: z.number(),
  before: Actual.nullable(),
  queued: z.array(z.string()),
});
export type AgendaStep = z.infer<typeof AgendaStep>;

export const Live = z.object({
  status: MeetingStatus,
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  /** The clock of the current item; null before the first item and after the end. */
  timer: Timer.nullable(),
  /** The MC's latest moves, newest last, while they can still be undone (see `SLIP_WINDOW_MS`). */
  steps: z.array(AgendaStep).max(20).optional(),
});
export type Live = z.infer<typeof Live>;


/** The message from the MC to the speaker / screens. `flashAt` (server ms) makes screens blink. */
export const StageMessage = z.object({
  text: z.string(),
  visible: z.boolean(),
  flashAt: z.number().nullable(),
});
export type StageMessage = z.infer<typeof StageMessage>;

/** The whole persisted document of a meeting (one row, one revision). */
export const MeetingState = z.object({
  details: MeetingDetails,
  agenda: z.array(AgendaItem),
  live: Live,
  actuals: z.record(z.string(), Actual),
  message: StageMessage,
  /** Requests to speak and who has the floor (absent in meetings stored before the queue existed). */
  queue: Queue.default(EMPTY_QUEUE),
  /** Finished turns, oldest first. */
  speeches: z.array(Speech).default([]),
  /** Prepared contributions (tham luận) of the agenda items. */
  contributions: z.array(Contribution).default([]),
  /** Tasks of the offices from the plan (Tổ chức thực hiện), with deadlines: reminders on the MC console. */
  tasks: z.array(MeetingTask).default([]),
  /** When and how questions are taken, their categories and the offices they go to. */
  questions: QuestionSettings.default(DEFAULT_QUESTION_SETTINGS),
  /** The question pinned to the projector. */
  spotlight: Spotlight.nullable().default(null),
  /** Who may publish on the video bridge besides the floor. */
  video: VideoSettings.default(DEFAULT_VIDEO_SETTINGS),
  /** Conclusions (kết luận) noted per agenda item and per contribution, in the order first noted: for the minutes. */
  conclusions: z.array(Conclusion).default([]),
});
export type MeetingState = z.infer<typeof MeetingState>;

// ---------------------------------------------------------------- roles and views

/**
 * Who holds a link. `moderator` handles questions only; `office` answers the questions
 * routed to one office; `public` is the QR page anyone may open.
 */
export const Role = z.enum(['admin', 'mc', 'projector', 'site', 'leadership', 'moderator', 'office', 'public']);
export type Role = z.infer<typeof Role>;

/**
 * Audiences share one encoded broadcast each: control (MC, organiser) sees the whole
 * meeting; screens (projector, site pages, leadership, moderators, offices) see what a screen
 * shows; the public QR page sees only what it shows — the meeting's title, organiser, date,
 * start and venue, and how questions are taken (no agenda, speakers, sites or floor).
 */
export type Audience = 'control' | 'screen' | 'public';

export const audienceOf = (role: Role): Audience => (role === 'admin' || role === 'mc' ? 'control' : role === 'public' ? 'public' : 'screen');

/** Roles that see every site's attendance. */
export const seesAttendance = (role: Role): boolean => role === 'admin' || role === 'mc' || role === 'leadership';

/** Roles that moderate questions: every question, status, routing, merging, pinning. */
export const moderatesQuestions = (role: Role): boolean => role === 'admin' || role === 'mc' || role === 'moderator';

/** An agenda item as a screen sees it (no MC notes). */
export type ScreenAgendaItem = Omit<AgendaItem, 'notes'>;

export type ControlView = MeetingState;
export type ScreenView = {
  details: MeetingDetails;
  agenda: ScreenAgendaItem[];
  live: Live;
  actuals: Record<string, Actual>;
  message: StageMessage;
  queue: Queue;
  speeches: Speech[];
  contributions: Contribution[];
  /** Always empty: the offices' tasks are for the organisers, not for screens. */
  tasks: MeetingTask[];
  questions: QuestionSettings;
  spotlight: Spotlight | null;
  video: VideoSettings;
  /** Always empty: conclusions are drafts for the minutes, kept for the organisers. */
  conclusions: Conclusion[];
};
export type MeetingView = ControlView | ScreenView;
export type ViewKey = keyof MeetingState;
export type ViewPatch = Partial<MeetingView>;

/** Links and codes of a meeting, shown to the MC and the organiser only. */
export type MeetingAccess = {
  meetingId: string;
  code: string;
  mcToken: string;
  mcPin: string;
  projectorToken: string;
  leadershipToken: string;
};

export type MeetingSnapshot = {
  meetingId: string;
  rev: number;
  role: Role;
  /** The site this connection acts for (site links only). */
  siteId: string | null;
  /** The office this connection answers for (office inbox links only). */
  officeId?: string | null;
  serverNow: number;
  view: MeetingView;
};

export type MeetingChange = {
  meetingId: string;
  rev: number;
  patch: ViewPatch;
};

export type MeetingSummary = {
  id: string;
  code: string;
  rev: number;
  title: string;
  organiser: string;
  date: string;
  startTime: string;
  format: MeetingFormat;
  status: MeetingStatus;
  agendaCount: number;
  updatedAt: number;
};

// ---------------------------------------------------------------- HTTP bodies

/** A prepared contribution of a new meeting: `itemIndex` is the position of its item in `agenda`. */
export const CreateContribution = ContributionInput.extend({ itemIndex: z.number().int().min(0) });

export const CreateMeeting = z
  .object({
    details: MeetingDetails,
    agenda: z.array(AgendaItemInput).max(MAX_AGENDA_ITEMS).default([]),
    /** Prepared contributions (tham luận), e.g. from the plan's annex; optional. */
    contributions: z.array(CreateContribution).max(MAX_AGENDA_ITEMS).default([]),
    /** The offices' tasks with deadlines, e.g. from the plan; optional. */
    tasks: z.array(MeetingTaskInput).max(MAX_MEETING_TASKS).default([]),
  })
  .superRefine((meeting, ctx) => {
    meeting.contributions.forEach((c, i) => {
      if (c.itemIndex >= meeting.agenda.length) {
        ctx.addIssue({ code: 'custom', path: ['contributions', i, 'itemIndex'], message: 'tham luận phải thuộc một mục của chương trình' });
      }
    });
  });
export type CreateMeeting = z.input<typeof CreateMeeting>;

/**
 * Digits of a PIN issued now: 10⁸ possible PINs keep a day of guessing at the allowed rate
 * under 1 % against every live PIN of a 3,000-site meeting (docs/security.md). PINs issued
 * before had 6 and are still accepted until re-issued.
 */
export const PIN_DIGITS = 8;
export const PIN_PATTERN = /^(\d{6}|\d{8})$/;

/** Which of a meeting's own links to re-issue (sites and the questions links have their own routes). */
export const MeetingLinkReissue = z.object({ kind: z.enum(['mc', 'projector', 'leadership']) });

/** The meeting code and a PIN: the MC's, or a site's. */
export const PinLogin = z.object({
  code: z.string().trim().regex(/^\d{6}$/, 'mã hội nghị gồm 6 chữ số'),
  pin: z.string().trim().regex(PIN_PATTERN, 'PIN gồm 8 chữ số'),
});
export type PinLogin = z.infer<typeof PinLogin>;

/** Which meetings the organiser's list shows: all, those not ended (scheduled or live), or the archive (ended). */
export const MeetingListStatus = z.enum(['all', 'active', 'ended']);
export type MeetingListStatus = z.infer<typeof MeetingListStatus>;

export const MeetingListQuery = z.object({
  q: z.string().trim().max(200).default(''),
  status: MeetingListStatus.default('all'),
});
