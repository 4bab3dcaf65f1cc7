import { ClockText, PhaseAnnouncer, TimerProgress } from '../ClockText';
import { useFloorReading, useUpNext } from '../../hooks/useSpeakers';
import { useT } from '../../i18n';
import { KindChip, UpNextList, useSpeakerWhere } from './SpeakerIdentity';
import { shownName } from '../../i18n/generated';

const UP_NEXT = 3;

/** Everyone's view of the floor: the speaker, their time left and the next three; nothing while the queue is idle. */
export function FloorNowPanel({ now }: { now: number }) {
  const t = useT();
  const current = useFloorReading(now);
  const next = useUpNext(now, UP_NEXT).map((f) => f.entry);
  const where = useSpeakerWhere();
  if (!current && next.length === 0) return null;
  return (
    <section className="panel floor-now" aria-label={t('speakers.speaking')} data-testid="floor-now">
      {current && (
        <div className={`current current--${current.reading.phase} floor-now__current`}>
          <div className="floor__top">
            <span className="floor__eyebrow">{t('speakers.speaking')}</span>
            <KindChip kind={current.floor.entry.kind} />
            {!current.reading.running && <span className="paused-badge">{t('mc.paused')}</span>}
          </div>
          <p className="floor-now__name" data-testid="floor-now-speaker">
            {shownName(t, current.floor.entry.speaker)}
          </p>
          {where(current.floor.entry) && <p className="floor__where">{where(current.floor.entry)}</p>}
          <ClockText reading={current.reading} className="floor-now__clock" testId="floor-now-clock" />
          <PhaseAnnouncer reading={current.reading} />
          <TimerProgress reading={current.reading} />
        </div>
      )}
      <UpNextList entries={next} />
    </section>
  );
}
