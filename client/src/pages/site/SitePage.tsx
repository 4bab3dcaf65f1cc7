import { useEffect } from 'react';
import { ConnectionBanner, ConnectionDot } from '../../components/ConnectionBanner';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useMeetingConnection } from '../../hooks/useMeetingConnection';
import { useNow } from '../../hooks/useNow';
import { useT } from '../../i18n';
import { formatClockTime } from '../../i18n/format';
import { keepShellOffline } from '../../lib/shell';
import { useConnection, useDetails, useOwnSite } from '../../stores/selectors';
import { CheckInCard } from './CheckInCard';
import { FloorNowPanel } from '../../components/speakers/FloorNowPanel';
import { NowPanel } from './NowPanel';
import { OwnFloorAlert } from './OwnFloorAlert';
import { QuestionsCard } from './QuestionsCard';
import { ReadinessCard } from './ReadinessCard';
import { RollCallPrompt } from './RollCallPrompt';
import { SpeakCard } from './SpeakCard';
import { VideoCard } from '../../video/VideoCard';
import { unlockAlarmSound } from '../../lib/alarm';
import './site-day.css';

/** A site's page (phone or hall TV): what is on, check-in, requests to speak, readiness and the roll call. */
export function SitePage({ token }: { token: string }) {
  const t = useT();
  useMeetingConnection(token);
  // a roll call may ring later: browsers allow sound only after a first touch of the page
  useEffect(() => unlockAlarmSound(), []);
  useEffect(keepShellOffline, []);
  const now = useNow();
  const details = useDetails();
  const site = useOwnSite();
  const { status } = useConnection();
  const ready = details !== null && site !== null;

  return (
    <div className="site-page">
      <header className="site-header">
        <div className="site-header__text">
          <span className="site-header__eyebrow">{t('site.eyebrow')}</span>
          <h1 className="site-header__name" data-testid="site-name">
            {site?.name ?? t('common.loading')}
          </h1>
          {details && <p className="site-header__meeting">{details.title}</p>}
        </div>
        <div className="site-header__tools">
          <span className="site-header__time mono">{formatClockTime(now).slice(0, 5)}</span>
          <ConnectionDot />
          <LanguageSwitch />
        </div>
      </header>
      <ConnectionBanner />
      {ready && <OwnFloorAlert site={site} now={now} />}
      {ready ? (
        <main className="site-main">
          <RollCallPrompt key={site.id} site={site} now={now} />
          <div className="site-main__now">
            <NowPanel now={now} />
            <FloorNowPanel now={now} />
            <VideoCard siteId={site.id} />
            <QuestionsCard site={site} />
          </div>
          <div className="site-main__actions">
            <CheckInCard site={site} />
            <SpeakCard site={site} now={now} />
            <ReadinessCard site={site} />
          </div>
        </main>
      ) : (
        status !== 'failed' && status !== 'deleted' && <p className="loading">{t('conn.connecting')}</p>
      )}
    </div>
  );
}
