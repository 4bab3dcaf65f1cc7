import { z } from './zod';

const text = (max: number) => z.string().trim().max(max, `tối đa ${max} ký tự`);

/** `YYYY-MM-DD` (kept here rather than imported: schemas.ts imports this file). */
const DeadlineDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'hạn phải có dạng YYYY-MM-DD');

/**
 * A deadline the plan gives relative to the meeting ("trước 05 ngày", "chậm nhất 02 ngày trước
 * Hội nghị", "sau Hội nghị 05 ngày làm việc"): kept as the rule, its date derived from the
 * meeting's date whenever that is known, so it moves with it.
 */
export const RelativeDeadline = z.object({
  days: z.number().int().min(0).max(366),
  /** After the meeting (a report due after it); before it otherwise. */
  after: z.boolean(),
  /** Counted in working days (Monday to Friday) when the plan says "ngày làm việc". */
  workingDays: z.boolean(),
});
export type RelativeDeadline = z.infer<typeof RelativeDeadline>;

/** A task for an office from the plan (Tổ chức thực hiện), kept with the meeting so the MC sees what is due. */
export const MeetingTaskInput = z.object({
  /** The office or person it is given to, as the plan names it. */
  unit: text(300).default(''),
  task: text(2000).min(1, 'nhập nội dung nhiệm vụ'),
  /** Calendar deadline, local date; null when the plan gives none or only a relative one. */
  deadline: DeadlineDate.nullable().default(null),
  /** The deadline as the plan writes it ("trước ngày 18/11/2023", "trước 05 ngày"). */
  deadlineText: text(300).default(''),
  /** The rule of a deadline relative to the meeting; the date is derived (taskDeadline), never stored. */
  relative: RelativeDeadline.nullable().default(null),
});
export type MeetingTaskInput = z.input<typeof MeetingTaskInput>;
export const MeetingTask = MeetingTaskInput.extend({ id: z.string() });
export type MeetingTask = z.infer<typeof MeetingTask>;
export const MAX_MEETING_TASKS = 100;

export type TaskUrgency = 'overdue' | 'soon' | 'later' | 'undated';

/** Days before its deadline a task counts as due soon. */
export const TASK_SOON_DAYS = 3;

/**
 * How pressing a task is on `today` (local date `YYYY-MM-DD`): past its deadline, due within
 * TASK_SOON_DAYS days (the deadline day included), later, or without a calendar deadline.
 */
export function taskUrgency(task: Pick<MeetingTask, 'deadline'>, today: string): TaskUrgency {
  if (!task.deadline) return 'undated';
  if (task.deadline < today) return 'overdue';
  const days = (Date.parse(`${task.deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days <= TASK_SOON_DAYS ? 'soon' : 'later';
}

/** Tasks in the order the MC should read them: overdue and soonest first, undated last, plan order otherwise. */
export function tasksByUrgency<T extends Pick<MeetingTask, 'deadline'>>(tasks: readonly T[]): T[] {
  return tasks
    .map((task, index) => ({ task, index }))
    .sort((a, b) => (a.task.deadline ?? '9999') .localeCompare(b.task.deadline ?? '9999') || a.index - b.index)
    .map(({ task }) => task);
}

const NUMBER_WORDS: Record<string, number> = { một: 1, hai: 2, ba: 3, bốn: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10 };

/**
 * The rule of a deadline written relative to the meeting, or null when the text is no such
 * deadline: a count of days (or weeks, "làm việc" for working days) before or after the meeting,
 * in any order ("trước 05 ngày", "trước khi tổ chức Hội nghị 03 ngày", "chậm nhất 02 ngày trước
 * Hội nghị", "sau Hội nghị 05 ngày", "trong vòng 5 ngày làm việc kể từ ngày kết thúc Hội nghị");
 * "trước khi tổ chức Hội nghị" alone is due by the meeting's day.
 */
export function relativeDeadlineOf(text: string): RelativeDeadline | null {
  const value = text.normalize('NFC').toLocaleLowerCase('vi');
  if (/\d{1,2}\s*\/\s*\d{1,2}|\btháng\s+\d/u.test(value)) return null;
  const count = /(\d{1,3}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s*(ngày|tuần)(\s+làm\s+việc)?/u.exec(value);
  const word = (w: string) => new RegExp(`(?<![\\p{L}])(?:${w})(?![\\p{L}])`, 'u').test(value);
  const before = word('trước');
  const after = word('sau|kể từ') && !before;
  if (!after && !before) return null;
  if (!count) return /(?<![\p{L}])(trước|sau)\s+(khi\s+)?(tổ chức|diễn ra|khai mạc|kết thúc|bế mạc|hội nghị|hội thảo|cuộc họp|buổi|chương trình|lễ|tập huấn)/u.test(value) ? { days: 0, after, workingDays: false } : null;
  const n = /\d/.test(count[1]!) ? Number(count[1]) : NUMBER_WORDS[count[1]!]!;
  const days = count[2] === 'tuần' ? n * 7 : n;
  return days <= 366 ? { days, after, workingDays: Boolean(count[3]) && count[2] === 'ngày' } : null;
}

const DAY_MS = 86_400_000;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const weekend = (ms: number) => [0, 6].includes(new Date(ms).getUTCDay());

/** The date a relative deadline falls on for a meeting on `meetingDate` (`YYYY-MM-DD`). */
export function deriveDeadline(meetingDate: string, rule: RelativeDeadline): string {
  const step = rule.after ? DAY_MS : -DAY_MS;
  let at = dayOf(meetingDate);
  if (!rule.workingDays) return dateOf(at + step * rule.days);
  for (let left = rule.days; left > 0; ) {
    at += step;
    if (!weekend(at)) left--;
  }
  return dateOf(at);
}

/** A task's deadline: its calendar date, or the one its rule gives on the meeting's date (tentative while that date is). */
export type TaskDeadline = { date: string | null; derived: boolean; tentative: boolean };

export function taskDeadline(task: Pick<MeetingTask, 'deadline' | 'relative'>, meeting: { date: string | null; dateTentative?: boolean }): TaskDeadline {
  if (task.deadline) return { date: task.deadline, derived: false, tentative: false };
  if (!task.relative || !meeting.date) return { date: null, derived: false, tentative: false };
  return { date: deriveDeadline(meeting.date, task.relative), derived: true, tentative: meeting.dateTentative === true };
}

/** Tasks with their deadline filled in from the meeting's date where the plan gave it relative to the meeting. */
export function withDeadlines<T extends Pick<MeetingTask, 'deadline' | 'relative'>>(tasks: readonly T[], meeting: { date: string | null; dateTentative?: boolean }): (T & { due: TaskDeadline })[] {
  return tasks.map((task) => {
    const due = taskDeadline(task, meeting);
    return { ...task, deadline: due.date, due };
  });
}
