import { type ForecastEntry, vnTime } from '@diemcau/shared';
import { askConfirm } from '../../../components/confirm';
import { KindChip, useSpeakerWhere } from '../../../components/speakers/SpeakerIdentity';
import { useNow } from '../../../hooks/useNow';
import { useForecast } from '../../../hooks/useSpeakers';
import { useT } from '../../../i18n';
import { sendCommand } from '../../../realtime/commands';
import { useControlsLocked, useQueue } from '../../../stores/selectors';
import { shownName } from '../../../i18n/generated';

const LIMITS: readonly number[] = [1, 2, 3, 5];

function Settings() {
  const t = useT();
  const locked = useControlsLocked();
  const { open, perSiteLimit } = useQueue();
  // a limit set elsewhere (another console, the API) stays selectable
  const limits = perSiteLimit === null || LIMITS.includes(perSiteLimit) ? LIMITS : [...LIMITS, perSiteLimit].sort((a, b) => a - b);
  return (
    <div className="queue-settings">
      <span className={open ? 'queue-settings__state queue-settings__state--open' : 'queue-settings__state'}>{t(open ? 'speakers.isOpen' : 'speakers.isClosed')}</span>
      <button type="button" className="button button--small" disabled={locked} onClick={() => void sendCommand('queue:settings', { open: !open })}>
        {t(open ? 'speakers.closeList' : 'speakers.openList')}
      </button>
      <label className="queue-settings__limit">
        <span>{t('speakers.limit')}</span>
        <select
          value={perSiteLimit ?? ''}
          disabled={locked}
          onChange={(event) => void sendCommand('queue:settings', { perSiteLimit: event.target.value === '' ? null : Number(event.target.value) })}
        >
          <option value="">{t('speakers.noLimit')}</option>
          {limits.map((n) => (
            <option key={n} value={n}>
              {t('speakers.limitN', { n })}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function EntryRow({ forecast, index, count }: { forecast: ForecastEntry; index: number; count: number }) {
  const t = useT();
  const locked = useControlsLocked();
  const where = useSpeakerWhere();
  const { entry, position, expectedStartAt } = forecast;
  // Who had the floor as this console shows it: "give the floor" is refused if it moved on meanwhile.
  const floorId = useQueue().floor?.entry.id ?? null;
  const move = (toIndex: number) => void sendCommand('queue:move', { entryId: entry.id, toIndex });
  const remove = async () => {
    if (await askConfirm({ title: t('speakers.remove'), body: t('speakers.removeConfirm', { name: shownName(t, entry.speaker) }), confirmLabel: t('speakers.remove'), danger: true })) {
      await sendCommand('queue:withdraw', { entryId: entry.id });
    }
  };
  return (
    <li className={entry.skipped ? 'queue-entry queue-entry--skipped' : 'queue-entry'} data-testid="queue-entry">
      <span className="queue-entry__place">{position === null ? '—' : position + 1}</span>
      <div className="queue-entry__body">
        <div className="queue-entry__head">
          <KindChip kind={entry.kind} />
          <strong className="queue-entry__name">{shownName(t, entry.speaker)}</strong>
          {entry.skipped && <span className="chip chip--small">{t('speakers.skipped')}</span>}
        </div>
        {where(entry) && <p className="queue-entry__where">{where(entry)}</p>}
        {entry.topic && <p className="queue-entry__topic">{entry.topic}</p>}
        <p className="queue-entry__times">
          {t('speakers.requestedAt', { time: vnTime(entry.requestedAt) })}
          {expectedStartAt !== null && <> · {t('speakers.expectedAt', { time: vnTime(expectedStartAt) })}</>}
        </p>
      </div>
      <div className="queue-entry__actions" role="group" aria-label={t('speakers.entryActions', { name: shownName(t, entry.speaker) })}>
        <button type="button" className="button button--small button--primary" disabled={locked} onClick={() => void sendCommand('floor:give', { entryId: entry.id, current: floorId })}>
          {t('speakers.giveNow')}
        </button>
        <button type="button" className="button button--small" disabled={locked || index === 0} title={t('speakers.moveTop')} aria-label={t('speakers.moveTop')} onClick={() => move(0)}>
          ⤒
        </button>
        <button type="button" className="button button--small" disabled={locked || index === 0} title={t('speakers.moveUp')} aria-label={t('speakers.moveUp')} onClick={() => move(index - 1)}>
          ↑
        </button>
        <button type="button" className="button button--small" disabled={locked || index === count - 1} title={t('speakers.moveDown')} aria-label={t('speakers.moveDown')} onClick={() => move(index + 1)}>
          ↓
        </button>
        <button type="button" className="button button--small" disabled={locked} onClick={() => void sendCommand(entry.skipped ? 'queue:restore' : 'queue:skip', { entryId: entry.id })}>
          {t(entry.skipped ? 'speakers.restore' : 'speakers.skip')}
        </button>
        <button type="button" className="button button--small button--danger-ghost" disabled={locked} onClick={() => void remove()}>
          {t('speakers.remove')}
        </button>
      </div>
    </li>
  );
}

/** The requests to speak in order, with their expected start and the MC's actions on each. */
export function QueuePanel() {
  const t = useT();
  const now = useNow(1_000);
  const forecast = useForecast(now);
  return (
    <section className="panel queue-panel" aria-labelledby="queue-title">
      <div className="panel__head">
        <h2 id="queue-title">{t('speakers.queueTitle', { n: forecast.length })}</h2>
      </div>
      <Settings />
      {forecast.length === 0 ? (
        <p className="empty">{t('speakers.queueEmpty')}</p>
      ) : (
        <ol className="queue-list">
          {forecast.map((f, index) => (
            <EntryRow key={f.entry.id} forecast={f} index={index} count={forecast.length} />
          ))}
        </ol>
      )}
    </section>
  );
}
