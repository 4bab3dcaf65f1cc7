import { useState } from 'react';
import { ConnectionDot } from '../../components/ConnectionBanner';
import { Dialog } from '../../components/Dialog';
import { DetailsForm } from '../../components/DetailsForm';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useNow } from '../../hooks/useNow';
import { followLink, mcPath, type McView } from '../../lib/router';
import { useT } from '../../i18n';
import { formatClockTime, formatWhen } from '../../i18n/format';
import { sendCommand } from '../../realtime/commands';
import { useAppStore } from '../../stores';
import { usePendingCount } from '../questions/hooks';
import { useClock, useControlsLocked, useDetails, useLive, useQueue } from '../../stores/selectors';
import { useVideoConfigured, useVideoCounts } from '../../video/state';

function ServerClock() {
  const t = useT();
  const now = useNow();
  const { offsetMs, rttMs } = useClock();
  const tenths = Math.round(offsetMs / 100);
  const offset = `${tenths > 0 ? '+' : tenths < 0 ? '−' : '±'}${(Math.abs(tenths) / 10).toFixed(1)}`;
  return (
    <div className="server-clock" title={rttMs === null ? undefined : `RTT ${Math.round(rttMs)} ms`}>
      <span className="server-clock__label">{t('conn.serverTime')}</span>
      <span className="server-clock__time mono" data-testid="server-time">
        {formatClockTime(now)}
      </span>
      <span className="server-clock__offset">{t('conn.offset', { s: offset })}</span>
    </div>
  );
}

function Tabs({ token, view }: { token: string; view: McView }) {
  const t = useT();
  const sites = useAppStore((s) => s.sites.size);
  const waiting = useQueue().entries.length;
  const pending = usePendingCount();
  const video = useVideoConfigured();
  const counts = useVideoCounts();
  return (
    <nav className="mc-tabs" aria-label={t('mc.views')}>
      <a href={mcPath(token, 'console')} aria-current={view === 'console' ? 'page' : undefined} onClick={followLink}>
        {t('mc.viewConsole')}
      </a>
      <a href={mcPath(token, 'sites')} aria-current={view === 'sites' ? 'page' : undefined} onClick={followLink}>
        {t('mc.viewSites', { n: sites })}
      </a>
      <a href={mcPath(token, 'speakers')} aria-current={view === 'speakers' ? 'page' : undefined} onClick={followLink}>
        {t('mc.viewSpeakers', { n: waiting })}
      </a>
      <a href={mcPath(token, 'questions')} aria-current={view === 'questions' ? 'page' : undefined} onClick={followLink} aria-label={t('mc.viewQuestionsLabel', { n: pending })}>
        {t('mc.viewQuestions')}
        {pending > 0 && (
          <span className="mc-tabs__badge" data-testid="questions-pending">
            {pending}
          </span>
        )}
      </a>
      <a href={mcPath(token, 'reports')} aria-current={view === 'reports' ? 'page' : undefined} onClick={followLink}>
        {t('mc.viewReports')}
      </a>
      {video && (
        <a href={mcPath(token, 'video')} aria-current={view === 'video' ? 'page' : undefined} onClick={followLink} aria-label={t('mc.viewVideoLabel', { n: counts.connected, total: counts.sites })}>
          {t('mc.viewVideo', { n: counts.connected })}
        </a>
      )}
    </nav>
  );
}

/** Title, views, status, connection, server time and language: what the MC checks at a glance. */
export function McHeader({ token, view }: { token: string; view: McView }) {
  const t = useT();
  const details = useDetails();
  const live = useLive();
  const locked = useControlsLocked();
  const [editing, setEditing] = useState(false);

  const save = async (changed: NonNullable<typeof details>) => {
    const ok = await sendCommand('meeting:update', { details: changed });
    if (ok) {
      setEditing(false);
      useAppStore.getState().pushToast('success', t('details.saved'));
    }
    return ok;
  };

  return (
    <header className="mc-header">
      <div className="mc-header__brand" aria-hidden="true">
        diemcau <span>MC</span>
      </div>
      <div className="mc-header__meeting">
        <h1 className="mc-header__title" title={details?.title}>
          {details?.title ?? t('common.loading')}
        </h1>
        {details && (
          <p className="mc-header__sub">
            {[details.documentRef, details.organiser, formatWhen(t, details.date, details.startTime)].filter(Boolean).join(' · ')}
          </p>
        )}
      </div>
      <Tabs token={token} view={view} />
      {live && (
        <span className={`status-pill status-pill--${live.status}`} aria-label={`${t('mc.status')}: ${t(`status.${live.status}`)}`}>
          {t(`status.${live.status}`)}
        </span>
      )}
      {details && live?.status !== 'ended' && (
        <button type="button" className="button button--small" onClick={() => setEditing(true)} disabled={locked}>
          {t('details.edit')}
        </button>
      )}
      <ConnectionDot />
      <ServerClock />
      <LanguageSwitch />
      {details && (
        <Dialog open={editing} title={t('details.edit')} onClose={() => setEditing(false)} wide>
          <DetailsForm initial={details} submitLabel={t('common.save')} onSubmit={save} onCancel={() => setEditing(false)} />
        </Dialog>
      )}
    </header>
  );
}
