import { type AttendanceTotals as Totals, formatClock, type RollCall, rollCallOpen, vnTime } from '@diemcau/shared';
import { useRollCallProgress } from '../hooks/useAttendance';
import { useT } from '../i18n';

/** A share as a thin bar; `tone` colours it. */
export function ShareBar({ value, total, tone = 'normal' }: { value: number; total: number; tone?: 'normal' | 'primary' | 'danger' }) {
  const share = total > 0 ? Math.min(1, value / total) : 0;
  return (
    <div className="progress share-bar" role="presentation">
      <div className={`progress__bar share-bar__fill share-bar__fill--${tone}`} style={{ width: `${share * 100}%` }} />
    </div>
  );
}

function Stat({ label, value, total, tone, testId }: { label: string; value: number; total?: number; tone?: 'normal' | 'primary' | 'danger'; testId: string }) {
  const n = (x: number) => x.toLocaleString('vi-VN');
  return (
    <div className={`stat ${tone === 'danger' && value > 0 ? 'stat--alert' : ''}`} data-testid={testId}>
      <span className="stat__label">{label}</span>
      <strong className="stat__value mono">
        {n(value)}
        {total !== undefined && <span className="stat__total">/{n(total)}</span>}
      </strong>
      {total !== undefined && <ShareBar value={value} total={total} tone={tone} />}
    </div>
  );
}

/** Sites checked in and connected, problems, people present against expected: the four numbers at a glance. */
export function AttendanceTotals({ totals, compact = false }: { totals: Totals; compact?: boolean }) {
  const t = useT();
  return (
    <div className={`stats ${compact ? 'stats--compact' : ''}`}>
      <Stat label={t('board.checkedIn')} value={totals.checkedIn} total={totals.sites} testId="total-checked-in" />
      <Stat label={t('board.connected')} value={totals.connected} total={totals.sites} tone="primary" testId="total-connected" />
      <Stat label={t('board.problems')} value={totals.problems} tone="danger" testId="total-problems" />
      <Stat label={t('board.people')} value={totals.peoplePresent} total={totals.peopleExpected} testId="total-people" />
    </div>
  );
}

/** The current roll call: answered of all sites, and time left or when it ended. */
export function RollCallProgress({ rollCall, now }: { rollCall: RollCall; now: number }) {
  const t = useT();
  const { answered, total } = useRollCallProgress(rollCall.id);
  const open = rollCallOpen(rollCall, now);
  return (
    <div className="roll-progress" data-testid="roll-call-progress">
      <div className="roll-progress__head">
        <strong>{rollCall.label || t('site.rollCall')}</strong>
        <span className={open ? 'roll-progress__open' : 'hint'}>
          {open ? t('rollCall.left', { t: formatClock(rollCall.endsAt - now) }) : t('rollCall.endedAt', { time: vnTime(rollCall.closedAt ?? rollCall.endsAt) })}
        </span>
      </div>
      <p className="roll-progress__count">
        <span data-testid="roll-call-answered">
          {t('rollCall.answered', { n: answered, total })}
        </span>
      </p>
      <ShareBar value={answered} total={total} tone="primary" />
    </div>
  );
}
