import { foldVietnamese, type MeetingReport, MINUTE_MS, type ReportChart, type ReportChartName, reportCharts } from '@diemcau/shared';
import { type ReactNode, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { failureText, type Translate, useT } from '../../../i18n';
import { formatClockTime, formatMinutes } from '../../../i18n/format';
import { api } from '../../../lib/api';
import { useAppStore } from '../../../stores';
import { useLang } from '../../../stores/selectors';
import { Chart } from './Chart';
import { chartLabels } from './labels';
import './reports.css';
import { shownName } from '../../../i18n/generated';

const FONT = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";

const hhmm = (at: number | null) => (at === null ? '—' : formatClockTime(at).slice(0, 5));
/** Minutes with one decimal when under ten, as a table cell. */
const min = (ms: number | null) => (ms === null ? '—' : (Math.round((ms / MINUTE_MS) * 10) / 10).toLocaleString('vi-VN'));
const signedMin = (ms: number | null) => (ms === null ? '—' : `${ms > 0 ? '+' : ms < 0 ? '−' : '±'}${min(Math.abs(ms))}`);

function offsetText(t: Translate, ms: number): string {
  if (Math.abs(ms) < MINUTE_MS) return t('reports.offset.onTime');
  return t(ms > 0 ? 'reports.offset.late' : 'reports.offset.early', { v: formatMinutes(t, ms) });
}

/** A search box over a long table; the rows are filtered by folded Vietnamese (with or without diacritics). */
function useSearch<T>(rows: readonly T[], text: (row: T) => string) {
  const [query, setQuery] = useState('');
  const folded = useDeferredValue(foldVietnamese(query));
  const shown = useMemo(() => (folded ? rows.filter((row) => foldVietnamese(text(row)).includes(folded)) : rows), [rows, folded, text]);
  return { query, setQuery, shown };
}

function SearchBox({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  return (
    <label className="search report-search">
      <span className="visually-hidden">{label}</span>
      <input type="search" value={value} placeholder={label} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

function NoMatch({ query, colSpan }: { query: string; colSpan: number }) {
  const t = useT();
  return (
    <tr>
      <td colSpan={colSpan} className="report-table__empty">
        {t('reports.noMatch', { q: query })}
      </td>
    </tr>
  );
}

function Section({ chart, children }: { chart: ReportChart | undefined; children: ReactNode }) {
  const t = useT();
  if (!chart) return null;
  return (
    <section className="panel report-section" aria-label={chart.title} data-testid={`report-${chart.name}`}>
      <Chart chart={chart} label={t('reports.chartLabel', { title: chart.title })} />
      <div className="table-scroll report-section__table">{children}</div>
    </section>
  );
}

function ScheduleTable({ report }: { report: MeetingReport }) {
  const t = useT();
  const { schedule } = report;
  return (
    <table className="report-table">
      <thead>
        <tr>
          <th>{t('reports.col.position')}</th>
          <th className="report-table__wide">{t('reports.col.item')}</th>
          <th>{t('reports.col.plannedStart')}</th>
          <th>{t('reports.col.actualStart')}</th>
          <th className="num">{t('reports.col.plannedMin')}</th>
          <th className="num">{t('reports.col.actualMin')}</th>
          <th className="num">{t('reports.col.diff')}</th>
          <th className="num">{t('reports.col.added')}</th>
        </tr>
      </thead>
      <tbody>
        {schedule.items.map((item) => (
          <tr key={item.itemId} className={item.overrunMs !== null && item.overrunMs >= MINUTE_MS ? 'report-table__over' : undefined}>
            <td className="mono">{item.position}</td>
            <td>
              {item.title}
              {item.presenter && <span className="report-table__sub">{item.presenter}</span>}
              {item.progress !== 'done' && <span className="report-table__sub">{t(`reports.progress.${item.progress}`)}</span>}
            </td>
            <td className="mono">{hhmm(item.plannedStartAt)}</td>
            <td className="mono">{hhmm(item.actualStartedAt)}</td>
            <td className="mono num">{min(item.plannedMs)}</td>
            <td className="mono num">{min(item.actualMs)}</td>
            <td className="mono num">{signedMin(item.overrunMs)}</td>
            <td className="mono num">{item.addedMs === 0 ? '' : signedMin(item.addedMs)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td />
          <th scope="row">{t('reports.col.total')}</th>
          <td className="mono">{hhmm(schedule.plannedStartAt)}</td>
          <td className="mono">{hhmm(schedule.actualStartedAt)}</td>
          <td className="mono num">{min(schedule.plannedMs)}</td>
          <td className="mono num">{min(schedule.actualMs)}</td>
          <td className="mono num">{signedMin(schedule.itemsOverrunMs)}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}

function AttendanceTable({ report }: { report: MeetingReport }) {
  const t = useT();
  const { attendance } = report;
  return (
    <>
      {attendance.peakAt !== null && <p className="report-note">{t('reports.attendance.peak', { n: attendance.peakConnected, time: hhmm(attendance.peakAt) })}</p>}
      <table className="report-table">
        <thead>
          <tr>
            <th className="report-table__wide">{t('reports.col.group')}</th>
            <th className="num">{t('reports.col.sites')}</th>
            <th className="num">{t('reports.col.checkedIn')}</th>
            <th className="num">{t('reports.col.people')}</th>
          </tr>
        </thead>
        <tbody>
          {attendance.groups.map((g) => (
            <tr key={g.group}>
              <td>{shownName(t, g.group)}</td>
              <td className="mono num">{g.sites}</td>
              <td className="mono num">{g.checkedIn}</td>
              <td className="mono num">
                {g.peoplePresent} / {g.peopleExpected}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('reports.col.total')}</th>
            <td className="mono num">{attendance.sites}</td>
            <td className="mono num">{attendance.checkedIn}</td>
            <td className="mono num">
              {attendance.peoplePresent} / {attendance.peopleExpected}
            </td>
          </tr>
        </tfoot>
      </table>
    </>
  );
}

const siteText = (row: MeetingReport['speaking']['bySite'][number]) => row.name;
const speechText = (s: MeetingReport['speaking']['speeches'][number]) => [s.speaker, s.speakerTitle, s.siteName, s.topic, s.itemTitle].join(' ');
const officeText = (o: MeetingReport['questions']['byOffice'][number]) => o.name;

function SpeakingBySiteTable({ report }: { report: MeetingReport }) {
  const t = useT();
  const kinds = report.speaking.byKind.filter((k) => k.turns > 0).map((k) => k.kind);
  const { query, setQuery, shown } = useSearch(report.speaking.bySite, siteText);
  return (
    <>
      <SearchBox value={query} onChange={setQuery} label={t('reports.search.sites')} />
      <table className="report-table">
        <thead>
          <tr>
            <th className="report-table__wide">{t('reports.col.site')}</th>
            {kinds.map((k) => (
              <th key={k} className="num">
                {t(`speech.kind.${k}`)}
              </th>
            ))}
            <th className="num">{t('reports.col.turns')}</th>
            <th className="num">{t('reports.col.total')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.siteId ?? ''}>
              <td>{shownName(t, row.name)}</td>
              {kinds.map((k) => (
                <td key={k} className="mono num">
                  {row.byKind[k] ? min(row.byKind[k]) : ''}
                </td>
              ))}
              <td className="mono num">{row.turns}</td>
              <td className="mono num">{min(row.ms)}</td>
            </tr>
          ))}
          {shown.length === 0 && <NoMatch query={query} colSpan={kinds.length + 3} />}
        </tbody>
      </table>
    </>
  );
}

function SpeakingByKindTable({ report }: { report: MeetingReport }) {
  const t = useT();
  return (
    <table className="report-table">
      <thead>
        <tr>
          <th className="report-table__wide">{t('reports.col.kind')}</th>
          <th className="num">{t('reports.col.turns')}</th>
          <th className="num">{t('reports.col.total')}</th>
        </tr>
      </thead>
      <tbody>
        {report.speaking.byKind.map((k) => (
          <tr key={k.kind}>
            <td>{t(`speech.kind.${k.kind}`)}</td>
            <td className="mono num">{k.turns}</td>
            <td className="mono num">{min(k.ms)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every turn, oldest first, searchable. */
function SpeechesPanel({ report }: { report: MeetingReport }) {
  const t = useT();
  const { query, setQuery, shown } = useSearch(report.speaking.speeches, speechText);
  return (
    <section className="panel report-section" aria-label={t('reports.speeches.title')} data-testid="report-speeches">
      <h3 className="report-subtitle">{t('reports.speeches.title')}</h3>
      <SearchBox value={query} onChange={setQuery} label={t('reports.search.speeches')} />
      <div className="table-scroll report-section__table">
        <table className="report-table">
          <thead>
            <tr>
              <th>{t('reports.col.time')}</th>
              <th>{t('reports.col.speaker')}</th>
              <th>{t('reports.col.site')}</th>
              <th>{t('reports.col.kind')}</th>
              <th className="report-table__wide">{t('reports.col.topic')}</th>
              <th className="num">{t('reports.col.duration')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.id}>
                <td className="mono">{hhmm(s.startedAt)}</td>
                <td>
                  {shownName(t, s.speaker)}
                  {s.speakerTitle && <span className="report-table__sub">{s.speakerTitle}</span>}
                </td>
                <td>{shownName(t, s.siteName)}</td>
                <td>{t(`speech.kind.${s.kind}`)}</td>
                <td>
                  {s.topic}
                  {s.itemTitle && <span className="report-table__sub">{s.itemTitle}</span>}
                </td>
                <td className="mono num">{min(s.elapsedMs)}</td>
              </tr>
            ))}
            {shown.length === 0 && <NoMatch query={query} colSpan={6} />}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function QuestionsTable({ report }: { report: MeetingReport }) {
  const t = useT();
  const { questions } = report;
  const { query, setQuery, shown } = useSearch(questions.byOffice, officeText);
  const statuses = ['answered', 'approved', 'pending', 'rejected'] as const;
  return (
    <>
      <SearchBox value={query} onChange={setQuery} label={t('reports.search.offices')} />
      <table className="report-table">
        <thead>
          <tr>
            <th className="report-table__wide">{t('reports.col.office')}</th>
            {statuses.map((s) => (
              <th key={s} className="num">
                {t(`ask.status.${s}`)}
              </th>
            ))}
            <th className="num">{t('reports.col.total')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((o) => (
            <tr key={o.officeId ?? '-'}>
              <td>{shownName(t, o.name)}</td>
              {statuses.map((s) => (
                <td key={s} className="mono num">
                  {o[s]}
                </td>
              ))}
              <td className="mono num">{o.total}</td>
            </tr>
          ))}
          {shown.length === 0 && <NoMatch query={query} colSpan={6} />}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('reports.col.total')}</th>
            {statuses.map((s) => (
              <td key={s} className="mono num">
                {questions.byStatus[s]}
              </td>
            ))}
            <td className="mono num">{questions.total}</td>
          </tr>
        </tfoot>
      </table>
    </>
  );
}

function Stat({ label, value, sub }: { label: string; value: string; sub?: string }) {
  return (
    <div className="stat">
      <span className="stat__label">{label}</span>
      <span className="stat__value">{value}</span>
      {sub && <span className="report-stat__sub">{sub}</span>}
    </div>
  );
}

/**
 * The meeting report for the MC and the organiser: planned vs actual per item, attendance over
 * time, speaking time per site and kind, questions by office and status; a chart (ECharts, the
 * same options as the record's images) and the numbers in a table under each. Loaded in its own
 * chunk with the charting library. Read-only: nothing here changes the meeting.
 */
export default function ReportsView({ token }: { token: string }) {
  const t = useT();
  const lang = useLang();
  const meetingId = useAppStore((s) => s.meeting?.meetingId ?? null);
  const [report, setReport] = useState<MeetingReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    if (!meetingId) return;
    setLoading(true);
    const res = await api<MeetingReport>(`/meetings/${meetingId}/report`, { token });
    setLoading(false);
    if (res.ok) {
      setReport(res.data);
      setError(null);
    } else setError(failureText(res));
  }, [meetingId, token]);

  useEffect(() => {
    void load();
  }, [load]);

  const charts = useMemo(() => {
    if (!report) return new Map<ReportChartName, ReportChart>();
    return new Map(reportCharts(report, { labels: chartLabels(lang), fontFamily: FONT, theme: 'dark' }).map((c) => [c.name, c]));
  }, [report, lang]);

  if (!report) {
    return (
      <main className="reports">
        {error ? (
          <p className="banner banner--warning" role="alert">
            {t('reports.failed', { message: error })}{' '}
            <button type="button" className="button button--small" onClick={() => void load()}>
              {t('common.retry')}
            </button>
          </p>
        ) : (
          <p className="loading">{t('common.loading')}</p>
        )}
      </main>
    );
  }

  const { schedule, attendance, speaking, questions } = report;
  const note = report.status === 'live' ? t('reports.liveNote') : report.status === 'scheduled' ? t('reports.scheduledNote') : t('reports.endedNote');
  return (
    <main className="reports" data-testid="reports">
      <div className="reports__head">
        <h2>{t('reports.title')}</h2>
        <p className="reports__note">
          {note} {t('reports.generatedAt', { time: formatClockTime(report.generatedAt) })}
        </p>
        <button type="button" className="button button--small" onClick={() => void load()} disabled={loading}>
          ↻ {loading ? t('common.loading') : t('reports.refresh')}
        </button>
        {error && (
          <p className="banner banner--warning" role="alert">
            {t('reports.failed', { message: error })}
          </p>
        )}
      </div>
      <section className="panel stats reports__stats" aria-label={t('reports.title')}>
        <Stat label={t('reports.stat.duration')} value={formatMinutes(t, schedule.actualMs)} sub={t('reports.stat.planned', { v: formatMinutes(t, schedule.plannedMs) })} />
        <Stat label={t('reports.stat.offset')} value={report.status === 'scheduled' ? '—' : offsetText(t, schedule.offsetMs)} sub={`${hhmm(schedule.actualStartedAt)} – ${hhmm(schedule.actualEndedAt)}`} />
        <Stat label={t('reports.stat.checkedIn')} value={`${attendance.checkedIn}/${attendance.sites}`} sub={`${t('reports.stat.people')}: ${attendance.peoplePresent}`} />
        <Stat label={t('reports.stat.speaking')} value={formatMinutes(t, speaking.totalMs)} sub={t('reports.stat.turns', { n: speaking.turns })} />
        <Stat label={t('reports.stat.questions')} value={String(questions.total)} sub={t('reports.stat.answered', { n: questions.byStatus.answered })} />
      </section>
      <Section chart={charts.get('schedule')}>
        <ScheduleTable report={report} />
      </Section>
      {attendance.sites === 0 ? <p className="panel report-empty">{t('reports.empty.sites')}</p> : null}
      <Section chart={charts.get('attendance')}>
        <AttendanceTable report={report} />
      </Section>
      {speaking.turns === 0 ? <p className="panel report-empty">{t('reports.empty.speaking')}</p> : null}
      <div className="reports__pair">
        <Section chart={charts.get('speakingBySite')}>
          <SpeakingBySiteTable report={report} />
        </Section>
        <Section chart={charts.get('speakingByKind')}>
          <SpeakingByKindTable report={report} />
        </Section>
      </div>
      {speaking.turns > 0 && <SpeechesPanel report={report} />}
      {questions.total === 0 ? <p className="panel report-empty">{t('reports.empty.questions')}</p> : null}
      <Section chart={charts.get('questionsByOffice')}>
        <QuestionsTable report={report} />
      </Section>
    </main>
  );
}
