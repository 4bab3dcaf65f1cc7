import { z } from './zod';
import { newMeetingState } from './meeting.core';
import { LocalDate, LocalTime, type MeetingState } from './schemas';

/** "Use as template for the next one": the new meeting's date, and optionally its start and title. */
export const DuplicateMeeting = z.object({
  date: LocalDate.optional(),
  startTime: LocalTime.optional(),
  title: z.string().trim().min(1, 'không được để trống').max(300, 'tối đa 300 ký tự').optional(),
});
export type DuplicateMeeting = z.input<typeof DuplicateMeeting>;

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const shiftDate = (date: string, days: number) => new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);

/**
 * The next meeting made from `source`, not yet run: its details (with the new date, start and
 * title), agenda, prepared contributions, tasks, question settings (without the opening hours),
 * the speaker queue's settings and the video bridge's choice of host and allowed sites, all with
 * new ids. Task deadlines move by as many days as the meeting does. `siteIds` maps each source
 * site to its copy; a reference to a site not copied is dropped. Nothing of the run is kept
 * (actuals, speeches, requests, conclusions, the message, the pinned question).
 */
export function meetingFromTemplate(
  source: MeetingState,
  change: z.output<typeof DuplicateMeeting>,
  ids: { newId: () => string; siteIds: ReadonlyMap<string, string> },
): MeetingState {
  const { newId, siteIds } = ids;
  const date = change.date ?? source.details.date;
  const days = dayNumber(date) - dayNumber(source.details.date);
  const details = { ...source.details, date, startTime: change.startTime ?? source.details.startTime, title: change.title ?? `${source.details.title} (bản sao)`.slice(0, 300) };
  const itemIds = new Map(source.agenda.map((item) => [item.id, newId()]));
  const agenda = source.agenda.map((item) => ({ ...item, id: itemIds.get(item.id)! }));
  const site = (id: string | null) => (id === null ? null : (siteIds.get(id) ?? null));
  const contributions = source.contributions
    .filter((c) => itemIds.has(c.itemId))
    .map((c) => ({ ...c, id: newId(), itemId: itemIds.get(c.itemId)!, siteId: site(c.siteId) }));
  const tasks = source.tasks.map((task) => ({ ...task, id: newId(), deadline: task.deadline === null ? null : shiftDate(task.deadline, days) }));
  const fresh = newMeetingState(details, agenda);
  return {
    ...fresh,
    contributions,
    tasks,
    questions: { ...source.questions, opensAt: null, closesAt: null },
    queue: { ...fresh.queue, open: source.queue.open, perSiteLimit: source.queue.perSiteLimit },
    video: {
      openDiscussion: false,
      hostSiteId: site(source.video.hostSiteId),
      allowedSites: source.video.allowedSites.map(site).filter((id): id is string => id !== null),
    },
  };
}
