import { MINUTE_MS, rollCallOpen } from '@diemcau/shared';
import { useState } from 'react';
import { RollCallProgress } from '../../components/AttendanceTotals';
import { useNow } from '../../hooks/useNow';
import { useT } from '../../i18n';
import { sendAttendance } from '../../realtime/commands';
import { useControlsLocked, useCurrentRollCall, useSiteRows } from '../../stores/selectors';

const DURATIONS_MIN = [1, 2, 5] as const;

/** Start a roll call (1, 2 or 5 minutes, optional label), follow the answers, close it early. */
export function RollCallPanel() {
  const t = useT();
  const now = useNow();
  const rollCall = useCurrentRollCall();
  const sites = useSiteRows().length;
  const locked = useControlsLocked();
  const [minutes, setMinutes] = useState<number>(2);
  const [label, setLabel] = useState('');
  const open = rollCall !== null && rollCallOpen(rollCall, now);

  const start = async () => {
    if (await sendAttendance('rollCall:start', { label: label.trim(), durationMs: minutes * MINUTE_MS })) setLabel('');
  };

  return (
    <section className="panel roll-panel" aria-labelledby="roll-title">
      <h2 id="roll-title">{t('rollCall.title')}</h2>
      {rollCall && <RollCallProgress rollCall={rollCall} now={now} />}
      {open ? (
        <button type="button" className="button button--danger" disabled={locked} onClick={() => void sendAttendance('rollCall:close', { rollCallId: rollCall.id })}>
          ■ {t('rollCall.close')}
        </button>
      ) : (
        <div className="roll-panel__start">
          <div className="segmented" role="radiogroup" aria-label={t('rollCall.duration')}>
            {DURATIONS_MIN.map((n) => (
              <button key={n} type="button" role="radio" aria-checked={minutes === n} onClick={() => setMinutes(n)}>
                {t('common.minutes', { n })}
              </button>
            ))}
          </div>
          <label className="field">
            <span className="visually-hidden">{t('rollCall.label')}</span>
            <input value={label} maxLength={120} placeholder={t('rollCall.labelPlaceholder')} aria-label={t('rollCall.label')} onChange={(event) => setLabel(event.target.value)} />
          </label>
          <button type="button" className="button button--primary" disabled={locked || sites === 0} onClick={() => void start()}>
            {t('rollCall.start')}
          </button>
        </div>
      )}
    </section>
  );
}
