import { AttendanceTotals } from '../../components/AttendanceTotals';
import { useAttendanceSummary, useRankedSites } from '../../hooks/useAttendance';
import { useT } from '../../i18n';
import { reasonLabel } from '../../lib/attendance';
import { followLink, mcPath } from '../../lib/router';
import { useAccess } from '../../stores/selectors';

const TOP = 4;

/** Totals of the sites, how many need attention and the first few, with the way to the full board. */
export function AttendancePanel({ token }: { token: string }) {
  const t = useT();
  const access = useAccess();
  const { total } = useAttendanceSummary();
  const ranked = useRankedSites();
  const attention = ranked.filter((r) => r.reasons.length > 0);
  return (
    <section className="panel attendance-panel" aria-labelledby="attendance-title">
      <div className="panel__head">
        <h2 id="attendance-title">{t('attendance.title')}</h2>
        <a className="link-small" href={mcPath(token, 'sites')} onClick={followLink}>
          {t('attendance.manage')}
        </a>
      </div>
      {total.sites === 0 ? (
        <p className="hint">{t('attendance.noSites')}</p>
      ) : (
        <>
          <AttendanceTotals totals={total} compact />
          <p className={attention.length > 0 ? 'attendance-panel__attention' : 'attendance-panel__ok'} data-testid="attention-count">
            {attention.length > 0 ? t('attendance.needAttention', { n: attention.length }) : t('attendance.allGood')}
          </p>
          {attention.length > 0 && (
            <ul className="attention-list">
              {attention.slice(0, TOP).map(({ site, reasons }) => (
                <li key={site.id}>
                  <span className="attention-list__name" title={site.name}>
                    {site.name}
                  </span>
                  <span className={`reason reason--${reasons[0]}`}>{reasonLabel(t, reasons[0]!, site)}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {access && (
        <a className="button button--small" href={`/board/${access.leadershipToken}`} target="_blank" rel="noreferrer">
          {t('attendance.openBoard')} ↗
        </a>
      )}
    </section>
  );
}
