import { type Projection, vnTime } from '@diemcau/shared';
import { useT } from '../../i18n';
import { formatMinutes } from '../../i18n/format';

/** Within a minute of the plan counts as on time. */
const ON_TIME_MS = 60_000;

/** Planned end against projected end, and how far ahead or behind the meeting runs. */
export function SchedulePanel({ projection }: { projection: Projection }) {
  const t = useT();
  const { plannedEndAt, projectedEndAt, offsetMs } = projection;
  const state = Math.abs(offsetMs) < ON_TIME_MS ? 'on-time' : offsetMs > 0 ? 'late' : 'early';
  const label =
    state === 'on-time' ? t('schedule.onTime') : state === 'late' ? t('schedule.late', { t: formatMinutes(t, offsetMs) }) : t('schedule.early', { t: formatMinutes(t, offsetMs) });
  return (
    <section className="schedule" aria-label={t('schedule.title')}>
      <div className="schedule__stat">
        <span>{t('schedule.plannedEnd')}</span>
        <strong className="mono">{vnTime(plannedEndAt)}</strong>
      </div>
      <div className="schedule__stat">
        <span>{t('schedule.projectedEnd')}</span>
        <strong className="mono" data-testid="projected-end">
          {vnTime(projectedEndAt)}
        </strong>
      </div>
      <div className={`schedule__offset schedule__offset--${state}`} data-testid="schedule-offset">
        {label}
      </div>
    </section>
  );
}
