import { vnTime } from '@diemcau/shared';
import { memo, useMemo, useState } from 'react';
import { SiteFilterBar, useSiteFilters } from '../../components/SiteFilters';
import { VirtualList } from '../../components/VirtualList';
import type { RankedSite } from '../../hooks/useAttendance';
import { PHONE_QUERY, useMediaQuery } from '../../hooks/useMediaQuery';
import { useT } from '../../i18n';
import { connectionQuality, matchesStatus, reasonLabel, STATUS_FILTERS, type StatusFilter, telHref } from '../../lib/attendance';
import { useVideoConfigured } from '../../video/state';
import { VideoDevices, VideoPresence } from '../../video/VideoStatus';

const ROW_HEIGHT = 84;
const ROW_HEIGHT_PHONE = 188;

const BoardRow = memo(function BoardRow({ site, reasons, video }: RankedSite & { video: boolean }) {
  const t = useT();
  const quality = connectionQuality(site);
  const headcount = site.headcount === null ? t('common.none') : site.headcount.toLocaleString('vi-VN');
  return (
    <div className={`board-row ${video ? 'board-row--video' : ''} ${reasons.length > 0 ? `board-row--${reasons[0]}` : 'board-row--ok'}`} data-testid="board-row">
      <div className="board-row__site">
        <strong className="board-row__name" title={site.name}>
          {site.name}
        </strong>
        {site.group && <span className="board-row__group">{site.group}</span>}
      </div>
      <div className="board-row__reasons">
        {reasons.length === 0 ? (
          <span className="reason reason--ok">{t('reason.ok')}</span>
        ) : (
          reasons.map((reason) => (
            <span key={reason} className={`reason reason--${reason}`}>
              {reasonLabel(t, reason, site)}
            </span>
          ))
        )}
        {site.readiness === 'problem' && site.note && (
          <span className="board-row__note" title={site.note}>
            {site.note}
          </span>
        )}
      </div>
      <div className="board-row__rep">
        {site.checkedInAt === null ? (
          <span className="hint">{t('board.notCheckedIn')}</span>
        ) : (
          <>
            <span title={site.representative}>{site.representative}</span>
            <span className="hint">
              {[site.representativeTitle, t('board.checkedInAt', { time: vnTime(site.checkedInAt) })].filter(Boolean).join(' · ')}
            </span>
          </>
        )}
      </div>
      <div className="board-row__count mono" aria-label={t('board.col.people')}>
        {headcount}
        <span className="hint">/{site.expectedHeadcount ?? t('common.none')}</span>
      </div>
      <div className="board-row__conn">
        <span className={`quality quality--${quality}`}>{t(`quality.${quality}`)}</span>
        <span className="hint">
          {site.presence.lastSeenAt === null ? t('board.neverSeen') : t('board.lastSeen', { time: vnTime(site.presence.lastSeenAt) })}
          {site.presence.devices > 1 && ` · ${t('board.devices', { n: site.presence.devices })}`}
        </span>
      </div>
      {video && (
        <div className="board-row__video" aria-label={t('board.col.video')}>
          {site.video ? (
            <>
              <VideoPresence video={site.video} />
              <VideoDevices video={site.video} />
            </>
          ) : (
            <span className="hint">{t('common.none')}</span>
          )}
        </div>
      )}
      <div className="board-row__contact">
        {site.contactName && <span title={site.contactName}>{site.contactName}</span>}
        {site.phone ? (
          <a className="board-row__phone" href={telHref(site.phone)}>
            ☎ {site.phone}
          </a>
        ) : (
          <span className="hint">{t('common.none')}</span>
        )}
      </div>
    </div>
  );
});

/** Search, group and status filters over the ranked sites, and the windowed list of what matches. */
export function SiteList({ ranked }: { ranked: readonly RankedSite[] }) {
  const t = useT();
  const phone = useMediaQuery(PHONE_QUERY);
  // the video column only where the meeting has a video bridge
  const video = useVideoConfigured();
  const sites = useMemo(() => ranked.map((r) => r.site), [ranked]);
  const filters = useSiteFilters(sites);
  const [status, setStatus] = useState<StatusFilter>('all');
  const { matches } = filters;
  const shown = useMemo(() => ranked.filter(({ site, reasons }) => matches(site) && matchesStatus(status, site, reasons)), [ranked, matches, status]);

  return (
    <section className="panel board-list" aria-labelledby="board-list-title">
      <SiteFilterBar title={t('board.listTitle')} titleId="board-list-title" filters={filters} shown={shown.length} total={ranked.length} countTestId="board-count">
        <label className="board-list__filter">
          <span>{t('board.status')}</span>
          <select value={status} onChange={(event) => setStatus(event.target.value as StatusFilter)}>
            {STATUS_FILTERS.filter((filter) => video || filter !== 'noVideo').map((filter) => (
              <option key={filter} value={filter}>
                {t(`filter.${filter}`)}
              </option>
            ))}
          </select>
        </label>
      </SiteFilterBar>
      {!phone && (
        <div className={`board-row board-row--head ${video ? 'board-row--video' : ''}`} aria-hidden="true">
          <span>{t('board.col.site')}</span>
          <span>{t('board.col.status')}</span>
          <span>{t('board.col.rep')}</span>
          <span>{t('board.col.people')}</span>
          <span>{t('board.col.conn')}</span>
          {video && <span>{t('board.col.video')}</span>}
          <span>{t('board.col.contact')}</span>
        </div>
      )}
      {/* on an office screen the rows scroll here, inside the panel; on a phone, with the page */}
      <div className="board-list__rows">
        {shown.length === 0 ? (
          <p className="empty">{ranked.length === 0 ? t('board.noSites') : t('board.noMatch')}</p>
        ) : (
          <VirtualList items={shown} rowHeight={phone ? ROW_HEIGHT_PHONE : ROW_HEIGHT} keyOf={(r) => r.site.id} renderRow={(r) => <BoardRow site={r.site} reasons={r.reasons} video={video} />} label={t('board.listTitle')} />
        )}
      </div>
    </section>
  );
}
