import { AttendanceTotals, RollCallProgress, ShareBar } from '../../components/AttendanceTotals';
import { ConnectionBanner, ConnectionDot } from '../../components/ConnectionBanner';
import { ExportButton } from '../../components/ExportButton';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useAttendanceSummary, useRankedSites } from '../../hooks/useAttendance';
import { useMeetingConnection } from '../../hooks/useMeetingConnection';
import { useNow } from '../../hooks/useNow';
import { useT } from '../../i18n';
import { formatClockTime, formatWhen } from '../../i18n/format';
import { useAppStore } from '../../stores';
import { useAttendanceLoaded, useConnection, useCurrentRollCall, useDetails } from '../../stores/selectors';
import { NowPanel } from '../site/NowPanel';
import { SiteList } from './SiteList';
import './board.css';
import { Timeline } from './Timeline';

function Groups() {
  const t = useT();
  const { groups } = useAttendanceSummary();
  if (groups.length < 2) return null;
  return (
    <section className="panel board-groups" aria-labelledby="groups-title">
      <h2 id="groups-title">{t('board.byGroup')}</h2>
      <table className="groups-table">
        <thead>
          <tr>
            <th>{t('board.group')}</th>
            <th>{t('board.checkedIn')}</th>
            <th className="groups-table__wide">{t('board.connected')}</th>
            <th className="groups-table__wide">{t('board.problems')}</th>
            <th>{t('board.col.people')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map(({ group, totals }) => (
            <tr key={group}>
              <th scope="row">{group || t('board.noGroup')}</th>
              <td>
                <span className="mono">
                  {totals.checkedIn}/{totals.sites}
                </span>
                <ShareBar value={totals.checkedIn} total={totals.sites} />
              </td>
              <td className="mono groups-table__wide">
                {totals.connected}/{totals.sites}
              </td>
              <td className={totals.problems > 0 ? 'mono groups-table__wide groups-table__alert' : 'mono groups-table__wide'}>{totals.problems}</td>
              <td className="mono">
                {totals.peoplePresent}/{totals.peopleExpected}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Board({ token, meetingId }: { token: string; meetingId: string }) {
  const t = useT();
  const now = useNow();
  const { total } = useAttendanceSummary();
  const ranked = useRankedSites();
  const rollCall = useCurrentRollCall();
  return (
    <main className="board">
      <div className="board__top">
        <section className="panel board__totals" aria-label={t('board.totals')}>
          <AttendanceTotals totals={total} />
        </section>
        {rollCall && (
          <section className="panel board__roll" aria-label={t('rollCall.title')}>
            <RollCallProgress rollCall={rollCall} now={now} />
          </section>
        )}
      </div>
      <div className="board__middle">
        <NowPanel now={now} label={t('board.now')} className="board-now" testId="board-now" />
        <Groups />
        <Timeline meetingId={meetingId} token={token} sites={total.sites} />
      </div>
      <SiteList ranked={ranked} />
    </main>
  );
}

/** The leadership board: every site's attendance, what needs attention first. Read-only. */
export function BoardPage({ token }: { token: string }) {
  const t = useT();
  useMeetingConnection(token);
  const now = useNow();
  const details = useDetails();
  const meetingId = useAppStore((s) => s.meeting?.meetingId ?? null);
  const loaded = useAttendanceLoaded();
  const { status } = useConnection();
  return (
    <div className="board-page">
      <header className="mc-header board-header">
        <div className="mc-header__brand" aria-hidden="true">
          diemcau <span>{t('board.badge')}</span>
        </div>
        <div className="mc-header__meeting">
          <h1 className="mc-header__title" title={details?.title}>
            {details?.title ?? t('common.loading')}
          </h1>
          {details && <p className="mc-header__sub">{[t('board.title'), formatWhen(t, details.date, details.startTime)].join(' · ')}</p>}
        </div>
        <span className="board-header__time mono">{formatClockTime(now)}</span>
        <ConnectionDot />
        <ExportButton token={token} file="attendance.xlsx" fallbackName="tham-du.xlsx" label={t('board.export')} />
        <LanguageSwitch />
      </header>
      <ConnectionBanner />
      {meetingId && loaded ? <Board token={token} meetingId={meetingId} /> : status !== 'failed' && status !== 'deleted' && <p className="loading">{t('conn.connecting')}</p>}
    </div>
  );
}
