import { type MeetingTask, taskUrgency, tasksByUrgency, vnDate, withDeadlines } from '@diemcau/shared';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores';
import { useClockOffset } from '../../stores/selectors';

const NO_TASKS: readonly MeetingTask[] = [];
const SHOWN = 4;
const MINUTE_MS = 60_000;

/** Today in Vietnam by the server's clock, updated every minute (deadlines are days). */
function useToday(): string {
  const offsetMs = useClockOffset();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), MINUTE_MS);
    return () => window.clearInterval(timer);
  }, []);
  return vnDate(now + offsetMs);
}

const dayMonth = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

/**
 * The offices' tasks from the plan (Tổ chức thực hiện) with their deadlines: overdue and due
 * within three days first, so the MC can chase them before the meeting. Hidden when there are none.
 */
export function TasksPanel() {
  const t = useT();
  const stored = useAppStore((s) => s.meeting?.view.tasks ?? NO_TASKS);
  const details = useAppStore((s) => s.meeting?.view.details);
  const today = useToday();
  const [all, setAll] = useState(false);
  if (stored.length === 0) return null;
  // A deadline relative to the meeting is dated from the meeting's current date: it moves with it.
  const tasks = withDeadlines(stored, { date: details?.date ?? null, dateTentative: details?.dateTentative });
  const sorted = tasksByUrgency(tasks);
  const urgency = sorted.map((task) => taskUrgency(task, today));
  const overdue = urgency.filter((u) => u === 'overdue').length;
  const soon = urgency.filter((u) => u === 'soon').length;
  const shown = all ? sorted : sorted.slice(0, SHOWN);
  return (
    <section className="panel tasks-panel" aria-labelledby="tasks-title" data-testid="tasks-panel">
      <div className="panel__head">
        <h2 id="tasks-title">{t('tasks.title')}</h2>
        <span className={overdue > 0 ? 'tasks-panel__count tasks-panel__count--overdue' : 'tasks-panel__count'}>{t('tasks.count', { overdue, soon })}</span>
      </div>
      <ul className="tasks-list">
        {shown.map((task, i) => {
          const state = urgency[i]!;
          return (
            <li key={task.id} className={`tasks-list__item tasks-list__item--${state}`} data-testid="task">
              <span
                className={`task-due task-due--${state}${task.due.tentative ? ' task-due--tentative' : ''}`}
                title={task.due.derived ? t(task.due.tentative ? 'tasks.tentativeTitle' : 'tasks.derivedTitle', { rule: task.deadlineText }) : undefined}
                data-derived={task.due.derived ? (task.due.tentative ? 'tentative' : 'yes') : undefined}
              >
                {state === 'undated' ? t('tasks.undated') : state === 'overdue' ? t('tasks.overdue', { d: dayMonth(task.deadline!) }) : t('tasks.due', { d: dayMonth(task.deadline!) })}
                {task.due.tentative && ' ?'}
              </span>
              <strong className="tasks-list__unit">{task.unit || t('plan.unitNone')}</strong>
              <span className="tasks-list__task" title={task.task}>
                {task.task}
              </span>
            </li>
          );
        })}
      </ul>
      {sorted.length > SHOWN && (
        <button type="button" className="button button--small" onClick={() => setAll(!all)}>
          {all ? t('tasks.fewer') : t('tasks.more', { n: sorted.length - SHOWN })}
        </button>
      )}
    </section>
  );
}
