import { z } from './zod';

const text = (max: number) => z.string().trim().max(max, `tối đa ${max} ký tự`);

/** `YYYY-MM-DD` (kept here rather than imported: schemas.ts imports this file). */
const DeadlineDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'hạn phải có dạng YYYY-MM-DD');

/** A task for an office from the plan (Tổ chức thực hiện), kept with the meeting so the MC sees what is due. */
export const MeetingTaskInput = z.object({
  /** The office or person it is given to, as the plan names it. */
  unit: text(300).default(''),
  task: text(2000).min(1, 'nhập nội dung nhiệm vụ'),
  /** Calendar deadline, local date; null when the plan gives none or only a relative one. */
  deadline: DeadlineDate.nullable().default(null),
  /** The deadline as the plan writes it ("trước ngày 18/11/2023", "trước 05 ngày"). */
  deadlineText: text(300).default(''),
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
