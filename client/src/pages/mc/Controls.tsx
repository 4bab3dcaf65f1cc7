import { vnInstant, vnTime } from '@diemcau/shared';
import { useState } from 'react';
import { askConfirm } from '../../components/confirm';
import { Dialog } from '../../components/Dialog';
import { useNow } from '../../hooks/useNow';
import { useT } from '../../i18n';
import { formatDate, formatMinutes } from '../../i18n/format';
import { sendCommand } from '../../realtime/commands';
import { useAppStore } from '../../stores';
import { useAgenda, useControlsLocked, useCurrentItem, useDetails, useLive } from '../../stores/selectors';
import { adjust, next, previous, togglePause } from './actions';

/** Starting further than this from the planned start offers to move the plan. */
const FAR_FROM_PLAN_MS = 5 * 60_000;
const ADJUSTMENTS = [-5, -1, 1, 5] as const;

function StartButton() {
  const t = useT();
  const now = useNow();
  const details = useDetails();
  const empty = useAgenda().length === 0;
  const locked = useControlsLocked();
  const [asking, setAsking] = useState(false);
  if (!details) return null;
  const plannedAt = vnInstant(details.date, details.startTime);
  const start = async (shiftPlan: boolean) => {
    setAsking(false);
    await sendCommand('meeting:start', { shiftPlan });
  };
  return (
    <>
      <button
        type="button"
        className="button button--primary button--huge"
        disabled={locked || empty}
        onClick={() => (Math.abs(now - plannedAt) > FAR_FROM_PLAN_MS ? setAsking(true) : void start(false))}
      >
        ▶ {t('mc.start')}
      </button>
      <Dialog open={asking} title={t('mc.startTitle')} onClose={() => setAsking(false)}>
        <p className="dialog__text">{t('mc.startFar', { time: `${vnTime(plannedAt)} ${formatDate(details.date)}`, t: formatMinutes(t, now - plannedAt) })}</p>
        <p className="hint">{t('mc.startShiftHint')}</p>
        <div className="dialog__actions dialog__actions--stack">
          <button type="button" className="button button--primary" onClick={() => void start(true)} autoFocus>
            {t('mc.startShift')}
          </button>
          <button type="button" className="button" onClick={() => void start(false)}>
            {t('mc.startKeep')}
          </button>
          <button type="button" className="button button--ghost" onClick={() => setAsking(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </Dialog>
    </>
  );
}

function EndReset() {
  const t = useT();
  const locked = useControlsLocked();
  const end = async () => {
    if (await askConfirm({ title: t('mc.end'), body: t('mc.endConfirm'), confirmLabel: t('mc.end'), danger: true })) await sendCommand('meeting:end', {});
  };
  const reset = async () => {
    if (await askConfirm({ title: t('mc.reset'), body: t('mc.resetConfirm'), confirmLabel: t('mc.reset'), danger: true })) await sendCommand('meeting:reset', {});
  };
  return (
    <div className="controls__row controls__row--end">
      <button type="button" className="button button--danger" disabled={locked} onClick={() => void end()}>
        ■ {t('mc.end')}
      </button>
      <button type="button" className="button button--ghost" disabled={locked} onClick={() => void reset()}>
        ↺ {t('mc.reset')}
      </button>
    </div>
  );
}

/** After the end everything is read-only; only the organiser reopens the meeting, on purpose. */
function Reopen() {
  const t = useT();
  const locked = useControlsLocked();
  const organiser = useAppStore((s) => s.meeting?.role) === 'admin';
  const reopen = async () => {
    if (await askConfirm({ title: t('mc.reopen'), body: t('mc.reopenConfirm'), confirmLabel: t('mc.reopen'), danger: true })) await sendCommand('meeting:reopen', {});
  };
  return (
    <div className="controls__row controls__row--end">
      <p className="hint" data-testid="ended-readonly">{t('mc.endedReadOnly')}</p>
      {organiser && (
        <button type="button" className="button button--ghost" disabled={locked} onClick={() => void reopen()}>
          ↺ {t('mc.reopen')}
        </button>
      )}
    </div>
  );
}

/** Start, navigation, pause and time adjustments; every button waits while a command is in flight. */
export function Controls() {
  const t = useT();
  const live = useLive();
  const current = useCurrentItem();
  const locked = useControlsLocked();
  if (!live) return null;

  if (live.status !== 'live') {
    return (
      <section className="panel controls" aria-label={t('mc.status')}>
        {live.status === 'scheduled' ? <StartButton /> : <Reopen />}
      </section>
    );
  }

  const paused = live.timer?.startedAt === null;
  const countUp = current?.plan?.durationMs === null;
  return (
    <section className="panel controls" aria-label={t('mc.status')}>
      <div className="controls__row controls__row--main">
        <button type="button" className="button button--large" disabled={locked || !current || current.index === 0} onClick={() => void previous()}>
          ◀ {t('mc.previous')}
        </button>
        <button type="button" className={`button button--large ${paused ? 'button--warning' : ''}`} disabled={locked} onClick={() => void togglePause()}>
          {paused ? `▶ ${t('mc.resume')}` : `❚❚ ${t('mc.pause')}`}
        </button>
        <button type="button" className="button button--primary button--large" disabled={locked || !current?.next} onClick={() => void next()}>
          {t('mc.next')} ▶
        </button>
      </div>
      <div className="controls__row controls__row--adjust" role="group" aria-label={t('mc.adjust')}>
        {ADJUSTMENTS.map((minutes) => (
          <button
            key={minutes}
            type="button"
            className="button button--adjust"
            disabled={locked || countUp}
            aria-label={minutes < 0 ? t('mc.adjustMinus', { n: -minutes }) : t('mc.adjustPlus', { n: minutes })}
            onClick={() => void adjust(minutes * 60_000)}
          >
            {minutes < 0 ? `−${-minutes}` : `+${minutes}`}′
          </button>
        ))}
      </div>
      <p className="hint shortcuts">{t('mc.shortcuts')}</p>
      <EndReset />
    </section>
  );
}
