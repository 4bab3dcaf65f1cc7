import { type Floor, formatClock, type TimerReading } from '@diemcau/shared';
import { ClockText, PhaseAnnouncer, TimerProgress } from '../../../components/ClockText';
import { KindChip, useSpeakerWhere } from '../../../components/speakers/SpeakerIdentity';
import { useNow } from '../../../hooks/useNow';
import { useFloorReading, useUpNext } from '../../../hooks/useSpeakers';
import { useT } from '../../../i18n';
import { formatMinutes } from '../../../i18n/format';
import { sendCommand } from '../../../realtime/commands';
import { useControlsLocked } from '../../../stores/selectors';
import { shownName } from '../../../i18n/generated';

function FloorNow({ floor, reading }: { floor: Floor; reading: TimerReading }) {
  const t = useT();
  const locked = useControlsLocked();
  const where = useSpeakerWhere();
  const { entry } = floor;
  const addedMs = floor.timer.addedMs;
  return (
    <div className={`current current--${reading.phase}`}>
      <div className="floor__top">
        <span className="floor__eyebrow">{t('speakers.speaking')}</span>
        <KindChip kind={entry.kind} />
        {!reading.running && <span className="paused-badge">{t('mc.paused')}</span>}
      </div>
      <h2 className="floor__name" data-testid="floor-speaker">
        {shownName(t, entry.speaker)}
      </h2>
      {where(entry) && <p className="floor__where">{where(entry)}</p>}
      {entry.topic && <p className="floor__topic">{entry.topic}</p>}
      <div className="floor__clock">
        <ClockText reading={reading} testId="mc-floor-clock" />
        <span className="floor__facts">
          {formatClock(reading.elapsedMs)} / {formatMinutes(t, entry.plannedMs)}
          {addedMs !== 0 && <span className={addedMs > 0 ? 'delta delta--late' : 'delta delta--early'}> ({addedMs > 0 ? '+' : '−'}{formatClock(Math.abs(addedMs))})</span>}
        </span>
      </div>
      <PhaseAnnouncer reading={reading} />
      <TimerProgress reading={reading} />
      <div className="floor__controls">
        <button type="button" className={`button ${reading.running ? '' : 'button--warning'}`} disabled={locked} onClick={() => void sendCommand(reading.running ? 'floor:pause' : 'floor:resume', { entryId: entry.id })}>
          {reading.running ? `❚❚ ${t('mc.pause')}` : `▶ ${t('mc.resume')}`}
        </button>
        <button type="button" className="button button--adjust" disabled={locked} aria-label={t('speakers.adjustMinus')} onClick={() => void sendCommand('floor:adjust', { entryId: entry.id, deltaMs: -60_000 })}>
          −1′
        </button>
        <button type="button" className="button button--adjust" disabled={locked} aria-label={t('speakers.adjustPlus')} onClick={() => void sendCommand('floor:adjust', { entryId: entry.id, deltaMs: 60_000 })}>
          +1′
        </button>
        <button type="button" className="button button--danger" disabled={locked} onClick={() => void sendCommand('floor:end', { entryId: entry.id })}>
          ■ {t('speakers.endTurn')}
        </button>
      </div>
    </div>
  );
}

/** Who has the floor with their own clock and controls, and the button that invites the next one. */
export function FloorPanel() {
  const t = useT();
  const now = useNow();
  const locked = useControlsLocked();
  const current = useFloorReading(now);
  const [next] = useUpNext(now, 1);
  return (
    <section className="panel panel--current floor-panel" aria-label={t('speakers.speaking')} data-testid="floor-panel">
      {current ? <FloorNow floor={current.floor} reading={current.reading} /> : <p className="current current--idle empty">{t('speakers.nobody')}</p>}
      <div className="floor-panel__next">
        <button type="button" className="button button--primary button--large" disabled={locked || !next} onClick={() => next && void sendCommand('floor:give', { entryId: next.entry.id, current: current?.floor.entry.id ?? null })}>
          {t('speakers.giveNext')} ▶
        </button>
        {next && <span className="floor-panel__next-name">{t('speakers.nextIs', { name: shownName(t, next.entry.speaker) })}</span>}
      </div>
    </section>
  );
}
