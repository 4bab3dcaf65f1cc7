import { type TimelinePoint, vnTime } from '@diemcau/shared';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { api } from '../../lib/api';

const REFRESH_MS = 30_000;
const W = 600;
const H = 120;

/** SVG points of one series, x by time and y by count (0 at the bottom). */
function pointsOf(points: readonly TimelinePoint[], value: (p: TimelinePoint) => number, max: number): string {
  const first = points[0]!.at;
  const span = Math.max(1, points.at(-1)!.at - first);
  return points.map((p) => `${(((p.at - first) / span) * W).toFixed(1)},${(H - (value(p) / max) * H).toFixed(1)}`).join(' ');
}

/** Sites connected and checked in over the meeting, from the server, refreshed every 30 seconds. */
export function Timeline({ meetingId, token, sites }: { meetingId: string; token: string; sites: number }) {
  const t = useT();
  const [points, setPoints] = useState<TimelinePoint[] | null>(null);

  useEffect(() => {
    let stopped = false;
    const load = async () => {
      const res = await api<TimelinePoint[]>(`/meetings/${meetingId}/attendance/timeline`, { token });
      if (stopped) return;
      if (res.ok) setPoints(res.data);
      else console.warn('timeline unavailable; retrying on the next refresh', res.message);
    };
    void load();
    const interval = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      stopped = true;
      window.clearInterval(interval);
    };
  }, [meetingId, token]);

  const max = Math.max(1, sites, ...(points ?? []).map((p) => Math.max(p.connected, p.checkedIn)));
  return (
    <section className="panel timeline" aria-labelledby="timeline-title">
      <div className="timeline__head">
        <h2 id="timeline-title">{t('board.timeline')}</h2>
        <span className="timeline__legend">
          <span className="legend legend--connected">{t('board.connected')}</span>
          <span className="legend legend--checked">{t('board.checkedIn')}</span>
        </span>
      </div>
      {points && points.length > 1 ? (
        <>
          <svg className="timeline__chart" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={t('board.timelineAria', { connected: points.at(-1)!.connected, checked: points.at(-1)!.checkedIn })}>
            <line x1="0" y1="0" x2={W} y2="0" className="timeline__max" />
            <polygon className="timeline__area" points={`0,${H} ${pointsOf(points, (p) => p.connected, max)} ${W},${H}`} />
            <polyline className="timeline__connected" points={pointsOf(points, (p) => p.connected, max)} />
            <polyline className="timeline__checked" points={pointsOf(points, (p) => p.checkedIn, max)} />
          </svg>
          <div className="timeline__axis mono">
            <span>{vnTime(points[0]!.at)}</span>
            <span>{t('board.timelineMax', { n: max })}</span>
            <span>{vnTime(points.at(-1)!.at)}</span>
          </div>
        </>
      ) : (
        <p className="empty">{points === null ? t('common.loading') : t('board.timelineEmpty')}</p>
      )}
    </section>
  );
}
