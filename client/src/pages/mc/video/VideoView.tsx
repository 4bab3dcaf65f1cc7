import { type SiteRow, type VideoSettings } from '@diemcau/shared';
import { memo, useMemo, useState } from 'react';
import { askConfirm } from '../../../components/confirm';
import { SiteFilterBar, useSiteFilters } from '../../../components/SiteFilters';
import { VirtualList } from '../../../components/VirtualList';
import { PHONE_QUERY, useMediaQuery } from '../../../hooks/useMediaQuery';
import { type Translate, useT } from '../../../i18n';
import { sendCommand } from '../../../realtime/commands';
import { runVideoCommand } from '../../../realtime/video';
import { useAppStore } from '../../../stores';
import { useControlsLocked, useEnded, useSortedSites } from '../../../stores/selectors';
import { StageHost } from '../../../video/StageHost';
import { useFloorSiteId, useVideoBridge, useVideoSettings, useVideoStageOpen } from '../../../video/state';
import { CameraIcon, MicIcon, VideoDevices, VideoPresence } from '../../../video/VideoStatus';
import { SitePicker } from '../speakers/SitePicker';
import { BridgeCard, MuteAllButton } from './VideoPanel';

const ROW_HEIGHT = 104;
const ROW_HEIGHT_PHONE = 190;

/** Why a site may publish now, or null: the floor, the host hall, the MC's leave, an open discussion. */
type PublishWhy = 'floor' | 'host' | 'allowed' | 'open' | null;

function publishWhy(settings: VideoSettings, floorSiteId: string | null, siteId: string): PublishWhy {
  if (floorSiteId === siteId) return 'floor';
  if (settings.hostSiteId === siteId) return 'host';
  if (settings.allowedSites.includes(siteId)) return 'allowed';
  return settings.openDiscussion ? 'open' : null;
}

const FILTERS = ['all', 'in', 'out', 'publishing'] as const;
type Filter = (typeof FILTERS)[number];

type RowProps = { site: SiteRow; why: PublishWhy; allowed: boolean; locked: boolean; roomOpen: boolean; actions: RowActions };
type RowActions = {
  mute: (site: SiteRow, source: 'microphone' | 'camera') => void;
  allow: (site: SiteRow, allow: boolean) => void;
  remove: (site: SiteRow) => void;
};

const whyLabel = (t: Translate, why: PublishWhy) => (why === null ? t('vmc.why.none') : t(`vmc.why.${why}`));

const VideoSiteRow = memo(function VideoSiteRow({ site, why, allowed, locked, roomOpen, actions }: RowProps) {
  const t = useT();
  const video = site.video;
  const inRoom = roomOpen && video?.connected === true;
  return (
    <div className={`vsite ${why ? 'vsite--publishing' : ''} ${why === 'floor' ? 'vsite--floor' : ''}`} data-testid="video-site-row">
      <div className="vsite__site">
        <strong className="board-row__name" title={site.name}>
          {site.name}
        </strong>
        <span className="board-row__group">{site.group || t('board.noGroup')}</span>
      </div>
      <div className="vsite__status">
        {video ? <VideoPresence video={video} /> : <span className="hint">{t('common.none')}</span>}
        {video && <VideoDevices video={video} />}
      </div>
      <div className={`vsite__why ${why ? 'vsite__why--on' : ''}`}>{whyLabel(t, why)}</div>
      <div className="vsite__actions">
        <button type="button" className="button button--small" disabled={locked || !inRoom || !video?.microphone} onClick={() => actions.mute(site, 'microphone')} aria-label={`${t('vmc.muteMic')}: ${site.name}`}>
          <MicIcon off /> {t('vmc.muteMic')}
        </button>
        <button type="button" className="button button--small" disabled={locked || !inRoom || !video?.camera} onClick={() => actions.mute(site, 'camera')} aria-label={`${t('vmc.muteCamera')}: ${site.name}`}>
          <CameraIcon off /> {t('vmc.muteCamera')}
        </button>
        <button
          type="button"
          className={`button button--small ${allowed ? 'button--warning' : ''}`}
          disabled={locked}
          aria-pressed={allowed}
          onClick={() => actions.allow(site, !allowed)}
          aria-label={`${allowed ? t('vmc.disallow') : t('vmc.allow')}: ${site.name}`}
        >
          {allowed ? t('vmc.disallow') : t('vmc.allow')}
        </button>
        <button type="button" className="button button--small button--danger" disabled={locked || !inRoom} onClick={() => actions.remove(site)} aria-label={`${t('vmc.remove')}: ${site.name}`}>
          {t('vmc.remove')}
        </button>
      </div>
    </div>
  );
});

