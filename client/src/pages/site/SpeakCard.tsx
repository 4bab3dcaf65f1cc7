import { type SiteRow, vnTime } from '@diemcau/shared';
import { KindChip } from '../../components/speakers/SpeakerIdentity';
import { SpeakRequestForm } from '../../components/speakers/SpeakRequestForm';
import { useForecast } from '../../hooks/useSpeakers';
import { useT } from '../../i18n';
import { sendCommand } from '../../realtime/commands';
import { startSpeakOutbox } from '../../realtime/speakOutbox';
import { useAppStore } from '../../stores';
import { useControlsLocked, useEnded, useQueue } from '../../stores/selectors';
import { useEffect } from 'react';
import { shownName } from '../../i18n/generated';

const SITE_KINDS = ['comment', 'question', 'urgent'] as const;

function OwnEntries({ site, now }: { site: SiteRow; now: number }) {
  const t = useT();
  const locked = useControlsLocked();
  const own = useForecast(now).filter((f) => f.entry.siteId === site.id);
  if (own.length === 0) return null;
  return (
    <div className="own-entries">
      <h3>{t('site.yourRequests')}</h3>
      <ul>
        {own.map(({ entry, position, expectedStartAt }) => (
          <li key={entry.id} className="own-entry" data-testid="own-entry">
            <div className="own-entry__head">
              <KindChip kind={entry.kind} />
              <strong>{shownName(t, entry.speaker)}</strong>
            </div>
            {entry.topic && <p className="own-entry__topic">{entry.topic}</p>}
            <p className="own-entry__place" data-testid="own-place">
              {position === null || expectedStartAt === null
                ? t('site.placeSkipped')
                : t(position === 0 ? 'site.placeNext' : 'site.place', { n: position, time: vnTime(expectedStartAt) })}
            </p>
            <button type="button" className="button button--small button--danger-ghost" disabled={locked} onClick={() => void sendCommand('queue:withdraw', { entryId: entry.id })}>
              {t('site.withdraw')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Requests made without a connection: kept on the device, sent (once) when it is back. */
function KeptRequests() {
  const t = useT();
  const kept = useAppStore((s) => s.speakOutbox);
  if (kept.length === 0) return null;
  return (
    <div className="own-entries own-entries--kept" role="status" data-testid="speak-kept">
      <h3>{t('site.requestsKept')}</h3>
      <ul>
        {kept.map(({ requestId, input }) => (
          <li key={requestId} className="own-entry own-entry--kept">
            <div className="own-entry__head">
              <KindChip kind={input.kind} />
              <strong>{input.speaker}</strong>
            </div>
            <p className="own-entry__place">⏳ {t('site.requestWaiting')}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A site asks for the floor and follows its place in the queue, live; a request made offline waits on the device. */
export function SpeakCard({ site, now }: { site: SiteRow; now: number }) {
  const t = useT();
  const { open } = useQueue();
  const ended = useEnded();
  const meetingId = useAppStore((s) => s.meeting?.meetingId ?? null);
  useEffect(() => {
    if (meetingId === null) return;
    return startSpeakOutbox(`${meetingId}.site.${site.id}`);
  }, [meetingId, site.id]);
  return (
    <section className="panel site-card" aria-labelledby="speak-title">
      <h2 id="speak-title">{t('site.speakTitle')}</h2>
      <KeptRequests />
      <OwnEntries site={site} now={now} />
      {ended ? (
        <p className="hint">{t('site.speakEnded')}</p>
      ) : open ? (
        <SpeakRequestForm kinds={SITE_KINDS} submitLabel={t('site.speakSend')} successText={t('site.requestSent')} className="site-form" keepWhenOffline />
      ) : (
        <p className="hint">{t('site.speakClosed')}</p>
      )}
    </section>
  );
}
