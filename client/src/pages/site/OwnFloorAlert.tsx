import type { SiteRow } from '@diemcau/shared';
import { ClockText, isOvertime } from '../../components/ClockText';
import { StageMessage } from '../../components/StageMessage';
import { useFloorReading } from '../../hooks/useSpeakers';
import { useT } from '../../i18n';
import { shownName } from '../../i18n/generated';

/** The full-width call when the MC gives this site the floor, with the speaker's own countdown and the MC's message to the speaker. */
export function OwnFloorAlert({ site, now }: { site: SiteRow; now: number }) {
  const t = useT();
  const current = useFloorReading(now);
  if (current?.floor.entry.siteId !== site.id) return null;
  const { floor, reading } = current;
  return (
    <section className={`own-floor own-floor--${reading.phase}`} aria-labelledby="own-floor-call" data-testid="own-floor">
      {/* only the call is announced: the clock below changes every second */}
      <p className="own-floor__call" id="own-floor-call" role="alert">
        {t('site.yourFloor')}
      </p>
      <p className="own-floor__name">
        {shownName(t, floor.entry.speaker)}
        {floor.entry.speakerTitle && <span> · {floor.entry.speakerTitle}</span>}
      </p>
      <div className="own-floor__clock">
        {!isOvertime(reading) && <span className="own-floor__label">{t('site.timeLeft')}</span>}
        <ClockText reading={reading} testId="own-floor-clock" />
        {!reading.running && <span className="paused-badge">{t('mc.paused')}</span>}
      </div>
      <StageMessage now={now} className="own-floor__message" testId="own-floor-message" />
    </section>
  );
}