/** Open discussion, the host hall and mute all: who publishes besides the floor. */
function VideoSettingsPanel() {
  const t = useT();
  const settings = useVideoSettings();
  const ended = useEnded();
  // an ended meeting's bridge is closed: nothing here changes it
  const locked = useControlsLocked() || ended;
  return (
    <section className="panel vsettings" aria-labelledby="video-settings-title">
      <h2 id="video-settings-title">{t('vmc.settings')}</h2>
      <label className="vsettings__toggle">
        <input type="checkbox" checked={settings.openDiscussion} disabled={locked} onChange={(event) => void sendCommand('video:settings', { openDiscussion: event.target.checked })} />
        <span>
          <strong>{t('vmc.openDiscussion')}</strong>
          <span className="hint">{t('vmc.openDiscussionHint')}</span>
        </span>
      </label>
      <SitePicker label={t('vmc.host')} value={settings.hostSiteId} disabled={locked} onChange={(hostSiteId) => void sendCommand('video:settings', { hostSiteId })} noneLabel={t('vmc.noHost')} />
      <p className="hint vsettings__hint">{t('vmc.hostHint')}</p>
      <div className="vsettings__actions">
        <MuteAllButton />
      </div>
    </section>
  );
}

/** Every site with its video: search, filter, mute, allow to publish, remove from the room. */
function VideoSitesList() {
  const t = useT();
  const phone = useMediaQuery(PHONE_QUERY);
  const sites = useSortedSites();
  const settings = useVideoSettings();
  const floorSiteId = useFloorSiteId();
  const bridge = useVideoBridge();
  const ended = useEnded();
  // an ended meeting's bridge is closed: nothing here changes it
  const locked = useControlsLocked() || ended;
  const filters = useSiteFilters(sites);
  const [filter, setFilter] = useState<Filter>('all');
  const { matches } = filters;
  const rows = useMemo(
    () =>
      sites.flatMap((site) => {
        if (!matches(site)) return [];
        const why = publishWhy(settings, floorSiteId, site.id);
        const connected = site.video?.connected === true;
        if ((filter === 'in' && !connected) || (filter === 'out' && connected) || (filter === 'publishing' && why === null)) return [];
        return [{ site, why, allowed: settings.allowedSites.includes(site.id) }];
      }),
    [sites, matches, settings, floorSiteId, filter],
  );

  const actions: RowActions = useMemo(
    () => ({
      mute: (site, source) =>
        void runVideoCommand('video:mute', { siteId: site.id, source }).then(
          (res) => res && useAppStore.getState().pushToast('success', t(source === 'microphone' ? 'vmc.mutedMic' : 'vmc.mutedCamera', { name: site.name })),
        ),
      allow: (site, allow) => void sendCommand('video:allow', { siteId: site.id, allow }),
      remove: (site) =>
        void (async () => {
          const confirmed = await askConfirm({ title: t('vmc.removeTitle'), body: t('vmc.removeConfirm', { name: site.name }), confirmLabel: t('vmc.remove'), danger: true });
          if (confirmed && (await runVideoCommand('video:remove', { siteId: site.id }))) useAppStore.getState().pushToast('success', t('vmc.removed', { name: site.name }));
        })(),
    }),
    [t],
  );

  return (
    <section className="panel board-list vsites" aria-labelledby="video-sites-title">
      <SiteFilterBar title={t('vmc.sites')} titleId="video-sites-title" filters={filters} shown={rows.length} total={sites.length} countTestId="video-sites-count">
        <label className="board-list__filter">
          <span>{t('vmc.filter')}</span>
          <select value={filter} onChange={(event) => setFilter(event.target.value as Filter)}>
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`vmc.filter.${f}`)}
              </option>
            ))}
          </select>
        </label>
      </SiteFilterBar>
      {rows.length === 0 ? (
        <p className="empty">{sites.length === 0 ? t('board.noSites') : t('board.noMatch')}</p>
      ) : (
        <VirtualList
          items={rows}
          rowHeight={phone ? ROW_HEIGHT_PHONE : ROW_HEIGHT}
          keyOf={(row) => row.site.id}
          renderRow={(row) => <VideoSiteRow site={row.site} why={row.why} allowed={row.allowed} locked={locked} roomOpen={bridge?.room != null} actions={actions} />}
          label={t('vmc.sites')}
        />
      )}
    </section>
  );
}

/** The bridge's card on the video view: state, what is wrong, numbers, open, join or leave. */
function BridgePanel() {
  const t = useT();
  const bridge = useVideoBridge();
  const inStage = useVideoStageOpen();
  const ended = useEnded();
  if (!bridge) return <p className="loading">{t('common.loading')}</p>;
  return (
    <BridgeCard bridge={bridge} titleId="video-bridge-title" testId="mc-video-bridge">
      {!inStage && !ended && (
        <button type="button" className="button button--primary" onClick={() => useAppStore.getState().setVideoStage(true)}>
          {t('video.join')}
        </button>
      )}
    </BridgeCard>
  );
}

export function VideoView({ hidden }: { hidden: boolean }) {
  const bridge = useVideoBridge();
  const inStage = useVideoStageOpen();
  return (
    <main className="vview" hidden={hidden}>
      <div className="vview__main">
        <BridgePanel />
        {inStage && bridge?.configured && (
          <section className="panel vview__room">
            <StageHost role="mc" siteId={null} hidden={hidden} />
          </section>
        )}
      </div>
      {!hidden && bridge?.configured && (
        <div className="vview__side">
          <VideoSettingsPanel />
          <VideoSitesList />
        </div>
      )}
    </main>
  );
}
